#include "util/strings.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(ShellQuoteTest, QuotesEverything) {
  EXPECT_EQ(ShellQuote("abc"), "'abc'");
  EXPECT_EQ(ShellQuote("x; touch pwned"), "'x; touch pwned'");
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote(""), "''");
}

TEST(SplitWordsTest, SplitsLikeShWithoutExpansion) {
  auto w = SplitWords(R"(fastqc -o 'my dir' "a \"b\"" $HOME c\ d {input})");
  ASSERT_TRUE(w.ok());
  std::vector<std::string> want = {"fastqc", "-o", "my dir", "a \"b\"", "$HOME", "c d", "{input}"};
  EXPECT_EQ(*w, want);
}

TEST(SplitWordsTest, UnbalancedQuoteIsAnError) {
  auto w = SplitWords("echo 'oops");
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("unterminated"), std::string::npos);
}

TEST(DurationTest, ParsesUnits) {
  EXPECT_EQ(*ParseDurationMs("30s"), 30000);
  EXPECT_EQ(*ParseDurationMs("10m"), 600000);
  EXPECT_EQ(*ParseDurationMs("1.5h"), 5400000);
  EXPECT_EQ(*ParseDurationMs("250ms"), 250);
  EXPECT_EQ(*ParseDurationMs("7"), 7000);
  EXPECT_FALSE(ParseDurationMs("ten minutes").ok());
  EXPECT_FALSE(ParseDurationMs("5 parsecs").ok());
  EXPECT_FALSE(ParseDurationMs("-1s").ok());
}

TEST(DurationTest, Formats) {
  EXPECT_EQ(FormatDurationMs(250), "250ms");
  EXPECT_EQ(FormatDurationMs(1500), "1.5s");
  EXPECT_EQ(FormatDurationMs(61000), "1m1s");
}

TEST(DurationTest, ReportUnits) {
  EXPECT_EQ(FormatMs(850), "850 ms");
  EXPECT_EQ(FormatMs(12400), "12.4 s");
  EXPECT_EQ(FormatMs(192000), "3.2 min");
  EXPECT_EQ(FormatKb(900), "900 kB");
  EXPECT_EQ(FormatKb(12400), "12.4 MB");
  EXPECT_EQ(FormatKb(1200000), "1.2 GB");
}

TEST(LastLineTest, TheLastNonEmptyLineTrimmed) {
  EXPECT_EQ(LastLine("first\nscancel: error: Access denied  \n\n"), "scancel: error: Access denied");
  EXPECT_EQ(LastLine("only"), "only");
  EXPECT_EQ(LastLine(" \n \n"), "");
}

TEST(TailBytesTest, CutsAtLineStart) {
  EXPECT_EQ(TailBytes("short", 100), "short");
  EXPECT_EQ(TailBytes("line one\nline two\nline three\n", 15), "line three\n");
}

TEST(TerminalSafeTest, ControlCharactersBecomeVisible) {
  EXPECT_EQ(TerminalSafe("a\x1b[2Jb\x07" "c"), "a\\x1b[2Jb\\x07c");
  EXPECT_EQ(TerminalSafe("keep\nlines\tand tabs"), "keep\nlines\tand tabs");
  EXPECT_EQ(TerminalSafe("cr\rdel\x7f"), "cr\\x0ddel\\x7f");
  EXPECT_EQ(TerminalSafe("csi \xc2\x9b" "31m"), "csi \\u009b31m");  // C1 CSI in UTF-8
  EXPECT_EQ(TerminalSafe("é ü 名前"), "é ü 名前");                   // other UTF-8 untouched
  EXPECT_EQ(OneLineForTerminal("two\nlines\x1b"), "two\\nlines\\x1b");
}

TEST(ParseInt64Test, WholeNumbersOnlyNeverAborts) {
  EXPECT_EQ(ParseInt64("42"), 42);
  EXPECT_EQ(ParseInt64(" -7 "), -7);
  EXPECT_EQ(ParseInt64("+3"), 3);
  EXPECT_EQ(ParseInt64("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(ParseInt64("9223372036854775808"), std::nullopt);
  EXPECT_EQ(ParseInt64("99999999999999999999"), std::nullopt);
  EXPECT_EQ(ParseInt64("12abc"), std::nullopt);
  EXPECT_EQ(ParseInt64("1.5"), std::nullopt);
  EXPECT_EQ(ParseInt64(""), std::nullopt);
  EXPECT_EQ(ParseInt64("++1"), std::nullopt);
}

TEST(ParseDurationTest, NotANumberAndAbsurdLengthsAreErrors) {
  EXPECT_FALSE(ParseDurationMs("nan").ok());
  EXPECT_FALSE(ParseDurationMs("inf").ok());
  EXPECT_FALSE(ParseDurationMs("-1s").ok());
  EXPECT_FALSE(ParseDurationMs("1e300s").ok());
  EXPECT_EQ(ParseDurationMs("1.5s").value(), 1500);
  EXPECT_EQ(ParseDurationMs(".5m").value(), 30000);
}

TEST(ReplaceAllTest, ReplacesEveryOccurrenceLeftToRight) {
  EXPECT_EQ(ReplaceAll("{name}:{name}", "{name}", "a1"), "a1:a1");
  EXPECT_EQ(ReplaceAll("aaa", "aa", "b"), "ba");  // non-overlapping, as Python's str.replace
  EXPECT_EQ(ReplaceAll("none here", "{name}", "x"), "none here");
  EXPECT_EQ(ReplaceAll("", "{name}", "x"), "");
  EXPECT_EQ(ReplaceAll("abc", "", "x"), "abc");
}

}  // namespace
}  // namespace cutover
