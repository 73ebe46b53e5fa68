#include "trim/aligner.h"

#include <algorithm>
#ifdef __SSE2__
#include <immintrin.h>
#endif
#include <array>
#include <cstring>
#include <tuple>

#include <fmt/format.h>

namespace cutover::trim {
namespace {

constexpr int kMatchScore = 1;
constexpr int kMismatchScore = -1;
constexpr int kIndelScore = -2;

struct Tables {
  std::array<uint8_t, 256> acgt{};
  std::array<uint8_t, 256> iupac{};
  std::array<uint8_t, 256> upper{};
  Tables() {
    acgt.fill(0x80);
    auto both = [](std::array<uint8_t, 256>& t, char c, uint8_t v) {
      t[static_cast<uint8_t>(c)] = v;
      t[static_cast<uint8_t>(c - 'A' + 'a')] = v;
    };
    const uint8_t A = 1, C = 2, G = 4, T = 8;
    both(acgt, 'A', A);
    both(acgt, 'C', C);
    both(acgt, 'G', G);
    both(acgt, 'T', T);
    both(acgt, 'U', T);
    struct Code {
      char c;
      uint8_t bits;
    };
    const Code codes[] = {{'X', 0},         {'A', A},         {'C', C},         {'G', G},
                          {'T', T},         {'U', T},         {'R', A | G},     {'Y', C | T},
                          {'S', G | C},     {'W', A | T},     {'K', G | T},     {'M', A | C},
                          {'B', C | G | T}, {'D', A | G | T}, {'H', A | C | T}, {'V', A | C | G},
                          {'N', A | C | G | T | 0x80}};
    for (const Code& code : codes) both(iupac, code.c, code.bits);
    for (int i = 0; i < 256; ++i) {
      upper[i] = static_cast<uint8_t>(i >= 'a' && i <= 'z' ? i - 'a' + 'A' : i);
    }
  }
};

// Bases read by the end table (see Prefilter::end_possible): 4^8 entries, 8 KB a table.
constexpr int kEndBases = 8;

// A/C/G/T (either case) to 0-3; anything else to 0x80.
const std::array<uint8_t, 256>& BaseCodes() {
  static const std::array<uint8_t, 256> kCodes = [] {
    std::array<uint8_t, 256> c{};
    c.fill(0x80);
    const char bases[] = "ACGT";
    for (uint8_t b = 0; b < 4; ++b) {
      c[static_cast<uint8_t>(bases[b])] = b;
      c[static_cast<uint8_t>(bases[b] | 0x20)] = b;
    }
    return c;
  }();
  return kCodes;
}

// One column of Myers' bit-parallel edit distance (unit costs; row 0 free): the vertical
// deltas (pv: +1, mv: -1) of the next column, given the positions that equal its character.
// Returns how the cost of the row whose bit is `row` changed from the previous column (-1, 0
// or +1; callers that do not need it pass 0).
inline int MyersStep(uint64_t eq, uint64_t mask, uint64_t* pv, uint64_t* mv, uint64_t row = 0) {
  const uint64_t xv = eq | *mv;
  const uint64_t xh = (((eq & *pv) + *pv) ^ *pv) | eq;
  uint64_t ph = *mv | ~(xh | *pv);
  uint64_t mh = *pv & xh;
  const int delta = static_cast<int>((ph & row) != 0) - static_cast<int>((mh & row) != 0);
  ph <<= 1;
  mh <<= 1;
  *pv = (mh | ~(xv | ph)) & mask;
  *mv = ph & xv;
  return delta;
}

// Whether some row i in [1, m) has cost <= max_cost[i], the costs given as vertical deltas
// from row 0 (cost 0).
inline bool AnyRowAcceptable(uint64_t pv, uint64_t mv, int m, const std::vector<int>& max_cost) {
  int d = 0;
  for (int i = 1; i < m; ++i) {
    d += static_cast<int>((pv >> (i - 1)) & 1) - static_cast<int>((mv >> (i - 1)) & 1);
    if (d <= max_cost[i]) return true;
  }
  return false;
}

const Tables& GetTables() {
  static const Tables kTables;
  return kTables;
}

std::string TranslateWith(std::string_view s, const std::array<uint8_t, 256>& table) {
  std::string out(s.size(), '\0');
  for (size_t i = 0; i < s.size(); ++i) out[i] = static_cast<char>(table[static_cast<uint8_t>(s[i])]);
  return out;
}

// The vector seed scan is for adapters cut into at most this many pieces.
constexpr size_t kMaxScanPieces = 8;

#ifdef __SSE2__
// The seed scan of Aligner::PossibleEnds: calls on_candidate(pos) for every window start pos in
// [0, windows) where the first two and the last two of a piece's w bases are there (case-
// insensitive: letters OR 0x20 are lower case, and no other byte becomes a/c/g/t), as
// on_candidate(pos, piece); returns `windows`. Needs windows >= the vector width. The last
// step is moved back to end at the last window and skips the positions already done.
// patterns: 4 per piece (Prefilter::scan_patterns), np pieces.
template <typename OnCandidate>
int ScanCandidatesSse2(const uint8_t* s, int windows, int w, const std::array<uint8_t, 32>* patterns,
                       int np, OnCandidate&& on_candidate) {
  const __m128i lower = _mm_set1_epi8(0x20);
  auto pattern = [&](int i) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(patterns[i].data()));
  };
  auto load = [&](int at) {
    return _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at)), lower);
  };
  for (int base = 0; base < windows; base += 16) {
    const int at = std::min(base, windows - 16);
    const __m128i v0 = load(at), v1 = load(at + 1), v2 = load(at + w - 2), v3 = load(at + w - 1);
    for (int p = 0; p < np; ++p) {
      __m128i eq = _mm_and_si128(_mm_cmpeq_epi8(v0, pattern(4 * p)),
                                 _mm_cmpeq_epi8(v1, pattern(4 * p + 1)));
      eq = _mm_and_si128(eq, _mm_cmpeq_epi8(v2, pattern(4 * p + 2)));
      eq = _mm_and_si128(eq, _mm_cmpeq_epi8(v3, pattern(4 * p + 3)));
      unsigned candidates = static_cast<unsigned>(_mm_movemask_epi8(eq));
      candidates &= ~0u << (base - at);  // positions before `base` were done already
      while (candidates != 0) {
        on_candidate(at + __builtin_ctz(candidates), p);
        candidates &= candidates - 1;
      }
    }
  }
  return windows;
}

