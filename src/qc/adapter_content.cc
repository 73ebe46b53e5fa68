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

namespace {

// Scans starts i, i+16, ... while the four shifted 16-byte loads stay inside the read; for each
// block, a start is a candidate for an adapter when the 2-bit codes of its first four bytes
// match the adapter's (a necessary condition for equal bytes), and a candidate is checked whole. Returns the first start not scanned. (An AVX2 version, 32 starts
// at a time, measured 50% slower on this project's machines and was removed.)
#if defined(__SSE2__)
size_t ScanSse2(const AdapterNeedles& needles, const char* h, size_t n, size_t i, int* first,
                size_t* found) {
  __m128i keys[16];
  for (size_t a = 0; a < needles.count; ++a) keys[a] = _mm_set1_epi8(static_cast<char>(needles.key[a]));
  const __m128i three = _mm_set1_epi8(3);
  for (; i + 19 <= n && *found < needles.count; i += 16) {
    // Per start, the 2-bit codes ((byte >> 1) & 3) of its four bytes packed in one byte. Values
    // stay below 256 in each byte, so 16-bit shifts act per byte.
    auto code = [&](size_t at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + at));
      return _mm_and_si128(_mm_srli_epi16(v, 1), three);
    };
    __m128i key = code(i);
    key = _mm_or_si128(key, _mm_slli_epi16(code(i + 1), 2));
    key = _mm_or_si128(key, _mm_slli_epi16(code(i + 2), 4));
    key = _mm_or_si128(key, _mm_slli_epi16(code(i + 3), 6));
    for (size_t a = 0; a < needles.count; ++a) {
      unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(key, keys[a])));
      if (mask == 0) continue;
      int& at_out = first[needles.index[a]];
      if (at_out >= 0) continue;
      const std::string& seq = *needles.seq[a];
      while (mask != 0) {
        const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
        mask &= mask - 1;
        if (at + seq.size() > n) break;
        if (Equal(h + at, seq.data(), seq.size())) {
          at_out = static_cast<int>(at);
          ++*found;
          break;
        }
      }
    }
  }
  return i;
}
#endif

}  // namespace

void AdapterContent::FindFirst(std::string_view s, std::vector<int>* first) const {
  const size_t count = adapters_.size();
  first->assign(count, -1);
  const char* h = s.data();
  const size_t n = s.size();
  size_t i = 0;
#if defined(__SSE2__)
  size_t found = 0;
  i = ScanSse2(needles_, h, n, 0, first->data(), &found);
#endif
  for (size_t a = 0; a < count; ++a) {
    if ((*first)[a] >= 0) continue;
    const std::string& seq = adapters_[a].sequence;
    const size_t m = seq.size();
    if (m > n) continue;
    // Starts before i were scanned by the vector code when this adapter took part in it.
    for (size_t at = in_scan_[a] ? i : 0; at + m <= n; ++at) {
      if (h[at] == seq[0] && Equal(h + at, seq.data(), m)) {
        (*first)[a] = static_cast<int>(at);
        break;
      }
    }
  }
}

AdapterContent::AdapterContent(const ModuleContext& context, std::vector<NamedSequence> adapters)
    : context_(context), adapters_(std::move(adapters)) {
  for (const NamedSequence& a : adapters_) {
    longest_adapter_ = std::max(longest_adapter_, static_cast<int>(a.sequence.size()));
  }
  first_hits_.assign(adapters_.size(), {});
  in_scan_.assign(adapters_.size(), false);
  for (size_t a = 0; a < adapters_.size() && needles_.count < 16; ++a) {
    if (adapters_[a].sequence.size() >= 4) {
      needles_.seq[needles_.count] = &adapters_[a].sequence;
      uint8_t key = 0;
      for (int k = 0; k < 4; ++k) {
        key |= static_cast<uint8_t>(((static_cast<unsigned char>(adapters_[a].sequence[k]) >> 1) & 3) << (2 * k));
      }
      needles_.key[needles_.count] = key;
      needles_.index[needles_.count++] = a;
      in_scan_[a] = true;
    }
  }
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
    first_hits_[a].Add(static_cast<size_t>(at));
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
    std::vector<std::pair<size_t, uint64_t>> hits;  // (position, reads), by position
    first_hits_[a].ForEach([&](size_t at, uint64_t n) { hits.emplace_back(at, n); });
    size_t next = 0;
    int64_t cumulative = 0;
    std::vector<double> values;
    for (const BaseGroup& g : groups) {
      double v = 0;
      for (int p = g.first - 1; p < g.last && p < positions; ++p) {
        for (; next < hits.size() && hits[next].first <= static_cast<size_t>(p); ++next) {
          cumulative += static_cast<int64_t>(hits[next].second);
        }
        v += (static_cast<double>(cumulative) * 100.0) / static_cast<double>(total_);
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
