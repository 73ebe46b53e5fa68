// The per-read work of `cutover trim`: cutadapt 4.2's modifications (-u cuts, NextSeq trimming,
// quality trimming, adapter removal, --length, --trim-n, the read-name options, --zero-cap,
// --rename) and filters (-m, -M, --max-n,
// --max-ee, --discard-casava, --discard-trimmed/--discard-untrimmed), in cutadapt's order.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trim/adapter.h"
#include "trim/read_names.h"
#include "trim/statistics.h"
#include "trim/trim_options.h"
#include "util/status.h"

namespace cutover::trim {

// A read as views into the input; trimming narrows sequence and quality together.
struct ReadView {
  std::string_view name;  // the header without '@'
  std::string_view sequence;
  std::string_view quality;
};

// Where a processed read (or pair) goes.
enum class Route : uint8_t {
  kOutput,     // the output (-o/-p)
  kDiscard,    // nowhere: a filter rejected it and has no output of its own
  kTooShort,   // --too-short-output (and --too-short-paired-output)
  kTooLong,    // --too-long-output
  kUntrimmed,  // --untrimmed-output
};

// Not thread-safe (adapters have scratch space): copy one per worker thread.
class ReadTrimmer {
 public:
  // Builds the adapters. kInvalidArgument for a bad adapter specification; kNotFound/kIoError
  // for an adapter file that cannot be read.
  static Result<ReadTrimmer> Create(const TrimOptions& options);

  // Statistics with the counters this configuration reports (enabled filters, adapters...),
  // all zero.
  TrimStats NewStats() const;

  // Modifies and filters one read (or pair), counts into *stats, and says where it goes.
  Route Process(ReadView* read, TrimStats* stats);
  Route ProcessPair(ReadView* read1, ReadView* read2, TrimStats* stats);

  const std::vector<Adapter>& adapters(int mate) const { return adapters_[mate]; }
  // Whether --rename gives reads new names (then the mates of a pair must still match).
  bool renames() const { return rename_.has_value(); }

 private:
  ReadTrimmer() = default;
  // The modifications on one mate; returns whether an adapter was found.
  bool Modify(int mate, ReadView* read, TrimStats* stats);
  // --action other than trim, once the removal rounds found `last` (the last round's match)
  // in `before` (the read as the rounds got it) and narrowed *read to what trimming keeps.
  void ApplyAction(int mate, const ReadView& before, const AdapterMatch& last, ReadView* read);
  // After the other modifications: --length-tag, --strip-suffix, -x/-y and --zero-cap.
  void EditNameAndQualities(int mate, ReadView* read);
  // Whether a filter rejects one read (`matched`: an adapter was found in it).
  bool Rejects(Filter f, int mate, const ReadView& read, bool matched) const;
  // Where the reads that filter f rejects go.
  Route Rejected(Filter f) const;

  TrimOptions options_;
  std::array<std::vector<Adapter>, 2> adapters_;
  std::array<std::vector<int>, 2> cuts_;
  std::array<std::optional<QualityCutoffs>, 2> quality_;
  std::vector<Filter> filters_;  // enabled, in order
  bool override_untrimmed_pair_filter_ = false;
  // Per mate: the sequence that --action mask or lowercase wrote (a read's views point into it
  // until the next read).
  std::array<std::string, 2> edited_;
  // The read-name options: whether any is given, the --rename template (none for "{header}"),
  // and per mate what the templates and {name} read (facts_), with the buffers a read's name,
  // qualities and match sequence point into until the next read.
  bool names_ = false;
  bool edits_names_ = false;  // --length-tag, --strip-suffix, -x or -y
  bool track_cuts_ = false;   // the template reads {cut_prefix} or {cut_suffix}
  bool track_bases_ = false;  // the template reads {match_sequence}
  std::optional<RenameTemplate> rename_;
  std::array<ReadFacts, 2> facts_;
  std::array<std::string, 2> name_, renamed_, capped_, match_sequence_;
};

// cutadapt's expected number of errors of a read: the sum of 10^(-q/10). Note that cutadapt
// always decodes qualities with base 33 here, whatever --quality-base says.
double ExpectedErrors(std::string_view quality);

}  // namespace cutover::trim