// The same, 32 positions at a time (used when the CPU has AVX2).
template <typename OnCandidate>
__attribute__((target("avx2"))) int ScanCandidatesAvx2(const uint8_t* s, int windows, int w,
                                                       const std::array<uint8_t, 32>* patterns,
                                                       int np, OnCandidate&& on_candidate) {
  const __m256i lower = _mm256_set1_epi8(0x20);
  for (int base = 0; base < windows; base += 32) {
    const int at = std::min(base, windows - 32);
    // (No lambda here: it would not be compiled for AVX2.)
    const uint8_t* q = s + at;
    const __m256i v0 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(q)), lower);
    const __m256i v1 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + 1)), lower);
    const __m256i v2 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + w - 2)), lower);
    const __m256i v3 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + w - 1)), lower);
    for (int p = 0; p < np; ++p) {
      const auto* pat = reinterpret_cast<const __m256i*>(patterns[static_cast<size_t>(4 * p)].data());
      __m256i eq = _mm256_and_si256(_mm256_cmpeq_epi8(v0, _mm256_loadu_si256(pat)),
                                    _mm256_cmpeq_epi8(v1, _mm256_loadu_si256(pat + 1)));
      eq = _mm256_and_si256(eq, _mm256_cmpeq_epi8(v2, _mm256_loadu_si256(pat + 2)));
      eq = _mm256_and_si256(eq, _mm256_cmpeq_epi8(v3, _mm256_loadu_si256(pat + 3)));
      uint32_t candidates = static_cast<uint32_t>(_mm256_movemask_epi8(eq));
      candidates &= ~uint32_t{0} << (base - at);  // positions before `base` were done already
      while (candidates != 0) {
        on_candidate(at + __builtin_ctz(candidates), p);
        candidates &= candidates - 1;
      }
    }
  }
  return windows;
}
#endif

}  // namespace

namespace encoding {
uint8_t Acgt(char c) { return GetTables().acgt[static_cast<uint8_t>(c)]; }
uint8_t Iupac(char c) { return GetTables().iupac[static_cast<uint8_t>(c)]; }
}  // namespace encoding

Result<Aligner> Aligner::Create(std::string_view reference, const AlignerOptions& options) {
  if (reference.empty()) return Status::InvalidArgument("empty adapter sequence");
  if (options.indel_cost < 1) return Status::InvalidArgument("indel cost must be at least 1");
  Aligner a;
  a.options_ = options;
  a.m_ = static_cast<int>(reference.size());
  a.n_counts_.resize(a.m_ + 1);
  int n_count = 0;
  for (int i = 0; i < a.m_; ++i) {
    a.n_counts_[i] = n_count;
    if (reference[i] == 'N' || reference[i] == 'n') ++n_count;
  }
  a.n_counts_[a.m_] = n_count;
  a.effective_length_ = a.m_;
  const Tables& t = GetTables();
  if (options.wildcard_ref) {
    a.effective_length_ = a.m_ - n_count;
    if (a.effective_length_ == 0) {
      return Status::InvalidArgument(
          fmt::format("adapter '{}' consists only of N wildcards", reference));
    }
    a.reference_ = TranslateWith(reference, t.iupac);
  } else if (options.wildcard_query) {
    a.reference_ = TranslateWith(reference, t.acgt);
  } else {
    a.reference_ = std::string(reference);
  }
  a.column_.resize(a.m_ + 1);
  a.BuildPrefilter();
  return a;
}

