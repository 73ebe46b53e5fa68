#include "qc/per_base_content.h"

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "qc/html_report.h"
#include "qc/java_double.h"

namespace cutover {
namespace {

constexpr char kLetters[5] = {'G', 'A', 'T', 'C', 'N'};

constexpr std::array<int, 256> MakeLetterIndex() {
  std::array<int, 256> index{};
  for (auto& i : index) i = -1;
  for (int k = 0; k < 5; ++k) index[static_cast<unsigned char>(kLetters[k])] = k;
  return index;
}
constexpr std::array<int, 256> kLetterIndex = MakeLetterIndex();  // -1: not a counted letter

}  // namespace

void PerBaseContent::Add(const QcRead& read) {
  const size_t length = read.sequence.size();
  lengths_.Add(length);
  ++reads_;
  const size_t hot = std::min(length, hot_counts_.size());
  const char* s = read.sequence.data();
  size_t pos = 0;
#if defined(__SSE2__)
  // Whole blocks of 16 positions; the rest one by one (no load past the sequence).
  for (; pos + 16 <= hot; pos += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos));
    for (int k = 0; k < 5; ++k) {
      auto* t = reinterpret_cast<__m128i*>(tallies_.data() + k * stride_ + pos);
      const __m128i hit = _mm_cmpeq_epi8(v, _mm_set1_epi8(kLetters[k]));
      _mm_storeu_si128(t, _mm_sub_epi8(_mm_loadu_si128(t), hit));
    }
  }
#endif
  for (; pos < hot; ++pos) {
    const int k = kLetterIndex[static_cast<unsigned char>(s[pos])];
    if (k >= 0) ++tallies_[k * stride_ + pos];
  }
  ++pending_;  // (before AddLong, whose promotion flushes this read's tallies too)
  if (length > hot_counts_.size()) AddLong(read.sequence);
  if (pending_ == 255) Flush();
}

void PerBaseContent::AddLong(std::string_view sequence) {
  const size_t cold_end = std::min(sequence.size(), tail_.frontier());
  for (size_t p = hot_counts_.size(); p < cold_end; ++p) {
    const int k = kLetterIndex[static_cast<unsigned char>(sequence[p])];
    if (k >= 0) ++cold_[p][k];
  }
  tail_.Add(sequence, [this](size_t position, std::string_view bytes) {
    const size_t end = position + bytes.size();
    if (cold_.size() < end) {
      // Grows by a quarter at least (amortised), not doubling: there may be megabases.
      if (cold_.capacity() < end)
        cold_.reserve(std::max(end, cold_.capacity() + cold_.capacity() / 4));
      cold_.resize(end);
    }
    for (size_t i = 0; i < bytes.size(); ++i) {
      const int k = kLetterIndex[static_cast<unsigned char>(bytes[i])];
      if (k >= 0) ++cold_[position + i][k];
    }
  });
  if (hot_.Add(sequence.size())) PromoteHot();
}

void PerBaseContent::PromoteHot() {
  Flush();
  const size_t from = hot_counts_.size();
  hot_counts_.resize(hot_.position());
  for (size_t p = from; p < hot_counts_.size(); ++p) {
    for (int k = 0; k < 5; ++k) hot_counts_[p][k] = cold_[p][k];
    cold_[p] = {};
  }
  stride_ = (hot_counts_.size() + 15) / 16 * 16;
  tallies_.assign(5 * stride_, 0);
}

void PerBaseContent::Flush() {
  if (pending_ == 0) return;
  for (int k = 0; k < 5; ++k) {
    const uint8_t* t = tallies_.data() + k * stride_;
    for (size_t pos = 0; pos < hot_counts_.size(); ++pos) hot_counts_[pos][k] += t[pos];
  }
  std::fill(tallies_.begin(), tallies_.end(), 0);
  pending_ = 0;
}

