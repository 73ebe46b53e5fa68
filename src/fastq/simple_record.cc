#include "fastq/simple_record.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cutover {
namespace {

// Writes a view with one 16-byte store. The caller copies the views 16 bytes at a time right
// after the call; a copy of two 8-byte stores cannot be forwarded from them and waits until
// they reach the cache (that wait cost as much as the parsing), one 16-byte store can be.
inline void StoreView(std::string_view* dst, const char* p, size_t n) {
#if defined(__SSE2__)
  static_assert(sizeof(std::string_view) == 2 * sizeof(int64_t));
  // Which half holds the length (libstdc++: the first); the compiler folds this to a constant.
  const std::string_view probe(p, 1);
  int64_t first;
  std::memcpy(&first, &probe, sizeof first);
  const auto address = static_cast<int64_t>(reinterpret_cast<intptr_t>(p));
  const auto length = static_cast<int64_t>(n);
  const __m128i x = first == 1 ? _mm_set_epi64x(address, length) : _mm_set_epi64x(length, address);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), x);
#else
  *dst = std::string_view(p, n);
#endif
}

// The first '\n' in [p, end), or null: 16 bytes at a time (lines are short, and a call to
// memchr for each cost more than the search), the last ones by memchr. *high collects the
// bytes seen (the high bit of each: non-ASCII), including up to 15 after the line end.
inline const char* FindNewline(const char* p, const char* end, unsigned* high) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    *high |= static_cast<unsigned>(_mm_movemask_epi8(v));
    const unsigned found = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
    if (found != 0) return p + __builtin_ctz(found);
    p += 16;
  }
#endif
  const char* nl = p == end ? nullptr : static_cast<const char*>(std::memchr(p, '\n', end - p));
  const char* to = nl == nullptr ? end : nl;
  for (const char* q = p; q < to; ++q) *high |= static_cast<unsigned char>(*q) & 0x80;
  return nl;
}

}  // namespace

const char* ParseSimpleRecord(const char* start, const char* end, bool ascii_only,
                              FastqRecord* record) {
  if (start == end || *start != '@') return nullptr;
  unsigned high = 0;
  const char* header_end = FindNewline(start, end, &high);
  if (header_end == nullptr || header_end[-1] == '\r') return nullptr;
  const char* sequence = header_end + 1;
  const char* sequence_end = FindNewline(sequence, end, &high);
  if (sequence_end == nullptr || (sequence_end > sequence && sequence_end[-1] == '\r')) {
    return nullptr;
  }
  const char* plus = sequence_end + 1;
  if (end - plus < 2 || plus[0] != '+' || plus[1] != '\n') return nullptr;
  // The quality line must end where the sequence's length puts its end, with no line end before.
  const char* quality = plus + 2;
  const size_t length = static_cast<size_t>(sequence_end - sequence);
  if (static_cast<size_t>(end - quality) <= length || quality[length] != '\n') return nullptr;
  if (length > 0 && quality[length - 1] == '\r') return nullptr;
  const char* const quality_end = quality + length;
  const char* q = quality;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  for (; quality_end - q >= 16; q += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    high |= static_cast<unsigned>(_mm_movemask_epi8(v));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)) != 0) return nullptr;
  }
#endif
  for (; q < quality_end; ++q) {
    if (*q == '\n') return nullptr;
    high |= static_cast<unsigned char>(*q) & 0x80;
  }
  // (high may include bytes after the record: a false alarm goes the general way.)
  if (ascii_only && high != 0) return nullptr;
  StoreView(&record->name, start + 1, static_cast<size_t>(header_end - start - 1));
  StoreView(&record->sequence, sequence, length);
  StoreView(&record->plus, plus + 1, 0);  // empty, at its place in the buffer
  StoreView(&record->quality, quality, length);
  return quality_end + 1;
}

}  // namespace cutover
