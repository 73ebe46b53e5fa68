#include "trim/aligner.h"

#include <algorithm>
#include <array>

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

const Tables& GetTables() {
  static const Tables kTables;
  return kTables;
}

std::string TranslateWith(std::string_view s, const std::array<uint8_t, 256>& table) {
  std::string out(s.size(), '\0');
  for (size_t i = 0; i < s.size(); ++i) out[i] = static_cast<char>(table[static_cast<uint8_t>(s[i])]);
  return out;
}

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
  return a;
}

bool Aligner::Translate(std::string_view query) const {
  const Tables& t = GetTables();
  const std::array<uint8_t, 256>* table = &t.upper;
  if (options_.wildcard_query) {
    table = &t.iupac;
  } else if (options_.wildcard_ref) {
    table = &t.acgt;
  }
  query_.resize(query.size());
  const uint8_t* tab = table->data();
  const char* in = query.data();
  char* out = query_.data();
  for (size_t i = 0; i < query.size(); ++i) out[i] = static_cast<char>(tab[static_cast<uint8_t>(in[i])]);
  return table == &t.upper;
}

std::optional<Alignment> Aligner::Locate(std::string_view query) const {
  const bool compare_ascii = Translate(query);
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
  const int k = static_cast<int>(rate * m);  // Ukkonen's cut-off

  // Columns that can hold the end of an acceptable alignment.
  int max_n = n;
  int min_n = 0;
  if (!start_in_query) max_n = std::min(n, m + k);
  if (!stop_in_query) min_n = std::max(0, n - m - k);

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
      column[i].origin = std::max(0, min_n - i);
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
  int last = start_in_reference ? m : std::min(m, k + 1);
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
    for (int i = 1; i <= last; ++i) {
      const bool equal = compare_ascii ? s1[i - 1] == qc : (s1[i - 1] & qc) != 0;
      if (equal) {
        cost = diag.cost;
        origin = diag.origin;
        score = diag.score + kMatchScore;
      } else {
        const int64_t cost_diag = diag.cost + 1;
        const int64_t cost_deletion = column[i].cost + indel;
        const int64_t cost_insertion = column[i - 1].cost + indel;
        if (cost_diag <= cost_deletion && cost_diag <= cost_insertion) {
          cost = cost_diag;
          origin = diag.origin;
          score = diag.score + kMismatchScore;
        } else if (cost_insertion <= cost_deletion) {
          cost = cost_insertion;
          origin = column[i - 1].origin;
          score = column[i - 1].score + kIndelScore;
        } else {
          cost = cost_deletion;
          origin = column[i].origin;
          score = column[i].score + kIndelScore;
        }
      }
      diag = column[i];
      column[i] = Entry{cost, score, origin};
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

  if (max_n == n) {
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
      if (acceptable(length, e.cost, effective) &&
          better(length, best.ref_stop + std::min(best.origin, 0), e.score)) {
        best = Best{e.cost, e.score, e.origin, i, n};
      }
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
  c.max_k_ = static_cast<int>(options.max_error_rate * c.effective_length_);
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
