// What `cutover trim` does to each read: cutadapt 4.2's modifications and filters, with its
// defaults. The command-line layer (trim/command_line.h) fills this in; ReadTrimmer applies it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "trim/adapter.h"
#include "trim/adapter_spec.h"

namespace cutover::trim {

// --pair-filter: which mates must fail a filter for the pair to be discarded.
enum class PairFilter { kAny, kBoth, kFirst };

// --action: what a found adapter does to the read (cutadapt's AdapterCutter). Each keeps the
// statistics and the trimmed/untrimmed filters of a match; they differ in the read written.
enum class AdapterAction {
  kTrim,       // remove the adapter and the sequence before (5') or after (3') it
  kRetain,     // as kTrim, but keep the adapter itself (only with one removal round)
  kMask,       // replace what kTrim would remove by 'N' (qualities kept)
  kLowercase,  // the read in upper case, what kTrim would remove in lower case
  kNone,       // leave the read as it is
};

struct QualityCutoffs {
  int front = 0;  // 5' cutoff; 0 leaves the 5' end alone
  int back = 0;   // 3' cutoff
};

// -m/-M "LEN[:LEN2]": a limit for R1 and one for R2 (paired-end); either may be absent.
struct LengthLimit {
  std::optional<int> read1;
  std::optional<int> read2;
};

struct TrimOptions {
  bool paired = false;
  // Adapters (-a/-g/-b for R1, -A/-G/-B for R2) and the defaults of their search parameters.
  std::vector<AdapterSpecText> adapters1;
  std::vector<AdapterSpecText> adapters2;
  SearchParameters search;
  int times = 1;  // -n: adapter removal rounds
  AdapterAction action = AdapterAction::kTrim;
  // cutadapt indexes more than 5 anchored adapters (its --no-index turns that off) and then
  // matches by its own rules, which cutover does not reproduce: such runs are refused unless
  // this is false.
  bool index = true;
  // Modifications, applied in this order (cutadapt's order).
  std::vector<int> cut1;  // -u: > 0 removes from the start, < 0 from the end
  std::vector<int> cut2;  // -U
  std::optional<int> nextseq_cutoff;
  std::optional<QualityCutoffs> quality1;  // -q
  std::optional<QualityCutoffs> quality2;  // -Q (paired-end; defaults to -q)
  int quality_base = 33;
  std::optional<int> shorten;  // -l/--length: > 0 keeps the start, < 0 the end
  bool trim_n = false;
  // Read names (trim/read_names.h), on both mates, in this order: --length-tag, each
  // --strip-suffix, -x/-y ("{name}": the last match's adapter); then --zero-cap on the
  // qualities, and --rename (a template; "{header}" alone renames nothing) last.
  std::optional<std::string> length_tag;
  std::vector<std::string> strip_suffixes;
  std::string prefix, suffix;
  bool zero_cap = false;
  std::optional<std::string> rename;
  // Filters, applied in this order after the modifications.
  std::optional<LengthLimit> minimum_length;
  std::optional<LengthLimit> maximum_length;
  std::optional<double> max_n;  // a count, or a fraction of the length when below 1
  std::optional<double> max_expected_errors;
  bool discard_casava = false;
  bool discard_trimmed = false;
  bool discard_untrimmed = false;
  PairFilter pair_filter = PairFilter::kAny;
  // Whether the reads that a filter rejects go to an output of their own (--too-short-output,
  // --too-long-output, --untrimmed-output) instead of nowhere. --untrimmed-output filters the
  // untrimmed reads out of the main output, as --discard-untrimmed does.
  bool too_short_output = false;
  bool too_long_output = false;
  bool untrimmed_output = false;
};

}  // namespace cutover::trim