void Aligner::BuildPrefilter() {
  // Only for 3' and 5' adapters of plain bases compared as text, up to 64 bases.
  const bool back = options_.flags == (kQueryStart | kQueryStop | kReferenceEnd);
  const bool front = options_.flags == (kQueryStart | kQueryStop | kReferenceStart);
  if (!(back || front) || options_.wildcard_ref ||
      options_.wildcard_query || m_ > 64 ||
      reference_.find_first_not_of("ACGT") != std::string::npos) {
    return;
  }
  auto pf = std::make_shared<Prefilter>();
  pf->front = front;
#ifdef __SSE2__
  pf->avx2 = __builtin_cpu_supports("avx2");
#endif
  const Tables& t = GetTables();
  pf->k = MaxErrors();
  pf->tail = (m_ - 1) + ErrorsAllowed(options_.max_error_rate, m_ - 1);
  // Row i is acceptable at cost c when i >= min_overlap and c <= i * rate (as cutadapt
  // compares, in floating point: the largest such c is the floor of the product); -1 where no
  // cost is (a negative rate).
  pf->max_cost.assign(m_ + 1, -1);
  for (int i = std::max(1, options_.min_overlap); i <= m_; ++i) {
    const double allowed = i * options_.max_error_rate;
    if (allowed >= 0) pf->max_cost[i] = ErrorsAllowed(options_.max_error_rate, i);
  }
  for (int c = 0; c < 256; ++c) {
    uint64_t bits = 0, forward = 0;
    for (int i = 0; i < m_; ++i) {
      // A 5' adapter's bits are those of the reversed adapter (see LocateFront).
      const char r = front ? reference_[m_ - 1 - i] : reference_[i];
      if (static_cast<uint8_t>(r) == t.upper[c]) bits |= uint64_t{1} << i;
      if (static_cast<uint8_t>(reference_[i]) == t.upper[c]) forward |= uint64_t{1} << i;
    }
    pf->peq[c] = bits;
    pf->peq_forward[c] = forward;
  }
  // k + 1 pieces as equal as possible, all represented by their first w bases (w: the
  // shortest piece's length).
  const int pieces = pf->k + 1;
  if (m_ / pieces == 0) return;  // more errors allowed than bases: no filtering possible
  pf->window = m_ / pieces;
  for (int p = 0; p < pieces; ++p) {
    Piece piece;
    piece.offset = p * m_ / pieces;
    for (int i = 0; i < pf->window; ++i) {
      piece.lower += static_cast<char>(reference_[piece.offset + i] | 0x20);
    }
    pf->pieces.push_back(piece);
  }
  // The seed scan compares 4 bytes of a window at once (so needs windows of 4 bases), for up
  // to kMaxScanPieces pieces; the rest is scanned one position at a time.
  if (pf->window >= 4 && pieces <= static_cast<int>(kMaxScanPieces)) {
    const int w = pf->window;
    for (const Piece& piece : pf->pieces) {
      for (const char c : {piece.lower[0], piece.lower[1], piece.lower[w - 2], piece.lower[w - 1]}) {
        std::array<uint8_t, 32> pattern;
        pattern.fill(static_cast<uint8_t>(c));
        pf->scan_patterns.push_back(pattern);
      }
    }
  }
  BuildEndTable(pf.get());
  prefilter_ = std::move(pf);
}

// The partial-match check (PartialPossible) runs Myers over the last `tail` bases it reads,
// starting from the column of an empty read (row i costs i). Over only the last 8 of them,
// starting from a column of zeros (any adapter prefix already matched at no cost), every row
// costs at most what it costs there: whatever bases come before, an alignment ending in row i
// restricted to those 8 columns starts at a cell costing >= 0. So where no row is acceptable
// from zeros, none is in the real check either. Built by a walk over all 4^8 base strings
// that shares their prefixes' columns.
void Aligner::BuildEndTable(Prefilter* pf) const {
  if (pf->tail < kEndBases) return;
  pf->end_possible.assign((size_t{1} << (2 * kEndBases)) / 64, 0);
  const uint64_t mask = m_ == 64 ? ~uint64_t{0} : (uint64_t{1} << m_) - 1;
  const char bases[] = "ACGT";
  auto visit = [&](auto&& self, int depth, uint32_t code, uint64_t pv, uint64_t mv) -> void {
    if (depth == kEndBases) {
      if (AnyRowAcceptable(pv, mv, m_, pf->max_cost)) {
        pf->end_possible[code >> 6] |= uint64_t{1} << (code & 63);
      }
      return;
    }
    for (uint32_t b = 0; b < 4; ++b) {
      uint64_t p = pv, v = mv;
      MyersStep(pf->peq[static_cast<uint8_t>(bases[b])], mask, &p, &v);
      self(self, depth + 1, code << 2 | b, p, v);
    }
  };
  visit(visit, 0, 0, 0, 0);
}

