#include "qc/adapter_content.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "qc/html_report.h"
#include "qc/java_double.h"

namespace cutover {
namespace {

// Whether the m bytes at a and b are equal (m small: 8-byte words, no call).
inline bool Equal(const char* a, const char* b, size_t m) {
  while (m >= 8) {
    uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
    a += 8;
    b += 8;
    m -= 8;
  }
  while (m > 0) {
    if (*a++ != *b++) return false;
    --m;
  }
  return true;
}

}  // namespace

void AdapterContent::FindFirst(std::string_view s, std::vector<int>* first) const {
  const size_t count = adapters_.size();
  first->assign(count, -1);
  const char* h = s.data();
  const size_t n = s.size();
  size_t found = 0;
  // Adapters of 4+ bytes: 16 candidate starts at a time share the four shifted loads; a start
  // is a candidate when the adapter's first 4 bytes match there. Positions past the SIMD part,
  // and adapters under 4 bytes, are searched plainly.
  size_t i = 0;
#if defined(__SSE2__)
  __m128i anchors[kMaxSimdAdapters][4];
  const size_t simd_count = std::min(count, kMaxSimdAdapters);
  for (size_t a = 0; a < simd_count; ++a) {
    const std::string& seq = adapters_[a].sequence;
    if (seq.size() < 4) {
      continue;
    }
    for (int k = 0; k < 4; ++k) anchors[a][k] = _mm_set1_epi8(seq[k]);
  }
  for (; i + 19 <= n && found < count; i += 16) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + 1));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + 2));
    const __m128i v3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + 3));
    for (size_t a = 0; a < simd_count; ++a) {
      const std::string& seq = adapters_[a].sequence;
      if ((*first)[a] >= 0 || seq.size() < 4 || seq.size() > n) continue;
      __m128i eq = _mm_and_si128(_mm_cmpeq_epi8(v0, anchors[a][0]),
                                 _mm_cmpeq_epi8(v1, anchors[a][1]));
      eq = _mm_and_si128(eq, _mm_and_si128(_mm_cmpeq_epi8(v2, anchors[a][2]),
                                           _mm_cmpeq_epi8(v3, anchors[a][3])));
      unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(eq));
      const size_t last = n - seq.size();
      while (mask != 0) {
        const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
        mask &= mask - 1;
        if (at > last) break;
        if (Equal(h + at + 4, seq.data() + 4, seq.size() - 4)) {
          (*first)[a] = static_cast<int>(at);
          ++found;
          break;
        }
      }
    }
  }
#endif
  for (size_t a = 0; a < count; ++a) {
    if ((*first)[a] >= 0) continue;
    const std::string& seq = adapters_[a].sequence;
    // Starts from i on were not looked at by the SIMD scan (or this adapter was not in it).
    const bool scanned = seq.size() >= 4 && a < kMaxSimdAdapters;
    const size_t from = scanned ? i : 0;
    const size_t at = s.find(seq, from);
    if (at != std::string_view::npos) (*first)[a] = static_cast<int>(at);
  }

}

AdapterContent::AdapterContent(const ModuleContext& context, std::vector<NamedSequence> adapters)
    : context_(context), adapters_(std::move(adapters)) {
  for (const NamedSequence& a : adapters_) {
    longest_adapter_ = std::max(longest_adapter_, static_cast<int>(a.sequence.size()));
  }
  first_hits_.assign(adapters_.size(), {});
  scratch_.resize(adapters_.size());
}

void AdapterContent::Add(const QcRead& read) {
  ++total_;
  const int length = static_cast<int>(read.sequence.size());
  if (length > longest_sequence_ && length - longest_adapter_ > 0) longest_sequence_ = length;
  const int last = longest_sequence_ - longest_adapter_;  // positions 0..last are counted
  if (last < 0) return;
  FindFirst(read.sequence, &scratch_);
  for (size_t a = 0; a < adapters_.size(); ++a) {
    const int at = scratch_[a];
    if (at < 0 || at > last) continue;
    std::vector<int64_t>& hits = first_hits_[a];
    if (hits.size() <= static_cast<size_t>(at)) hits.resize(at + 1);
    ++hits[at];
  }
}

void AdapterContent::Finish() {
  if (longest_adapter_ > longest_sequence_) {  // reads too short to say: FastQC warns
    verdict_ = Verdict::kWarn;
    return;
  }
  const int positions = longest_sequence_ - longest_adapter_ + 1;
  const std::vector<BaseGroup> groups = MakeBaseGroups(positions, context_.grouping);
  for (const BaseGroup& g : groups) labels_.push_back(g.Label());
  for (size_t a = 0; a < adapters_.size(); ++a) {
    // Each read counts at every position from its first hit on.
    std::vector<int64_t> cumulative(positions, 0);
    int64_t running = 0;
    for (int p = 0; p < positions; ++p) {
      if (p < static_cast<int>(first_hits_[a].size())) running += first_hits_[a][p];
      cumulative[p] = running;
    }
    std::vector<double> values;
    for (const BaseGroup& g : groups) {
      double v = 0;
      for (int p = g.first - 1; p < g.last && p < positions; ++p) {
        v += (static_cast<double>(cumulative[p]) * 100.0) / static_cast<double>(total_);
      }
      v /= (g.last - g.first) + 1;
      values.push_back(v);
    }
    enrichment_.push_back(std::move(values));
  }
  const Limits& l = *context_.limits;
  auto exceeds = [&](const std::string& level) {
    for (const auto& values : enrichment_) {
      for (double v : values) {
        if (v > l.Get("adapter", level)) return true;
      }
    }
    return false;
  };
  verdict_ = exceeds("error") ? Verdict::kFail : exceeds("warn") ? Verdict::kWarn : Verdict::kPass;
}

void AdapterContent::WriteData(std::string* out) const {
  if (longest_adapter_ > longest_sequence_) return;
  out->append("#Position");
  for (const NamedSequence& a : adapters_) out->append("\t").append(a.name);
  out->push_back('\n');
  for (size_t g = 0; g < labels_.size(); ++g) {
    out->append(labels_[g]);
    for (const auto& values : enrichment_) {
      out->push_back('\t');
      AppendJavaDouble(values[g], out);
    }
    out->push_back('\n');
  }
}

void AdapterContent::WriteHtml(HtmlReport* html) const {
  if (longest_adapter_ > longest_sequence_) {
    html->Paragraph("Can't analyse adapters as read length is too short (" +
                    std::to_string(longest_adapter_) + " vs " +
                    std::to_string(longest_sequence_) + ")");
    return;
  }
  std::vector<Series> series;
  for (size_t a = 0; a < adapters_.size(); ++a) {
    series.push_back({adapters_[a].name, enrichment_[a]});
  }
  html->LineChart("% Adapter", "Position in read (bp)", labels_, series, 0, 100);
}

}  // namespace cutover
