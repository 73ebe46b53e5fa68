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

constexpr std::array<int8_t, 256> MakeLetterIndex() {
  std::array<int8_t, 256> index{};
  for (auto& i : index) i = -1;
  for (int k = 0; k < 5; ++k) index[static_cast<unsigned char>(kLetters[k])] = static_cast<int8_t>(k);
  return index;
}
constexpr std::array<int8_t, 256> kLetterIndex = MakeLetterIndex();

}  // namespace

void PerBaseContent::Add(const QcRead& read) {
  const size_t length = read.sequence.size();
  if (length + 2 > lengths_.size()) lengths_.resize(length + 2);
  ++lengths_[length];
  if (length > stride_) {
    Flush();
    stride_ = (length + 15) / 16 * 16;
    tallies_.assign(5 * stride_, 0);
  }
  const char* s = read.sequence.data();
  size_t pos = 0;
#if defined(__SSE2__)
  // Whole blocks of 16 positions; the rest one by one (no load past the sequence).
  for (; pos + 16 <= length; pos += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos));
    for (int k = 0; k < 5; ++k) {
      auto* t = reinterpret_cast<__m128i*>(tallies_.data() + k * stride_ + pos);
      const __m128i hit = _mm_cmpeq_epi8(v, _mm_set1_epi8(kLetters[k]));
      _mm_storeu_si128(t, _mm_sub_epi8(_mm_loadu_si128(t), hit));
    }
  }
#endif
  for (; pos < length; ++pos) {
    const int k = kLetterIndex[static_cast<unsigned char>(s[pos])];
    if (k >= 0) ++tallies_[k * stride_ + pos];
  }
  if (++pending_ == 255) Flush();
}

void PerBaseContent::Flush() {
  if (pending_ == 0) return;
  if (counts_.size() < stride_) counts_.resize(stride_);
  for (int k = 0; k < 5; ++k) {
    const uint8_t* t = tallies_.data() + k * stride_;
    for (size_t pos = 0; pos < stride_; ++pos) counts_[pos][k] += t[pos];
  }
  std::fill(tallies_.begin(), tallies_.end(), 0);
  pending_ = 0;
}

void PerBaseContent::Finish() {
  Flush();
  // Positions as long as the longest read; "other" letters are the reads covering a position
  // minus the five counted.
  size_t longest = 0;
  for (size_t l = 0; l < lengths_.size(); ++l) {
    if (lengths_[l] > 0) longest = l;
  }
  counts_.resize(longest);
  uint64_t covering = 0;
  for (size_t l = lengths_.size(); l-- > 0;) {
    if (l < longest) {
      auto& c = counts_[l];
      c[kOther] = covering - (c[kG] + c[kA] + c[kT] + c[kC] + c[kN]);
    }
    covering += lengths_[l];
  }
  if (!counts_.empty() && static_cast<int>(counts_.size()) < context_.grouping.min_length) {
    counts_.resize(context_.grouping.min_length);  // (see PerBaseQuality::Finish)
  }
  const std::vector<BaseGroup> groups =
      MakeBaseGroups(static_cast<int>(counts_.size()), context_.grouping);
  for (const BaseGroup& g : groups) {
    labels_.push_back(g.Label());
    uint64_t n[4] = {0, 0, 0, 0};
    uint64_t total = 0;
    for (int bp = g.first - 1; bp < g.last; ++bp) {
      for (int k = 0; k < 4; ++k) {
        n[k] += counts_[bp][k];
        total += counts_[bp][k];
      }
    }
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
  const auto& counts = bases_->counts();
  for (const BaseGroup& g : MakeBaseGroups(static_cast<int>(counts.size()), context_.grouping)) {
    labels_.push_back(g.Label());
    uint64_t n = 0;
    uint64_t total = 0;
    for (int bp = g.first - 1; bp < g.last; ++bp) {
      n += counts[bp][PerBaseContent::kN];
      for (uint64_t c : counts[bp]) total += c;
    }
    percent_.push_back(100 * (static_cast<double>(n) / static_cast<double>(total)));
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