// 3' adapters: Myers over the read's last `tail` bases (a partial match lies there), each
// row's lowest cost at the read end. 5' adapters: the reversed adapter (peq) over the reversed
// first `tail` bases, each adapter suffix's lowest cost over every end (unit costs: never above
// the DP's).
bool Aligner::PartialPossible(std::string_view query) const {
  const Prefilter& pf = *prefilter_;
  const int n = static_cast<int>(query.size());
  const int m = m_;
  const int t = std::min(n, pf.tail);
  if (t >= kEndBases && !pf.end_possible.empty()) {
    // The last 8 bases the check reads, in its order.
    const std::array<uint8_t, 256>& codes = BaseCodes();
    uint32_t code = 0;
    uint8_t other = 0;
    for (int d = 0; d < kEndBases; ++d) {
      const char c = pf.front ? query[kEndBases - 1 - d] : query[n - kEndBases + d];
      const uint8_t e = codes[static_cast<uint8_t>(c)];
      other |= e;
      code = code << 2 | (e & 3);
    }
    if ((other & 0x80) == 0 && ((pf.end_possible[code >> 6] >> (code & 63)) & 1) == 0) {
      return false;
    }
  }
  const uint64_t mask = m == 64 ? ~uint64_t{0} : (uint64_t{1} << m) - 1;
  uint64_t pv = mask, mv = 0;
  if (pf.front) {
    for (int j = t - 1; j >= 0; --j) {
      MyersStep(pf.peq[static_cast<uint8_t>(query[j])], mask, &pv, &mv);
    }
  } else {
    for (int j = n - t; j < n; ++j) {
      MyersStep(pf.peq[static_cast<uint8_t>(query[j])], mask, &pv, &mv);
    }
  }
  return AnyRowAcceptable(pv, mv, m, pf.max_cost);
}

bool Aligner::Translate(std::string_view query, int from, int to) const {
  const Tables& t = GetTables();
  const std::array<uint8_t, 256>* table = &t.upper;
  if (options_.wildcard_query) {
    table = &t.iupac;
  } else if (options_.wildcard_ref) {
    table = &t.acgt;
  }
  if (query_.size() < query.size()) query_.resize(query.size() + 256);
  const uint8_t* tab = table->data();
  const char* in = query.data();
  char* out = query_.data();
  const size_t end = to < 0 ? query.size() : std::min(query.size(), static_cast<size_t>(to));
  for (size_t i = static_cast<size_t>(from); i < end; ++i) {
    out[i] = static_cast<char>(tab[static_cast<uint8_t>(in[i])]);
  }
  return table == &t.upper;
}

std::optional<Alignment> Aligner::LocateFull(std::string_view query) const {
  // Only the columns the DP reads are translated: an adapter that cannot start inside the read
  // (anchored 5') ends within its first m + k columns, one that cannot stop inside it
  // (anchored 3') starts within its last m + k (as Run's min_n and max_n; on a 10 kb read the
  // whole translation took an eighth of the run).
  const int n = static_cast<int>(query.size());
  const int k = MaxErrors();
  const int from = options_.flags & kQueryStop ? 0 : std::max(0, n - m_ - k);
  const int to = options_.flags & kQueryStart ? n : std::min(n, m_ + k);
  const bool ascii = Translate(query, from, to);
  return ascii ? Run<true>(query, 0, nullptr, -1) : Run<false>(query, 0, nullptr, -1);
}

