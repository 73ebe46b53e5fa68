#include "qc/adapter_content.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <tmmintrin.h>
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

#if defined(__x86_64__)
// For the 16 starts p..p+15, the 2-bit codes of each start's four bytes packed in one byte
// (reads bytes p..p+18). Values stay below 256 in each byte, so 16-bit shifts act per byte.
inline __m128i Codes4(const char* p) {
  const __m128i three = _mm_set1_epi8(3);
  auto code = [&](int at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
    return _mm_and_si128(_mm_srli_epi16(v, 1), three);
  };
  __m128i key = code(0);
  key = _mm_or_si128(key, _mm_slli_epi16(code(1), 2));
  key = _mm_or_si128(key, _mm_slli_epi16(code(2), 4));
  return _mm_or_si128(key, _mm_slli_epi16(code(3), 6));
}

// Per start of a block, the needles of one group (bits) whose codes of bytes 0-7 match the
// codes k0 (bytes 0-3) and k4 (bytes 4-7) of the start: four table lookups (pshufb).
__attribute__((target("ssse3"))) inline __m128i Candidates(const uint8_t (&codes)[4][16],
                                                           __m128i k0, __m128i k4, __m128i live) {
  const __m128i low = _mm_set1_epi8(0x0F);
  const __m128i* table = reinterpret_cast<const __m128i*>(codes);
  __m128i m = _mm_and_si128(live, _mm_shuffle_epi8(_mm_loadu_si128(table), _mm_and_si128(k0, low)));
  m = _mm_and_si128(
      m, _mm_shuffle_epi8(_mm_loadu_si128(table + 1), _mm_and_si128(_mm_srli_epi16(k0, 4), low)));
  m = _mm_and_si128(m, _mm_shuffle_epi8(_mm_loadu_si128(table + 2), _mm_and_si128(k4, low)));
  return _mm_and_si128(
      m, _mm_shuffle_epi8(_mm_loadu_si128(table + 3), _mm_and_si128(_mm_srli_epi16(k4, 4), low)));
}

// Checks the candidates of starts b..b+15 of h (n bytes), given the codes at b and at b+4,
// recording hits in first and clearing the needles found from live; false once all are found.
__attribute__((target("ssse3"))) inline bool ScanBlock(const AdapterNeedles& needles, const char* h,
                                                       size_t n, size_t b, __m128i k0, __m128i k4,
                                                       unsigned* live, int* first) {
  for (int g = 0; g < (needles.count > 8 ? 2 : 1); ++g) {
    const __m128i m =
        Candidates(needles.codes[g], k0, k4, _mm_set1_epi8(static_cast<char>(live[g])));
    unsigned starts =
        ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(m, _mm_setzero_si128()))) & 0xFFFF;
    if (starts == 0) continue;
    alignas(16) uint8_t bits[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(bits), m);
    while (starts != 0) {
      const unsigned s = static_cast<unsigned>(__builtin_ctz(starts));
      starts &= starts - 1;
      const size_t at = b + s;
      for (unsigned these = bits[s] & live[g]; these != 0; these &= these - 1) {
        const unsigned j = static_cast<unsigned>(__builtin_ctz(these));
        const std::string& seq = *needles.seq[8 * g + j];
        if (at + seq.size() <= n && Equal(h + at, seq.data(), seq.size())) {
          first[needles.index[8 * g + j]] = static_cast<int>(at);
          live[g] &= ~(1u << j);
        }
      }
    }
  }
  return (live[0] | live[1]) != 0;
}

// Finds the first occurrence of each needle among starts 0..n-8, 16 starts at a time: a start
// is a candidate for a needle when the codes of its first 8 bytes match the needle's (a
// necessary condition for equal bytes; about one start in 65,536 of random sequence), and a
// candidate is compared whole. Reads no byte outside [0, n). Returns the first start not
// scanned (0 for reads under 23 bytes, which the caller scans one by one).
__attribute__((target("ssse3"))) size_t ScanSsse3(const AdapterNeedles& needles, const char* h,
                                                  size_t n, int* first) {
  if (n < 23 || needles.count == 0) return 0;
  unsigned live[2] = {0, 0};  // per group, the needles not found yet
  for (size_t a = 0; a < needles.count; ++a) live[a / 8] |= 1u << (a % 8);
  // Whole blocks, the codes at b+16 computed once for this block's b+4 and the next one's b.
  size_t b = 0;
  __m128i k0 = Codes4(h);
  bool more = true;
  for (; b + 35 <= n && more; b += 16) {
    const __m128i k16 = Codes4(h + b + 16);
    more = ScanBlock(needles, h, n, b, k0,
                     _mm_or_si128(_mm_srli_si128(k0, 4), _mm_slli_si128(k16, 12)), live, first);
    k0 = k16;
  }
  // The last starts (up to n-8) in blocks that end there, overlapping starts already seen.
  while (b + 8 <= n && more) {
    const size_t at = std::min(b, n - 23);
    more = ScanBlock(needles, h, n, at, Codes4(h + at), Codes4(h + at + 4), live, first);
    b = at + 16;
  }
  return n - 7;
}
#endif

}  // namespace

void AdapterContent::FindFirst(std::string_view s, std::vector<int>* first) const {
  const size_t count = adapters_.size();
  first->assign(count, -1);
  const char* h = s.data();
  const size_t n = s.size();
  size_t i = 0;
#if defined(__x86_64__)
  static const bool ssse3 = __builtin_cpu_supports("ssse3");  // (without: one by one)
  if (ssse3) i = ScanSsse3(needles_, h, n, first->data());
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
    const std::string& seq = adapters_[a].sequence;
    if (seq.size() < 8) continue;
    const size_t k = needles_.count++;
    needles_.seq[k] = &seq;
    needles_.index[k] = a;
    for (int pair = 0; pair < 4; ++pair) {
      const auto code = [&](int at) { return (static_cast<unsigned char>(seq[at]) >> 1) & 3; };
      const int value = code(2 * pair) | code(2 * pair + 1) << 2;
      needles_.codes[k / 8][pair][value] |= static_cast<uint8_t>(1u << (k % 8));
    }
    in_scan_[a] = true;
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
                    std::to_string(longest_adapter_) + " vs " + std::to_string(longest_sequence_) +
                    ")");
    return;
  }
  std::vector<Series> series;
  for (size_t a = 0; a < adapters_.size(); ++a) {
    series.push_back({adapters_[a].name, enrichment_[a]});
  }
  html->LineChart("% Adapter", "Position in read (bp)", labels_, series, 0, 100);
}

}  // namespace cutover
