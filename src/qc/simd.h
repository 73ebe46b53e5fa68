// Byte loops that the per-read modules run over every base, with SSE2 (the x86-64 baseline)
// where it helps and plain loops elsewhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cutover {

// Sum of the bytes of s.
inline uint64_t ByteSum(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  uint64_t sum = 0;
#if defined(__SSE2__)
  __m128i acc = _mm_setzero_si128();
  const __m128i zero = _mm_setzero_si128();
  while (n >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    acc = _mm_add_epi64(acc, _mm_sad_epu8(v, zero));
    p += 16;
    n -= 16;
  }
  sum = static_cast<uint64_t>(_mm_cvtsi128_si64(acc)) +
        static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(acc, acc)));
#endif
  for (size_t i = 0; i < n; ++i) sum += p[i];
  return sum;
}

// Number of bytes of s equal to a or b.
inline size_t CountEither(std::string_view s, char a, char b) {
  const char* p = s.data();
  size_t n = s.size();
  size_t count = 0;
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), one = _mm_set1_epi8(1);
  __m128i acc = _mm_setzero_si128();
  while (n >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb));
    // 0/1 per byte, summed by psadbw (no popcount instruction in baseline x86-64).
    acc = _mm_add_epi64(acc, _mm_sad_epu8(_mm_and_si128(hit, one), _mm_setzero_si128()));
    p += 16;
    n -= 16;
  }
  count = static_cast<size_t>(_mm_cvtsi128_si64(acc)) +
          static_cast<size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(acc, acc)));
#endif
  for (size_t i = 0; i < n; ++i) count += (p[i] == a) | (p[i] == b);
  return count;
}

// Copies n bytes from src to dst, upper-casing ASCII letters.
inline void CopyUpper(const char* src, size_t n, char* dst) {
#if defined(__SSE2__)
  const __m128i a1 = _mm_set1_epi8('a' - 1), z1 = _mm_set1_epi8('z' + 1);
  const __m128i flip = _mm_set1_epi8(0x20);
  while (n >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
    // Signed compares are right for ASCII; bytes >= 0x80 compare negative and stay as they are.
    __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(v, a1), _mm_cmplt_epi8(v, z1));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), _mm_xor_si128(v, _mm_and_si128(lower, flip)));
    src += 16;
    dst += 16;
    n -= 16;
  }
#endif
  for (size_t i = 0; i < n; ++i) {
    const char c = src[i];
    dst[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
}

// Whether s holds a lower-case ASCII letter.
inline bool AnyLower(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
#if defined(__SSE2__)
  const __m128i a1 = _mm_set1_epi8('a' - 1), z1 = _mm_set1_epi8('z' + 1);
  __m128i any = _mm_setzero_si128();
  while (n >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    any = _mm_or_si128(any, _mm_and_si128(_mm_cmpgt_epi8(v, a1), _mm_cmplt_epi8(v, z1)));
    p += 16;
    n -= 16;
  }
  if (_mm_movemask_epi8(any) != 0) return true;
#endif
  for (size_t i = 0; i < n; ++i) {
    if (p[i] >= 'a' && p[i] <= 'z') return true;
  }
  return false;
}

// Whether every byte of s lies in [lo, hi] (both below 0x80).
inline bool AllInRange(std::string_view s, unsigned char lo, unsigned char hi) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
#if defined(__SSE2__)
  // The lowest and highest byte of each lane (unsigned: bytes >= 0x80 are above hi), checked
  // against the bounds once at the end.
  // The last 16 bytes are loaded whole, overlapping the bytes before them.
  if (n >= 16) {
    __m128i lowest = _mm_set1_epi8(static_cast<char>(0xFF));
    __m128i highest = _mm_setzero_si128();
    auto add = [&](const unsigned char* at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      lowest = _mm_min_epu8(lowest, v);
      highest = _mm_max_epu8(highest, v);
    };
    const unsigned char* end = p + n;
    for (; end - p >= 16; p += 16) add(p);
    if (p < end) add(end - 16);
    const __m128i vlo = _mm_set1_epi8(static_cast<char>(lo));
    const __m128i vhi = _mm_set1_epi8(static_cast<char>(hi));
    const int low_ok = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(lowest, vlo), lowest));
    const int high_ok = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(highest, vhi), highest));
    return (low_ok & high_ok) == 0xFFFF;
  }
#endif
  for (size_t i = 0; i < n; ++i) {
    if (p[i] < lo || p[i] > hi) return false;
  }
  return true;
}

}  // namespace cutover
