// The adapter aligner: cutadapt 4.2's semi-global alignment with unit costs, reproduced so that
// every read gets the same alignment (same interval, score and error count) as cutadapt gives.
//
// The reference is the adapter, the query is the read. Flags say which ends of either may be
// skipped at no cost. The DP keeps one column and uses Ukkonen's cut-off (rows whose cost exceeds
// k = floor(rate * m) are not recomputed); an alignment is acceptable when its aligned adapter
// part is at least `min_overlap` long and its cost is at most rate * (its length without N
// wildcards). Among acceptable alignments the one kept follows cutadapt's update rule exactly
// (first found; or overlapping the previous best and scoring higher; or longer and scoring
// higher), including its quirks. Scores: match +1, mismatch -1, indel -2.
//
// Matching: by default characters are compared case-insensitively (read upper-cased). With
// wildcard_ref the adapter's IUPAC codes match the bases they stand for (N matches anything
// including N); with wildcard_query the read's IUPAC codes are interpreted too.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover::trim {

// Which ends may be skipped at no cost ("reference" = adapter, "query" = read).
enum EndSkip : int {
  kReferenceStart = 1,
  kQueryStart = 2,
  kReferenceEnd = 4,
  kQueryStop = 8,
  kSemiglobal = 15,
};

// floor(rate * length) as an int: the most errors `length` bases may have at `rate`, bounded
// by kMaxErrorsAllowed so that sums with it cannot overflow.
inline constexpr int kMaxErrorsAllowed = 1 << 28;
inline int ErrorsAllowed(double rate, int length) {
  const double errors = rate * length;
  return errors >= kMaxErrorsAllowed ? kMaxErrorsAllowed : static_cast<int>(errors);
}

struct AlignerOptions {
  double max_error_rate = 0.1;
  int flags = kSemiglobal;
  bool wildcard_ref = false;    // IUPAC codes in the adapter are wildcards
  bool wildcard_query = false;  // IUPAC codes in the read are wildcards
  int indel_cost = 1;           // cutadapt's --no-indels sets 100000
  int min_overlap = 1;
};

// Intervals: reference[ref_start, ref_stop) aligned to query[query_start, query_stop).
struct Alignment {
  int ref_start = 0;
  int ref_stop = 0;
  int query_start = 0;
  int query_stop = 0;
  int score = 0;
  int errors = 0;
  bool operator==(const Alignment&) const = default;
};

// Translation tables shared by the aligner and the anchored comparer.
namespace encoding {
// A,C,G,T,U (either case) to one bit each; anything else to 0x80.
uint8_t Acgt(char c);
// IUPAC codes (either case) to their base bits; N additionally has 0x80 so that it matches
// characters that are not A/C/G/T; everything else is 0.
uint8_t Iupac(char c);
}  // namespace encoding

// Not thread-safe: Locate() reuses a scratch column. Copy one per thread.
class Aligner {
 public:
  // kInvalidArgument when the reference is empty, only N with wildcard_ref, or indel_cost < 1.
  static Result<Aligner> Create(std::string_view reference, const AlignerOptions& options);

  // The best acceptable alignment of the reference within `query`, or nothing.
  std::optional<Alignment> Locate(std::string_view query) const;
  // The same, always by the whole DP (no prefilter); for tests and the fallback.
  std::optional<Alignment> LocateFull(std::string_view query) const;

  // Length of the reference without N wildcards (when wildcard_ref), else its length.
  int effective_length() const { return effective_length_; }
  int length() const { return m_; }

