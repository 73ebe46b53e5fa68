#include "compare/excerpt.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace cutover {
namespace {

TEST(ExcerptTest, ValidUtf8KeepsTextAndEscapesInvalidBytes) {
  EXPECT_EQ(ValidUtf8("héllo\tworld\n"), "héllo\tworld\n");
  EXPECT_EQ(ValidUtf8(std::string("a\xff"
                                  "b")),
            "a\\xffb");
  EXPECT_EQ(ValidUtf8(std::string("\xc3")), "\\xc3");                    // cut sequence
  EXPECT_EQ(ValidUtf8(std::string("\xc0\xaf")), "\\xc0\\xaf");           // overlong
  EXPECT_EQ(ValidUtf8(std::string("\xed\xa0\x80")), "\\xed\\xa0\\x80");  // surrogate
  // The result always serializes as JSON.
  nlohmann::json j = ValidUtf8(std::string("\x80\xfe\xc3(", 4));
  EXPECT_NO_THROW(j.dump());
}

TEST(ExcerptTest, ShortTextIsShownWholeWithControlCharactersEscaped) {
  EXPECT_EQ(Excerpt("plain", 0, 200), "plain");
  EXPECT_EQ(Excerpt("a\tb\r", 0, 200), "a\tb\\r");
  EXPECT_EQ(Excerpt(std::string("x\0y", 3), 0, 200), "x\\x00y");
}

TEST(ExcerptTest, LongTextIsTruncatedAroundTheFocus) {
  std::string text(1000, 'a');
  text[500] = 'X';
  std::string e = Excerpt(text, 500, 100);
  EXPECT_NE(e.find('X'), std::string::npos) << e;
  EXPECT_EQ(e.rfind("[…475 bytes] ", 0), 0u) << e;  // 25 bytes of context before the focus
  EXPECT_NE(e.find(" […425 more bytes]"), std::string::npos) << e;

  std::string head = Excerpt(text, 0, 100);
  EXPECT_EQ(head, std::string(100, 'a') + " […900 more bytes]");
}

TEST(ExcerptTest, FocusNearTheEndShowsAFullWindow) {
  std::string text(300, 'b');
  std::string e = Excerpt(text, 299, 100);
  EXPECT_EQ(e, "[…200 bytes] " + std::string(100, 'b'));
}

TEST(ExcerptTest, NeverSplitsAUtf8Character) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "é";  // 2 bytes each
  std::string e = Excerpt(text, 0, 9);        // 4.5 characters fit
  EXPECT_EQ(e, "éééé […192 more bytes]");
  std::string mid = Excerpt(text, 106, 20);  // window would start inside a character
  nlohmann::json j = mid;
  EXPECT_NO_THROW(j.dump()) << mid;
  EXPECT_EQ(mid.find("\\x"), std::string::npos) << mid;
  EXPECT_EQ(mid.rfind("[…100 bytes] é", 0), 0u) << mid;
}

TEST(ExcerptTest, HexExcerpt) {
  EXPECT_EQ(HexExcerpt("Hi\n", 16), "48 69 0a |Hi.|");
  EXPECT_EQ(HexExcerpt("abcdef", 2), "61 62 |ab|");
}

TEST(ExcerptTest, FirstDifference) {
  EXPECT_EQ(FirstDifference("abc", "abd"), 2u);
  EXPECT_EQ(FirstDifference("abc", "abc"), 3u);
  EXPECT_EQ(FirstDifference("ab", "abc"), 2u);
  EXPECT_EQ(FirstDifference("", "x"), 0u);
}

}  // namespace
}  // namespace cutover
