#include "qc/simd.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace cutover {
namespace {

// The vector loops against plain ones, on every length up to 70 (whole vectors, tails, the
// overlapping last load) with one byte out of range anywhere, or none.
TEST(SimdTest, AllInRangeAndByteSumAgreeWithPlainLoops) {
  std::mt19937 rng(15);
  for (size_t length = 0; length <= 70; ++length) {
    for (int round = 0; round < 200; ++round) {
      std::string s(length, 'I');
      for (char& c : s) c = static_cast<char>(33 + rng() % 94);
      if (length > 0 && round % 2 == 0) {
        const unsigned char bad[] = {0, 10, 32, 127, 128, 200, 255};
        s[rng() % length] = static_cast<char>(bad[rng() % 7]);
      }
      bool in_range = true;
      uint64_t sum = 0;
      for (unsigned char c : s) {
        in_range = in_range && c >= 33 && c <= 126;
        sum += c;
      }
      EXPECT_EQ(AllInRange(s, 33, 126), in_range) << length;
      EXPECT_EQ(ByteSum(s), sum) << length;
    }
  }
}

}  // namespace
}  // namespace cutover