template <bool kAscii>
std::optional<Alignment> Aligner::Run(std::string_view query, int j_start, bool* need_full,
                                      int j_stop) const {
  const char* s1 = reference_.data();
  const char* s2 = query_.data();
  const int m = m_;
  const int n = static_cast<int>(query.size());
  const double rate = options_.max_error_rate;
  const bool start_in_reference = options_.flags & kReferenceStart;
  const bool start_in_query = options_.flags & kQueryStart;
  const bool stop_in_reference = options_.flags & kReferenceEnd;
  const bool stop_in_query = options_.flags & kQueryStop;
  const int64_t indel = options_.indel_cost;
  Entry* column = column_.data();
  const int k = MaxErrors();

  // Columns that can hold the end of an acceptable alignment.
  int max_n = n;
  int min_n = 0;
  if (!start_in_query) max_n = std::min(n, m + k);
  if (!stop_in_query) min_n = std::max(0, n - m - k);
  // A restricted run (see Locate) starts as if the read began at j_start.
  if (j_start > 0) min_n = j_start;
  // A run that stops early (see Locate) skips the final scan too: nothing there can match.
  const bool final_scan = j_stop < 0 || j_stop >= max_n;
  if (!final_scan) max_n = j_stop;

  // Column min_n: what skipping a prefix of either sequence costs.
  for (int i = 0; i <= m; ++i) {
    column[i].score = 0;
    if (!start_in_reference && !start_in_query) {
      column[i].cost = std::max(i, min_n) * indel;
      column[i].origin = 0;
    } else if (start_in_reference && !start_in_query) {
      column[i].cost = min_n * indel;
      column[i].origin = std::min(0, min_n - i);
    } else if (!start_in_reference && start_in_query) {
      column[i].cost = i * indel;
      column[i].origin = j_start > 0 ? j_start : std::max(0, min_n - i);
    } else if (j_start > 0) {
      // A restricted run (5' adapters, see LocateFront): as if the read began at j_start with
      // the adapter's start not skippable; no cell costing at most k depends on it.
      column[i].cost = i * indel;
      column[i].origin = j_start;
    } else {
      column[i].cost = std::min(i, min_n) * indel;
      column[i].origin = min_n - i;
    }
  }

  const int64_t unset = m + n + 1;  // best.cost before anything was accepted
  struct Best {
    int64_t cost;
    int score;
    int origin;
    int ref_stop;
    int query_stop;
  } best{unset, 0, 0, m, n};
  int last = start_in_reference && j_start <= 0 ? m : std::min(m, k + 1);
  int last_filled_i = 0;
  // Live across both loops: cutadapt's final scan compares the origin of the cell computed
  // last (not of the cell it examines) with the best origin. Reproduced on purpose.
  int origin = 0;
  int64_t cost = 0;
  int score = 0;

  auto acceptable = [&](int length, int64_t c, int effective) {
    return length >= options_.min_overlap && static_cast<double>(c) <= effective * rate;
  };
  auto better = [&](int length, int best_length, int sc) {
    return best.cost == unset || (origin <= best.origin + m / 2 && sc > best.score) ||
           (length > best_length && sc > best.score);
  };

  for (int j = min_n + 1; j <= max_n; ++j) {
    Entry diag = column[0];
    if (start_in_query) {
      column[0].origin = j;
    } else {
      column[0].cost = j * indel;
    }
    const char qc = s2[j - 1];
    // Row i - 1 of this column (just computed), kept in registers. Written without branches
    // on the (unpredictable) comparisons; the choices are cutadapt's: on a match the diagonal;
    // otherwise the diagonal, then the insertion, then the deletion, on ties.
    int64_t up_cost = column[0].cost;
    int up_score = column[0].score;
    int up_origin = column[0].origin;
    for (int i = 1; i <= last; ++i) {
      const bool equal = kAscii ? s1[i - 1] == qc : (s1[i - 1] & qc) != 0;
      const Entry left = column[i];  // row i of the previous column
      const int64_t cost_diag = diag.cost + (equal ? 0 : 1);
      const int64_t cost_deletion = left.cost + indel;
      const int64_t cost_insertion = up_cost + indel;
      const bool take_diag =
          equal | ((cost_diag <= cost_deletion) & (cost_diag <= cost_insertion));
      const bool take_insertion = !take_diag & (cost_insertion <= cost_deletion);
      cost = take_diag ? cost_diag : take_insertion ? cost_insertion : cost_deletion;
      origin = take_diag ? diag.origin : take_insertion ? up_origin : left.origin;
      score = take_diag ? diag.score + (equal ? kMatchScore : kMismatchScore)
                        : (take_insertion ? up_score : left.score) + kIndelScore;
      diag = left;
      column[i] = Entry{cost, score, origin};
      up_cost = cost;
      up_score = score;
      up_origin = origin;
    }
    last_filled_i = last;
    while (last >= 0 && column[last].cost > k) --last;
    if (last < m) {
      ++last;
    } else if (stop_in_query) {
      // The whole adapter is aligned ending at column j.
      cost = column[m].cost;
      score = column[m].score;
      origin = column[m].origin;
      const int length = m + std::min(origin, 0);
      int effective = length;
      if (options_.wildcard_ref) {
        effective = length < m ? length - (n_counts_[m] - n_counts_[m - length]) : effective_length_;
      }
      if (acceptable(length, cost, effective) &&
          better(length, m + std::min(best.origin, 0), score)) {
        best = Best{cost, score, origin, m, j};
        if (cost == 0 && origin >= 0) break;  // an exact match: stop early
      }
    }
  }
  // The cost of the cell whose origin the final scan uses (see above).
  const int64_t origin_cost = cost;

  if (max_n == n && final_scan) {
    // Alignments ending at the end of the read, in any row (partial adapter).
    const int first_i = stop_in_reference ? 0 : m;
    for (int i = last_filled_i; i >= first_i; --i) {
      const Entry& e = column[i];
      const int length = i + std::min(e.origin, 0);
      int effective = length;
      if (options_.wildcard_ref) {
        if (length < m) {
          const int ref_start = -std::min(e.origin, 0);
          effective = length - (n_counts_[i] - n_counts_[ref_start]);
        } else {
          effective = effective_length_;
        }
      }
      if (!acceptable(length, e.cost, effective)) continue;
      const int best_length = best.ref_stop + std::min(best.origin, 0);
      if (need_full != nullptr && best.cost != unset && e.score > best.score &&
          !(length > best_length) && origin_cost > k) {
        // The decision rests on the origin of a cell whose cost exceeds k, which a
        // restricted run may not reproduce: let the caller run the whole DP.
        *need_full = true;
        return std::nullopt;
      }
      if (better(length, best_length, e.score)) best = Best{e.cost, e.score, e.origin, i, n};
    }
  }
  if (best.cost == unset) return std::nullopt;
  Alignment a;
  if (best.origin >= 0) {
    a.ref_start = 0;
    a.query_start = best.origin;
  } else {
    a.ref_start = -best.origin;
    a.query_start = 0;
  }
  a.ref_stop = best.ref_stop;
  a.query_stop = best.query_stop;
  a.score = best.score;
  a.errors = static_cast<int>(best.cost);
  return a;
}