void PerBaseContent::Finish() {
  Flush();
  // Positions as long as the longest read (and --min_length; see PerBaseQuality::Finish).
  size_t positions = lengths_.max_index();
  if (positions > 0 && static_cast<int>(positions) < context_.grouping.min_length) {
    positions = context_.grouping.min_length;
  }
  const std::vector<BaseGroup> groups =
      MakeBaseGroups(static_cast<int>(positions), context_.grouping);
  group_counts_.assign(groups.size(), Counts{});
  // "Other" letters at a position: the reads covering it minus the five counted.
  std::vector<std::pair<size_t, uint64_t>> by_length;
  lengths_.ForEach([&](size_t length, uint64_t n) { by_length.emplace_back(length, n); });
  size_t next_length = 0;
  uint64_t not_covering = 0;
  size_t group = 0;
  auto count = [&](size_t p, const auto& letters) {
    while (group < groups.size() && static_cast<int>(p) >= groups[group].last) ++group;
    if (group == groups.size()) return;
    while (next_length < by_length.size() && by_length[next_length].first <= p) {
      not_covering += by_length[next_length++].second;
    }
    Counts& c = group_counts_[group];
    uint64_t counted = 0;
    for (int k = 0; k < 5; ++k) {
      c[k] += letters[k];
      counted += letters[k];
    }
    c[kOther] += static_cast<uint64_t>(reads_) - not_covering - counted;
  };
  const size_t cold_end = std::min(tail_.frontier(), positions);
  for (size_t p = 0; p < cold_end; ++p) {
    if (p < hot_counts_.size()) {
      count(p, hot_counts_[p]);
    } else {
      count(p, cold_[p]);
    }
  }
  tail_.ForEachColumn([&](size_t p, std::string_view column) {
    std::array<uint64_t, 5> letters{};
    for (unsigned char b : column) {
      const int k = kLetterIndex[b];
      if (k >= 0) ++letters[k];
    }
    count(p, letters);
  });
  for (const Counts& c : group_counts_) {
    for (int k = 0; k < 6; ++k) totals_[k] += c[k];
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    labels_.push_back(groups[i].Label());
    const Counts& n = group_counts_[i];
    const uint64_t total = n[kG] + n[kA] + n[kT] + n[kC];
    for (int k = 0; k < 4; ++k) {
      percent_[k].push_back((static_cast<double>(n[k]) / static_cast<double>(total)) * 100);
    }
  }
  const Limits& l = *context_.limits;
  auto exceeds = [&](const std::string& level) {
    const double bound = l.Get("sequence", level);
    for (size_t i = 0; i < labels_.size(); ++i) {
      double gc = std::fabs(percent_[kC][i] - percent_[kG][i]);
      double at = std::fabs(percent_[kT][i] - percent_[kA][i]);
      if (gc > bound || at > bound) return true;
    }
    return false;
  };
  verdict_ = exceeds("error") ? Verdict::kFail : exceeds("warn") ? Verdict::kWarn : Verdict::kPass;
}

void PerBaseContent::WriteData(std::string* out) const {
  out->append("#Base\tG\tA\tT\tC\n");
  for (size_t i = 0; i < labels_.size(); ++i) {
    out->append(labels_[i]);
    for (int k : {kG, kA, kT, kC}) {
      out->push_back('\t');
      AppendJavaDouble(percent_[k][i], out);
    }
    out->push_back('\n');
  }
}

void PerBaseContent::WriteHtml(HtmlReport* html) const {
  html->LineChart("Sequence content across all bases", "Position in read (bp)", labels_,
                  {{"%T", percent_[kT]}, {"%C", percent_[kC]}, {"%A", percent_[kA]},
                   {"%G", percent_[kG]}},
                  0, 100);
}

void NContent::Finish() {
  labels_ = bases_->group_labels();
  for (const PerBaseContent::Counts& c : bases_->group_counts()) {
    uint64_t total = 0;
    for (uint64_t n : c) total += n;
    percent_.push_back(100 *
                       (static_cast<double>(c[PerBaseContent::kN]) / static_cast<double>(total)));
  }
  const Limits& l = *context_.limits;
  auto exceeds = [&](const std::string& level) {
    for (double p : percent_) {
      if (p > l.Get("n_content", level)) return true;
    }
    return false;
  };
  verdict_ = exceeds("error") ? Verdict::kFail : exceeds("warn") ? Verdict::kWarn : Verdict::kPass;
}

void NContent::WriteData(std::string* out) const {
  out->append("#Base\tN-Count\n");
  for (size_t i = 0; i < labels_.size(); ++i) {
    out->append(labels_[i]).append("\t");
    AppendJavaDouble(percent_[i], out);
    out->push_back('\n');
  }
}

void NContent::WriteHtml(HtmlReport* html) const {
  html->LineChart("N content across all bases", "Position in read (bp)", labels_,
                  {{"%N", percent_}}, 0, 100);
}

}  // namespace cutover
