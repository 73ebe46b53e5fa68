#include "util/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace cutover {
namespace {

TEST(Utf8Test, SequenceLengths) {
  EXPECT_EQ(Utf8SequenceLength("a", 0), 1u);
  EXPECT_EQ(Utf8SequenceLength("é", 0), 2u);        // U+00E9
  EXPECT_EQ(Utf8SequenceLength("€", 0), 3u);        // U+20AC
  EXPECT_EQ(Utf8SequenceLength("\xf0\x9f\x98\x80", 0), 4u);  // U+1F600
  EXPECT_EQ(Utf8SequenceLength("xé", 1), 2u);
}

TEST(Utf8Test, RejectsWhatIsNotStrictUtf8) {
  EXPECT_EQ(Utf8SequenceLength("\xff", 0), 0u);
  EXPECT_EQ(Utf8SequenceLength("\x80", 0), 0u);                  // a continuation byte
  EXPECT_EQ(Utf8SequenceLength("\xc3", 0), 0u);                  // cut off
  EXPECT_EQ(Utf8SequenceLength("\xc0\xaf", 0), 0u);              // overlong
  EXPECT_EQ(Utf8SequenceLength("\xe0\x80\xaf", 0), 0u);          // overlong, 3 bytes
  EXPECT_EQ(Utf8SequenceLength("\xed\xa0\x80", 0), 0u);          // a surrogate
  EXPECT_EQ(Utf8SequenceLength("\xf4\x90\x80\x80", 0), 0u);      // above U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("\xe2\x82(", 0), 0u);             // bad third byte
}

}  // namespace
}  // namespace cutover