std::pair<int, int> Aligner::PossibleEnds(std::string_view query) const {
  const Prefilter& pf = *prefilter_;
  const int n = static_cast<int>(query.size());
  const int w = pf.window;
  const int m = m_;
  const int k = pf.k;
  int j_min = n + 1;
  int j_max = -1;
  // Whether piece p's window is at pos. Case-insensitive: letters OR 0x20 are lower case; no
  // other byte becomes a/c/g/t. 8 (or 4) bytes at a time, the last step overlapping.
  auto window_at = [&](int pos, int p) {
    const char* q = query.data() + pos;
    const char* l = pf.pieces[static_cast<size_t>(p)].lower.data();
    auto same8 = [&](int t) {
      uint64_t a, b;
      std::memcpy(&a, q + t, 8);
      std::memcpy(&b, l + t, 8);
      return (a | 0x2020202020202020ULL) == b;
    };
    auto same4 = [&](int t) {
      uint32_t a, b;
      std::memcpy(&a, q + t, 4);
      std::memcpy(&b, l + t, 4);
      return (a | 0x20202020U) == b;
    };
    if (w >= 8) {
      for (int t = 0; t + 8 < w; t += 8) {
        if (!same8(t)) return false;
      }
      return same8(w - 8);
    }
    if (w >= 4) return same4(0) && same4(w - 4);
    for (int t = 0; t < w; ++t) {
      if ((static_cast<uint8_t>(q[t]) | 0x20) != static_cast<uint8_t>(l[t])) return false;
    }
    return true;
  };
  auto seed_at = [&](int pos, int p) {
    if (window_at(pos, p)) {
      const int offset = pf.pieces[static_cast<size_t>(p)].offset;
      j_min = std::min(j_min, pos - offset + m - k);
      j_max = std::max(j_max, pos - offset + m + k);
    }
  };
  int pos = 0;
#ifdef __SSE2__
  // Candidates where 4 of the window's bases agree (first two, last two), 16 or 32 positions at
  // a time; then the whole window is compared.
  const int windows = n - w + 1;  // positions a window can start at
  if (!pf.scan_patterns.empty()) {
    const uint8_t* s = reinterpret_cast<const uint8_t*>(query.data());
    const std::array<uint8_t, 32>* patterns = pf.scan_patterns.data();
    const int pieces = static_cast<int>(pf.pieces.size());
    if (pf.avx2 && windows >= 32) {
      pos = ScanCandidatesAvx2(s, windows, w, patterns, pieces, seed_at);
    } else if (windows >= 16) {
      pos = ScanCandidatesSse2(s, windows, w, patterns, pieces, seed_at);
    } else if (windows > 0 && n <= 64) {
      // A short read (small RNA, or what is left after a first adapter): scanned as 16
      // windows over a zero-padded copy. A window reaching into the padding ends in a zero
      // byte, which no piece has, so only real windows become candidates.
      alignas(16) uint8_t padded[128] = {};
      std::memcpy(padded, s, static_cast<size_t>(n));
      ScanCandidatesSse2(padded, 16, w, patterns, pieces, seed_at);
      pos = windows;
    }
  }
#endif
  const int np = static_cast<int>(pf.pieces.size());
  for (; pos + w <= n; ++pos) {
    for (int p = 0; p < np; ++p) seed_at(pos, p);
  }
  return {j_min, j_max};
}

