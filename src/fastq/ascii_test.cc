#include "fastq/ascii.h"

#include <gtest/gtest.h>

#include <string>

namespace cutover {
namespace {

TEST(AsciiTest, EveryByteBelow0x80IsAscii) {
  std::string all;
  for (int c = 0; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  EXPECT_TRUE(IsAscii(all));
  EXPECT_TRUE(IsAscii(""));
  EXPECT_EQ(FindNonAscii(all), std::string_view::npos);
}

// One byte >= 0x80 at every position of texts of every length up to 200 (all the SIMD paths
// and their tails), and every such byte value.
TEST(AsciiTest, FindsAHighByteAnywhere) {
  for (size_t len = 1; len <= 200; ++len) {
    std::string text(len, 'A');
    EXPECT_TRUE(IsAscii(text)) << len;
    for (size_t pos = 0; pos < len; ++pos) {
      text[pos] = static_cast<char>(0x80 + (pos * 7 + len) % 0x80);
      ASSERT_FALSE(IsAscii(text)) << "length " << len << ", position " << pos;
      ASSERT_EQ(FindNonAscii(text), pos);
      text[pos] = 'A';
    }
  }
  EXPECT_FALSE(IsAscii("\xff"));
  EXPECT_EQ(FindNonAscii("caf\xc3\xa9"), 3u);
}

// Views that do not start on an aligned address.
TEST(AsciiTest, UnalignedViews) {
  std::string text(300, 'C');
  text[250] = '\x80';
  for (size_t offset = 0; offset < 32; ++offset) {
    std::string_view v(text.data() + offset, 240 - offset);
    EXPECT_TRUE(IsAscii(v)) << offset;
    EXPECT_FALSE(IsAscii(std::string_view(text.data() + offset, 260 - offset))) << offset;
  }
}

}  // namespace
}  // namespace cutover