 private:
  struct Entry {
    int64_t cost;  // 64-bit: with --no-indels an indel costs 100000
    int score;
    int origin;  // < 0: alignment starts at reference position -origin; >= 0: query position
  };
  // The exactness-preserving filter of Locate() (3' and 5' adapters of plain bases only).
  struct Piece {
    int offset = 0;     // in the adapter
    std::string lower;  // its first `window` bases, lower case
  };
  struct Prefilter {
    bool front = false;                // a 5' adapter (else 3')
    bool avx2 = false;                 // the seed scan may use AVX2 (the CPU has it)
    int k = 0;                         // floor(rate * m)
    int tail = 0;                      // read bases that can hold a partial match at its end
    std::array<uint64_t, 256> peq{};   // per character: adapter positions it equals
    std::array<uint64_t, 256> peq_forward{};  // the same, never reversed (FullMatchEnds)
    std::vector<int> max_cost;         // per row: the highest acceptable cost, -1 for none
    int window = 0;                    // bases of each piece that are looked for
    std::vector<Piece> pieces;
    // The seed scan's byte patterns, 4 per piece (its first, second, next-to-last and last
    // window byte, each repeated 32 times), made once rather than on every read.
    std::vector<std::array<uint8_t, 32>> scan_patterns;
    // Per 8 read-end bases (A/C/G/T, 2 bits each, in the order the partial-match check reads
    // them): one bit, clear when no partial match can be acceptable whatever bases precede
    // them. Empty when the check reads fewer than 8 bases.
    std::vector<uint64_t> end_possible;
  };

  Aligner() = default;
  void BuildPrefilter();
  void BuildEndTable(Prefilter* pf) const;
  // Whether a partial match at the read end (3'; the read start for 5' adapters) can be
  // acceptable: a lookup of the last 8 bases the check reads, then (if it may) Myers.
  bool PartialPossible(std::string_view query) const;
  // The first and the last read column where a full-length match could end ({n + 1, -1}:
  // nowhere).
  std::pair<int, int> PossibleEnds(std::string_view query) const;
  // Ukkonen's cut-off: the most errors a full-length match may have, floor(rate * m).
  // (Bounded: a rate far over 1 would not fit an int; beyond m errors every cell is within.)
  int MaxErrors() const { return ErrorsAllowed(options_.max_error_rate, m_); }
  // Translates query[from, to) (to < 0: the end) for comparison into query_; returns whether
  // plain (ASCII) comparison is used.
  bool Translate(std::string_view query, int from, int to = -1) const;
  // The first and the last column in [j_min, j_max] where a full-length match can end, by a
  // bit-parallel edit distance ({n + 1, -1}: none).
  std::pair<int, int> FullMatchEnds(std::string_view query, int j_min, int j_max) const;
  // The exact copy of the adapter that ends the DP, when the first possible end is one (and
  // nothing else can come first).
  std::optional<Alignment> FirstIsExact(std::string_view query, int j_min) const;
  // Locate() for 5' adapters: the DP stops after the last column where a match can end.
  std::optional<Alignment> LocateFront(std::string_view query) const;
  // The DP from column j_start (0: the whole read) to column j_stop (-1: the end, with the
  // scan of the last column). need_full (restricted runs only) is set when the result might
  // differ from a full run's.
  template <bool kAscii>
  std::optional<Alignment> Run(std::string_view query, int j_start, bool* need_full,
                               int j_stop) const;

  // Constant after construction.
  std::string reference_;       // translated for comparison
  std::vector<int> n_counts_;   // n_counts_[i] = number of N in reference[0, i)
  AlignerOptions options_;
  int m_ = 0;
  int effective_length_ = 0;
  std::shared_ptr<const Prefilter> prefilter_;  // null when not applicable
  // Scratch, reused by Locate().
  mutable std::vector<Entry> column_;
  mutable std::string query_;
};

// cutadapt's PrefixComparer/SuffixComparer: anchored adapters without indels, where only the
// number of mismatches over min(m, n) characters counts.
class AnchoredComparer {
 public:
  // suffix: compare the adapter with the end of the read instead of its start.
  static Result<AnchoredComparer> Create(std::string_view reference, bool suffix,
                                         const AlignerOptions& options);
  std::optional<Alignment> Locate(std::string_view query) const;
  int effective_length() const { return effective_length_; }

 private:
  AnchoredComparer() = default;
  std::string reference_;  // translated; reversed for a suffix comparer
  bool suffix_ = false;
  bool wildcard_ref_ = false;
  bool wildcard_query_ = false;
  int m_ = 0;
  int max_k_ = 0;
  int effective_length_ = 0;
  int min_overlap_ = 1;
};

}  // namespace cutover::trim