// The fast path for 3' adapters (the common case). Exactly the same result as LocateFull:
// 1. A full-length match with at most k errors contains one of k + 1 adapter pieces exactly
//    (pigeonhole); no such piece in the read: no full-length match. Where pieces occur bounds
//    the first column where one could end.
// 2. A partial match at the read end lies in the last m - 1 + k' bases; a bit-parallel edit
//    distance (Myers) over them gives every row's best cost at the last column.
// 3. If neither can be acceptable, there is no match. Otherwise the DP runs from m + k + 1
//    columns before the first possible end: every cell with cost <= k from there on is the
//    same as in a full run (an alignment with cost <= k spans at most m + k columns), and so
//    are Ukkonen's band, every acceptable cell and every decision; the one exception, a final
//    decision that reads the origin of a cell costing more than k, falls back to the full DP.
std::optional<Alignment> Aligner::Locate(std::string_view query) const {
  if (!prefilter_) return LocateFull(query);
  const Prefilter& pf = *prefilter_;
  const int m = m_;
  const int n = static_cast<int>(query.size());
  const int k = pf.k;
  if (pf.front) return LocateFront(query);
  // 1. Pieces (all cut to the shortest piece's length w: a prefix of a piece occurs wherever
  // the piece does).
  auto [j_min, j_max] = PossibleEnds(query);
  if (auto exact = FirstIsExact(query, j_min)) return exact;
  if (j_min <= n) std::tie(j_min, j_max) = FullMatchEnds(query, j_min, j_max);
  // 2. Partial matches at the end.
  const bool partial = PartialPossible(query);
  if (j_min > n && !partial) return std::nullopt;
  // 3. The DP from where it matters, to where it matters (the last possible full-length end,
  // when nothing can match at the read end).
  const int j_start = std::min(j_min, n) - (m + k) - 1;
  const int j_stop = partial ? n : std::min(j_max, n);
  if (j_start <= 0 && j_stop == n) return LocateFull(query);
  Translate(query, std::max(j_start, 0));
  bool need_full = false;
  std::optional<Alignment> a = Run<true>(query, std::max(j_start, 0), &need_full, j_stop);
  if (need_full) return LocateFull(query);
  return a;
}

// The fast path for 5' adapters (-g). Exactly the same result as LocateFull: the DP runs from
// the read start (as the whole DP does) and stops after the last column where an acceptable
// alignment can end, so every cell it computes, every acceptable one and every decision are the
// whole DP's:
// - a full-length match (at most k errors) contains one of k + 1 adapter pieces exactly and
//   ends within k columns of where that piece puts the adapter's end (PossibleEnds);
// - a partial match (the adapter's end, its start cut off by the read start) of length L < m
//   with at most L * rate errors ends by column L + floor(L * rate) <= m - 1 + k; whether one
//   can be acceptable at all is checked first (no piece and no such match: no match).
// Alignments ending at the read end are searched only when the DP reaches it (then with the
// whole DP's final scan). On long reads the DP stops near the adapter instead of running over
// the whole read.
std::optional<Alignment> Aligner::LocateFront(std::string_view query) const {
  const Prefilter& pf = *prefilter_;
  const int n = static_cast<int>(query.size());
  const int m = m_;
  const int partial_end = m - 1 + pf.k;
  if (n <= partial_end) return LocateFull(query);
  // Whether a partial match at the start can be acceptable.
  const bool partial = PartialPossible(query);
  auto [j_min, j_max] = PossibleEnds(query);
  if (!partial) {
    if (auto exact = FirstIsExact(query, j_min)) return exact;
  }
  if (j_min <= n) std::tie(j_min, j_max) = FullMatchEnds(query, j_min, j_max);
  if (j_max < 0 && !partial) return std::nullopt;
  const int j_stop = std::max(partial ? partial_end : 0, j_max);
  // Without a possible partial match at the read start, the DP can also start late, as for 3'
  // adapters: m + k + 1 columns before the first possible end. A partial match (the adapter's
  // start skipped) begins at the read start and, to end there, would cost more than k; every
  // other alignment costing at most k lies after that column, and so does every cell that
  // decides the result (the proof in Locate applies unchanged).
  const int j_start = partial ? 0 : std::min(j_min, n) - (m + pf.k) - 1;
  if (j_start <= 0) {
    if (j_stop >= n) return LocateFull(query);
    Translate(query, 0, j_stop);
    return Run<true>(query, 0, nullptr, j_stop);
  }
  const int stop = j_stop >= n ? -1 : j_stop;  // (-1: to the read end, with the final scan)
  Translate(query, j_start, stop);
  bool need_full = false;
  std::optional<Alignment> a = Run<true>(query, j_start, &need_full, stop);
  if (need_full) return LocateFull(query);
  return a;
}

