// Adapters as cutadapt 4.2 defines them: where in the read each kind may match (3', 5',
// anchored, non-internal, anywhere, rightmost 5', linked), which part of the read a match
// removes, and how a set of adapters picks the best match.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "trim/aligner.h"
#include "util/status.h"

namespace cutover::trim {

// cutadapt's search parameters (-e, -O, --match-read-wildcards, -N, --no-indels), also
// settable per adapter ("ADAPTER;e=0.2;o=5;noindels").
// The largest error count an adapter may be given (SingleAdapter::Create refuses more).
inline constexpr double kMaxErrorCount = 1'000'000;

struct SearchParameters {
  double max_errors = 0.1;        // a rate below 1; a count of errors from 1 up
  int min_overlap = 3;
  bool read_wildcards = false;    // IUPAC codes in reads match
  bool adapter_wildcards = true;  // IUPAC codes in adapters match
  bool indels = true;
};

enum class AdapterKind {
  kBack,              // -a ADAPTER: the adapter and everything after it
  kFront,             // -g ADAPTER: the adapter and everything before it
  kAnywhere,          // -b ADAPTER: 5' when the match starts at the read start, else 3'
  kPrefix,            // -g ^ADAPTER: anchored at the read start, in full
  kSuffix,            // -a ADAPTER$: anchored at the read end, in full
  kNonInternalFront,  // -g XADAPTER: partial only at the read start, not inside
  kNonInternalBack,   // -a ADAPTERX: partial only at the read end, not inside
  kRightmostFront,    // -g "ADAPTER;rightmost": the rightmost 5' occurrence
};

// cutadapt's name for the kind in the text report ("regular 3'") and in JSON
// ("regular_three_prime").
std::string_view Description(AdapterKind kind);
std::string_view Identifier(AdapterKind kind);
// Kinds whose match removes the read's start (cutadapt's FrontAdapter family).
bool RemovesPrefix(AdapterKind kind);

// One adapter match. Intervals: adapter[astart, astop) aligned to read[rstart, rstop).
struct SingleMatch {
  int astart = 0;
  int astop = 0;
  int rstart = 0;
  int rstop = 0;
  int score = 0;
  int errors = 0;
  bool remove_before = false;  // removes read[0, rstop) (5'); otherwise read[rstart, end) (3')
  bool operator==(const SingleMatch&) const = default;
};

// Not thread-safe (its aligner has scratch space): copy one per thread.
class SingleAdapter {
 public:
  // Normalises the sequence as cutadapt does (upper case, U -> T, I -> N). kInvalidArgument
  // for an empty sequence or a character that is not an IUPAC code (when adapter wildcards
  // are on). force_anywhere: the "anywhere" parameter of -a/-g adapters.
  static Result<SingleAdapter> Create(AdapterKind kind, std::string_view sequence,
                                      std::string name, const SearchParameters& params,
                                      bool force_anywhere = false);

  std::optional<SingleMatch> MatchTo(std::string_view read) const;
  // The same into *out (unchanged when there is none): the per-read path, without copies.
  bool MatchInto(std::string_view read, SingleMatch* out) const;

  AdapterKind kind() const { return kind_; }
  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  const std::string& sequence() const { return sequence_; }
  double max_error_rate() const { return max_error_rate_; }
  int min_overlap() const { return min_overlap_; }
  // Adapter wildcards in effect (requested and the sequence has other bases than ACGT).
  bool adapter_wildcards() const { return adapter_wildcards_; }
  bool read_wildcards() const { return read_wildcards_; }
  bool indels() const { return indels_; }
  int effective_length() const;
  bool allows_partial_matches() const {
    return kind_ != AdapterKind::kPrefix && kind_ != AdapterKind::kSuffix;
  }

 private:
  SingleAdapter() = default;
  AdapterKind kind_ = AdapterKind::kBack;
  std::string name_;
  std::string sequence_;
  double max_error_rate_ = 0.1;
  int min_overlap_ = 3;
  bool adapter_wildcards_ = false;
  bool read_wildcards_ = false;
  bool indels_ = true;
  std::variant<std::monostate, Aligner, AnchoredComparer> aligner_;  // never monostate once created
};

// A match of an adapter: a 5' part, a 3' part, or (linked adapters) both. The 3' part's
// coordinates refer to the read after the 5' part was removed.
struct AdapterMatch {
  std::optional<SingleMatch> front;
  std::optional<SingleMatch> back;
  int score() const { return (front ? front->score : 0) + (back ? back->score : 0); }
  int errors() const { return (front ? front->errors : 0) + (back ? back->errors : 0); }
};

// A single adapter, or a linked one (-a/-g FRONT...BACK).
class Adapter {
 public:
  explicit Adapter(SingleAdapter single) : front_(std::move(single)) {}
  // front_required/back_required: whether the read must contain that part to count as a match.
  Adapter(std::string name, SingleAdapter front, SingleAdapter back, bool front_required,
          bool back_required);

  std::optional<AdapterMatch> MatchTo(std::string_view read) const;
  // The same into *out (undefined when there is none).
  bool MatchInto(std::string_view read, AdapterMatch* out) const;

  bool linked() const { return back_.has_value(); }
  const std::string& name() const { return linked() ? linked_name_ : front_.name(); }
  // The single adapter, or the 5' part of a linked one.
  const SingleAdapter& first() const { return front_; }
  // The 3' part of a linked adapter.
  const SingleAdapter& second() const { return *back_; }
  bool front_required() const { return front_required_; }
  bool back_required() const { return back_required_; }

 private:
  SingleAdapter front_;
  std::optional<SingleAdapter> back_;
  std::string linked_name_;
  bool front_required_ = false;
  bool back_required_ = false;
};

// The best match among several adapters: the highest score, then the fewest errors, then the
// adapter given first. Returns the index of the adapter too.
struct BestMatch {
  int adapter = -1;
  AdapterMatch match;
};
std::optional<BestMatch> MatchBest(const std::vector<Adapter>& adapters, std::string_view read);

// cutadapt's warnings for adapters given more than once (the same kind and sequence; a linked
// adapter's sequence is "FRONT...BACK"), one per repetition, in order, without "WARNING: ".
std::vector<std::string> DuplicateAdapterWarnings(const std::vector<Adapter>& adapters);

}  // namespace cutover::trim
