#include "fastq/ascii.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cutover {

bool IsAscii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  if (n < 16) {
    // Two overlapping words cover 8 to 15 bytes; shorter texts go byte by byte.
    uint64_t acc = 0, w;
    if (n >= 8) {
      std::memcpy(&acc, p, 8);
      std::memcpy(&w, p + n - 8, 8);
      acc |= w;
    } else {
      for (size_t i = 0; i < n; ++i) acc |= static_cast<unsigned char>(p[i]);
    }
    return (acc & 0x8080808080808080ULL) == 0;
  }
#if defined(__SSE2__)
  // OR 64 bytes at a time and test their high bits once; the last 16 bytes are loaded again,
  // overlapping what was seen, instead of a byte loop for the tail.
  const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
  __m128i acc = last;
  while (n >= 64) {
    __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
    __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32));
    __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48));
    acc = _mm_or_si128(acc, _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)));
    p += 64;
    n -= 64;
  }
  while (n >= 16) {
    acc = _mm_or_si128(acc, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    p += 16;
    n -= 16;
  }
  return _mm_movemask_epi8(acc) == 0;
#else
  uint64_t acc = 0, w;
  std::memcpy(&acc, p + n - 8, 8);
  for (; n >= 8; p += 8, n -= 8) {
    std::memcpy(&w, p, 8);
    acc |= w;
  }
  return (acc & 0x8080808080808080ULL) == 0;
#endif
}

size_t FindNonAscii(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return i;
  }
  return std::string_view::npos;
}

}  // namespace cutover