// Where a piece of the adapter occurs, a full-length match is possible, not certain (in a
// random read one of three 6-base pieces occurs every ten reads). Myers' bit-parallel edit
// distance of the whole adapter, with a free start in the read, from m + k columns before the
// first possible end to the last: its cost at a column is at most any DP cell's there (unit
// costs, no stale cells), so the columns where it is at most k are the only ones where the DP
// can accept a full-length match, and often there are none. Returns the first and the last
// such column in [j_min, j_max], or {n + 1, -1}. (The cost of a column depends only on the
// m + k columns before it when it is at most k, so starting late changes none of those.)
std::pair<int, int> Aligner::FullMatchEnds(std::string_view query, int j_min, int j_max) const {
  const Prefilter& pf = *prefilter_;
  const int n = static_cast<int>(query.size());
  const int m = m_;
  const int k = pf.k;
  const int last = std::min(j_max, n);
  int first_end = n + 1, last_end = -1;
  const uint64_t mask = m == 64 ? ~uint64_t{0} : (uint64_t{1} << m) - 1;
  const uint64_t high = uint64_t{1} << (m - 1);
  uint64_t pv = mask, mv = 0;
  int cost = m;  // row m of the column before the first: the adapter against nothing
  for (int j = std::max(0, j_min - m - k); j < last; ++j) {
    cost += MyersStep(pf.peq_forward[static_cast<uint8_t>(query[j])], mask, &pv, &mv, high);
    if (cost <= k && j + 1 >= j_min) {  // (column j + 1: the read up to position j)
      if (first_end > n) first_end = j + 1;
      last_end = j + 1;
    }
  }
  return {first_end, last_end};
}

// When the first column where a full-length match can end belongs to an exact copy of the
// adapter, that copy is the DP's answer: the DP finds it at its last column and stops there
// (cutadapt's early exit on an exact match). An alignment it may have accepted before ends at
// or after the first possible end j_min = p + m - k (no piece of the adapter occurs earlier),
// so starts at or after p - 2k; the exact copy scores m, more than any alignment with an
// error, and starts within m / 2 of it when 2k <= m / 2, so it replaces it. Partial matches
// (the read end for 3' adapters, the read start for 5' ones) are either found after that
// column or, for 5' adapters, must have been ruled out by the caller.
std::optional<Alignment> Aligner::FirstIsExact(std::string_view query, int j_min) const {
  const Prefilter& pf = *prefilter_;
  const int m = m_;
  const int n = static_cast<int>(query.size());
  if (j_min > n || 2 * pf.k > m / 2 || options_.min_overlap > m) return std::nullopt;
  const int p = j_min - (m - pf.k);
  if (p < 0 || p + m > n) return std::nullopt;
  const std::array<uint8_t, 256>& upper = GetTables().upper;
  for (int i = 0; i < m; ++i) {
    if (upper[static_cast<uint8_t>(query[p + i])] != static_cast<uint8_t>(reference_[i])) {
      return std::nullopt;
    }
  }
  return Alignment{0, m, p, p + m, m * kMatchScore, 0};
}

Result<AnchoredComparer> AnchoredComparer::Create(std::string_view reference, bool suffix,
                                                  const AlignerOptions& options) {
  if (reference.empty()) return Status::InvalidArgument("empty adapter sequence");
  if (!(options.max_error_rate >= 0 && options.max_error_rate <= 1)) {
    return Status::InvalidArgument("the error rate must be between 0 and 1");
  }
  AnchoredComparer c;
  c.suffix_ = suffix;
  c.wildcard_ref_ = options.wildcard_ref;
  c.wildcard_query_ = options.wildcard_query;
  c.m_ = static_cast<int>(reference.size());
  c.effective_length_ = c.m_;
  if (c.wildcard_ref_) {
    c.effective_length_ -= static_cast<int>(std::count(reference.begin(), reference.end(), 'N'));
    if (c.effective_length_ == 0) {
      return Status::InvalidArgument(
          fmt::format("adapter '{}' consists only of N wildcards", reference));
    }
  }
  c.max_k_ = ErrorsAllowed(options.max_error_rate, c.effective_length_);
  c.min_overlap_ = options.min_overlap;
  std::string ref(reference);
  if (suffix) std::reverse(ref.begin(), ref.end());
  const Tables& t = GetTables();
  c.reference_ = TranslateWith(ref, c.wildcard_ref_ ? t.iupac : c.wildcard_query_ ? t.acgt : t.upper);
  return c;
}

std::optional<Alignment> AnchoredComparer::Locate(std::string_view query) const {
  const Tables& t = GetTables();
  const bool ascii = !wildcard_query_ && !wildcard_ref_;
  const std::array<uint8_t, 256>& table = wildcard_query_ ? t.iupac : wildcard_ref_ ? t.acgt : t.upper;
  const int n = static_cast<int>(query.size());
  const int length = std::min(m_, n);
  int errors = 0;
  for (int i = 0; i < length; ++i) {
    const uint8_t r = static_cast<uint8_t>(reference_[i]);
    const uint8_t q = table[static_cast<uint8_t>(suffix_ ? query[n - 1 - i] : query[i])];
    if (ascii ? r != q : (r & q) == 0) ++errors;
  }
  if (errors > max_k_ || length < min_overlap_) return std::nullopt;
  const int score = (length - errors) * kMatchScore + errors * kMismatchScore;
  if (suffix_) return Alignment{m_ - length, m_, n - length, n, score, errors};
  return Alignment{0, length, 0, length, score, errors};
}

}  // namespace cutover::trim
