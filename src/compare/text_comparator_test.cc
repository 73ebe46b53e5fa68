#include "compare/text_comparator.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace cutover {
namespace {

using nlohmann::json;

std::unique_ptr<Comparator> Text(const json& options = json::object()) {
  auto c = TextComparator::FromOptions(options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

TEST(TextComparatorTest, IdenticalFilesMatch) {
  TestTempDir dir;
  Comparison c = Text()->Compare(dir.Write("a", "x\ny\n"), dir.Write("b", "x\ny\n"));
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(c.message, "identical");
  EXPECT_EQ(c.counts["lines_legacy"], 2);
  EXPECT_EQ(c.counts["lines_new"], 2);
  EXPECT_EQ(c.counts["differing_lines"], 0);
}

TEST(TextComparatorTest, OneChangedLine) {
  TestTempDir dir;
  Comparison c = Text()->Compare(dir.Write("a", "h\nr1\t10\nr2\t20\nr3\t30\n"),
                                 dir.Write("b", "h\nr1\t10\nr2\t21\nr3\t30\n"));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.message, "1 line differs, first at line 3");
  EXPECT_EQ(c.counts["differing_lines"], 1);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].location, "line 3");
  EXPECT_EQ(c.differences[0].legacy, "r2\t20");
  EXPECT_EQ(c.differences[0].new_side, "r2\t21");
  EXPECT_TRUE(c.differences[0].in_legacy && c.differences[0].in_new);
}

TEST(TextComparatorTest, ExtraTrailingLine) {
  TestTempDir dir;
  Comparison c = Text()->Compare(dir.Write("a", "a\nb\n"), dir.Write("b", "a\nb\nc\n"));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.message, "1 line differs (1 only in new), first at new line 3");
  EXPECT_EQ(c.counts["only_new"], 1);
  EXPECT_EQ(c.counts["lines_new"], 3);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_FALSE(c.differences[0].in_legacy);
  EXPECT_EQ(c.differences[0].new_side, "c");

  Comparison rev = Text()->Compare(dir.Write("c", "a\nb\nc\n"), dir.Write("d", "a\nb\n"));
  EXPECT_EQ(rev.outcome, Outcome::kMismatch);
  EXPECT_EQ(rev.counts["only_legacy"], 1);
  EXPECT_EQ(rev.differences.at(0).location, "line 3");
  EXPECT_FALSE(rev.differences.at(0).in_new);
}

TEST(TextComparatorTest, EmptyVersusNonEmpty) {
  TestTempDir dir;
  Comparison c = Text()->Compare(dir.Write("a", ""), dir.Write("b", "only\n"));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["lines_legacy"], 0);
  EXPECT_EQ(c.counts["lines_new"], 1);
  EXPECT_EQ(Text()->Compare(dir.Write("e1", ""), dir.Write("e2", "")).outcome, Outcome::kMatch);
}

TEST(TextComparatorTest, MissingFinalNewlineIsADifferenceUnlessWhitespaceIsIgnored) {
  TestTempDir dir;
  auto a = dir.Write("a", "x\ny\n");
  auto b = dir.Write("b", "x\ny");
  Comparison strict = Text()->Compare(a, b);
  EXPECT_EQ(strict.outcome, Outcome::kMismatch);
  EXPECT_EQ(strict.differences.at(0).new_side, "y [no newline at end of file]");
  Comparison lenient = Text({{"ignore_trailing_whitespace", true}})->Compare(a, b);
  EXPECT_EQ(lenient.outcome, Outcome::kNoise) << lenient.message;
  EXPECT_EQ(lenient.message, "differ only in trailing whitespace");
}

TEST(TextComparatorTest, TrailingWhitespaceAndCrlf) {
  TestTempDir dir;
  auto a = dir.Write("a", "x  \r\ny\r\n");
  auto b = dir.Write("b", "x\ny\n");
  Comparison strict = Text()->Compare(a, b);
  EXPECT_EQ(strict.outcome, Outcome::kMismatch);
  EXPECT_EQ(strict.differences.at(0).legacy, "x  \\r");
  EXPECT_EQ(Text({{"ignore_trailing_whitespace", true}})->Compare(a, b).outcome, Outcome::kNoise);
  EXPECT_EQ(Text({{"ignore_trailing_whitespace", true}})->Compare(b, b).outcome, Outcome::kMatch);
}

TEST(TextComparatorTest, IgnoredTimestampLineIsNoise) {
  TestTempDir dir;
  auto a = dir.Write("a", "# generated 2024-01-01T10:00:00\nreads\t100\n");
  auto b = dir.Write("b", "# generated 2024-03-05T11:22:33\nreads\t100\n");
  EXPECT_EQ(Text()->Compare(a, b).outcome, Outcome::kMismatch);
  Comparison c = Text({{"ignore", {"^# generated \\d{4}-"}}})->Compare(a, b);
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  EXPECT_EQ(c.message, "differ only in ignored lines (2)");
  EXPECT_EQ(c.counts["ignored_legacy"], 1);
  EXPECT_EQ(c.counts["ignored_new"], 1);
  EXPECT_TRUE(c.differences.empty());
}

TEST(TextComparatorTest, IgnoreCoveringIdenticalLinesStillMatches) {
  TestTempDir dir;
  std::string text = "# version 1.2\ndata 1\n# version 1.2\ndata 2\n";
  Comparison c =
      Text({{"ignore", {"version"}}})->Compare(dir.Write("a", text), dir.Write("b", text));
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(c.counts["ignored_legacy"], 2);
}

TEST(TextComparatorTest, IgnoredLinesAtDifferentPlacesAreNoise) {
  TestTempDir dir;
  // Same kept lines, same ignored lines, but the ignored line moved: the files differ.
  Comparison c = Text({{"ignore", {"^tmp="}}})
                     ->Compare(dir.Write("a", "tmp=1\na\nb\n"), dir.Write("b", "a\ntmp=1\nb\n"));
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
}

TEST(TextComparatorTest, DifferencesReportOriginalLineNumbersOfEachSide) {
  TestTempDir dir;
  Comparison c = Text({{"ignore", {"^#"}}})
                     ->Compare(dir.Write("a", "a\nb\nc\n"), dir.Write("b", "# x\n# y\na\nB\nc\n"));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].location, "line 2 (new line 4)");
  EXPECT_EQ(c.message, "1 line differs, first at line 2 (new line 4)");
}

TEST(TextComparatorTest, GzipAndPlainOfTheSameContentMatch) {
  TestTempDir dir;
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "read" + std::to_string(i) + "\tACGT\n";
  auto gz = dir.WriteGzip("legacy.tsv.gz", text);
  auto plain = dir.Write("new.tsv", text);
  EXPECT_EQ(Text()->Compare(gz, plain).outcome, Outcome::kMatch);
  auto bytes = MakeComparator("bytes", json::object());
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ((*bytes)->Compare(gz, plain).outcome, Outcome::kMismatch);
}

TEST(TextComparatorTest, TruncatedGzipIsAnErrorNamingTheFile) {
  TestTempDir dir;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "line " + std::to_string(i * 7919 % 10007) + "\n";
  auto gz = dir.WriteGzip("legacy.txt.gz", text);
  TestTempDir::CutTail(gz, 10);
  auto plain = dir.Write("new.txt", text);
  Comparison c = Text()->Compare(gz, plain);
  EXPECT_EQ(c.outcome, Outcome::kError) << c.message;
  EXPECT_NE(c.message.find("legacy.txt.gz"), std::string::npos) << c.message;
  EXPECT_NE(c.message.find("truncated"), std::string::npos) << c.message;
  EXPECT_NE(c.message.find("line"), std::string::npos) << c.message;
  // Also when everything before the cut is ignored.
  EXPECT_EQ(Text({{"ignore", {"line"}}})->Compare(plain, gz).outcome, Outcome::kError);
}

TEST(TextComparatorTest, MissingFileIsAnErrorNamingIt) {
  TestTempDir dir;
  Comparison c = Text()->Compare(dir.Write("a", "x\n"), dir.path() / "not_there.txt");
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_NE(c.message.find("not_there.txt"), std::string::npos) << c.message;
  EXPECT_NE(c.message.find("new"), std::string::npos) << c.message;
}

TEST(TextComparatorTest, InvalidOptions) {
  auto bad_re = TextComparator::FromOptions({{"ignore", {"ok", "(unclosed"}}});
  ASSERT_FALSE(bad_re.ok());
  EXPECT_EQ(bad_re.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_re.status().message().find("(unclosed"), std::string::npos)
      << bad_re.status().message();

  auto unknown = TextComparator::FromOptions({{"ignore_case", true}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("'ignore_case'"), std::string::npos);

  EXPECT_FALSE(TextComparator::FromOptions({{"max_differences", -1}}).ok());
  EXPECT_FALSE(TextComparator::FromOptions({{"max_differences", "many"}}).ok());
  EXPECT_FALSE(TextComparator::FromOptions({{"ignore_trailing_whitespace", 1}}).ok());
  EXPECT_FALSE(TextComparator::FromOptions({{"ignore", {""}}}).ok());
  EXPECT_FALSE(TextComparator::FromOptions({{"ignore", 3}}).ok());
}

TEST(TextComparatorTest, MegabyteLines) {
  TestTempDir dir;
  std::string big(1 << 20, 'G');
  std::string changed = big;
  changed[700000] = 'T';
  auto a = dir.Write("a", "head\n" + big + "\ntail\n");
  auto same = dir.WriteGzip("same.gz", "head\n" + big + "\ntail\n");
  auto b = dir.Write("b", "head\n" + changed + "\ntail\n");
  EXPECT_EQ(Text()->Compare(a, same).outcome, Outcome::kMatch);
  Comparison c = Text()->Compare(a, b);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].location, "line 2");
  // The excerpt is short and shows where the line differs.
  EXPECT_LT(c.differences[0].new_side.size(), 300u);
  EXPECT_NE(c.differences[0].new_side.find('T'), std::string::npos);
  EXPECT_EQ(c.differences[0].legacy.find('T'), std::string::npos);
}

TEST(TextComparatorTest, MaxDifferencesCapsTheListButCountsAll) {
  TestTempDir dir;
  std::string a, b;
  for (int i = 1; i <= 50; ++i) {
    a += "row " + std::to_string(i) + "\n";
    b += "row " + std::to_string(i) + (i % 2 == 0 ? " changed" : "") + "\n";
  }
  b += "extra\n";
  Comparison c = Text({{"max_differences", 3}})->Compare(dir.Write("a", a), dir.Write("b", b));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["differing_lines"], 26);
  EXPECT_EQ(c.counts["only_new"], 1);
  ASSERT_EQ(c.differences.size(), 3u);
  EXPECT_EQ(c.differences[0].location, "line 2");
  EXPECT_EQ(c.differences[2].location, "line 6");
  EXPECT_EQ(c.message, "26 lines differ (25 changed, 1 only in new), first at line 2");

  Comparison none = Text({{"max_differences", 0}})->Compare(dir.path() / "a", dir.path() / "b");
  EXPECT_EQ(none.outcome, Outcome::kMismatch);
  EXPECT_TRUE(none.differences.empty());
  EXPECT_EQ(none.message, c.message);
  // The default lists 10.
  EXPECT_EQ(Text()->Compare(dir.path() / "a", dir.path() / "b").differences.size(), 10u);
}

TEST(TextComparatorTest, BinaryContentGivesPrintableDifferences) {
  TestTempDir dir;
  Comparison c = Text()->Compare(dir.Write("a", std::string("\xff\x00\x01\n", 4)),
                                 dir.Write("b", std::string("\xfe\x00\x01\n", 4)));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.differences.at(0).legacy, "\\xff\\x00\\x01");
  EXPECT_NO_THROW(c.ToJson().dump());
}

}  // namespace
}  // namespace cutover

namespace cutover {
namespace {

using nlohmann::json;

std::unique_ptr<Comparator> TextWith(const json& options) {
  auto c = TextComparator::FromOptions(options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

TEST(TextReplaceTest, SubstitutedDatesAreNoise) {
  TestTempDir dir;
  json options = {{"replace", json::array({{{"pattern", R"(\d{4}-\d\d-\d\d)"}, {"with", "DATE"}},
                                           {{"pattern", "/tmp/[^ ]+"}, {"with", "TMP"}}})}};
  auto a = dir.Write("a", "run 2026-01-02 in /tmp/abc x\ncount 5\n");
  auto b = dir.Write("b", "run 2026-11-24 in /tmp/q9 x\ncount 5\n");
  Comparison c = TextWith(options)->Compare(a, b);
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  EXPECT_EQ(c.message, "differ only in replaced values");
  // A changed number outside the replaced parts is still a mismatch.
  Comparison m = TextWith(options)->Compare(a, dir.Write("c", "run 2026-11-24 in /tmp/q9 x\ncount 6\n"));
  EXPECT_EQ(m.outcome, Outcome::kMismatch);
  EXPECT_EQ(m.differences.at(0).location, "line 2");
  // Identical files stay a match even with rules.
  EXPECT_EQ(TextWith(options)->Compare(a, a).outcome, Outcome::kMatch);
}

TEST(TextReplaceTest, GroupReferencesAndBadRules) {
  TestTempDir dir;
  json options = {{"replace", json::array({{{"pattern", R"((version) \S+)"}, {"with", R"(\1 X)"}}})}};
  Comparison c = TextWith(options)->Compare(dir.Write("a", "version 1.0\n"),
                                            dir.Write("b", "version 2.0\n"));
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  Comparison m = TextWith(options)->Compare(dir.Write("c", "version 1.0\n"),
                                            dir.Write("d", "Version 2.0\n"));
  EXPECT_EQ(m.outcome, Outcome::kMismatch);

  auto bad_group = TextComparator::FromOptions(
      {{"replace", json::array({{{"pattern", "a"}, {"with", R"(\2)"}}})}});
  ASSERT_FALSE(bad_group.ok());
  EXPECT_NE(bad_group.status().message().find("'with: \\2'"), std::string::npos)
      << bad_group.status().message();
  auto bad_re = TextComparator::FromOptions({{"replace", json::array({{{"pattern", "("}}})}});
  ASSERT_FALSE(bad_re.ok());
  EXPECT_NE(bad_re.status().message().find("invalid regular expression '('"), std::string::npos);
  auto bad_key = TextComparator::FromOptions(
      {{"replace", json::array({{{"pattern", "a"}, {"by", "b"}}})}});
  ASSERT_FALSE(bad_key.ok());
  EXPECT_NE(bad_key.status().message().find("unknown key 'by'"), std::string::npos);
  EXPECT_FALSE(TextComparator::FromOptions({{"replace", "a"}}).ok());
  EXPECT_FALSE(TextComparator::FromOptions({{"order", "sorted"}}).ok());
}

TEST(TextAnyOrderTest, SameLinesInAnotherOrderAreNoise) {
  TestTempDir dir;
  json any = {{"order", "any"}};
  auto a = dir.Write("a", "x\ny\nz\ny\n");
  EXPECT_EQ(TextWith(any)->Compare(a, dir.Write("same", "x\ny\nz\ny\n")).outcome, Outcome::kMatch);
  Comparison c = TextWith(any)->Compare(a, dir.Write("b", "y\nz\ny\nx\n"));
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  EXPECT_EQ(c.message, "differ only in line order");
  // Ordered, the same files differ.
  EXPECT_EQ(TextWith(json::object())->Compare(a, dir.Write("b2", "y\nz\ny\nx\n")).outcome,
            Outcome::kMismatch);
}

TEST(TextAnyOrderTest, MultiplicityMatters) {
  TestTempDir dir;
  json any = {{"order", "any"}};
  // legacy has y twice, new once and an extra w.
  Comparison c = TextWith(any)->Compare(dir.Write("a", "x\ny\nz\ny\n"), dir.Write("b", "w\nz\ny\nx\n"));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["only_legacy"], 1);
  EXPECT_EQ(c.counts["only_new"], 1);
  EXPECT_EQ(c.counts["differing_lines"], 2);
  EXPECT_EQ(c.message, "2 lines differ (1 only in legacy, 1 only in new), in any order; first at new line 1");
  ASSERT_EQ(c.differences.size(), 2u);
  // Sorted by line number, legacy first on a tie: new line 1 "w" and legacy line 2 "y".
  EXPECT_EQ(c.differences[0].location, "new line 1 (0× in legacy, 1× in new)");
  EXPECT_EQ(c.differences[0].new_side, "w");
  EXPECT_FALSE(c.differences[0].in_legacy);
  EXPECT_EQ(c.differences[1].location, "line 2 (2× in legacy, 1× in new)");
  EXPECT_EQ(c.differences[1].legacy, "y");
}

TEST(TextAnyOrderTest, ManyPassesFindTheSameDifferencesAsOne) {
  TestTempDir dir;
  std::string a, b;
  for (int i = 0; i < 500; ++i) a += "line " + std::to_string(i) + "\n";
  for (int i = 499; i >= 0; --i) {
    if (i == 17 || i == 300) continue;  // two lines missing in new
    b += "line " + std::to_string(i) + "\n";
  }
  b += "extra\n";
  auto pa = dir.Write("a", a);
  auto pb = dir.WriteGzip("b.gz", b);
  TextOptions one_pass;
  one_pass.order = LineOrder::kAny;
  TextOptions many = one_pass;
  many.unordered_lines_per_pass = 7;  // 500/7 -> 72 passes
  auto c1 = TextComparator::Create(one_pass).value()->Compare(pa, pb);
  auto c2 = TextComparator::Create(many).value()->Compare(pa, pb);
  EXPECT_EQ(c2.counts["passes"], 72);
  for (const Comparison* c : {&c1, &c2}) {
    EXPECT_EQ(c->outcome, Outcome::kMismatch);
    EXPECT_EQ(c->counts["only_legacy"], 2);
    EXPECT_EQ(c->counts["only_new"], 1);
    ASSERT_EQ(c->differences.size(), 3u);
    EXPECT_EQ(c->differences[0].legacy, "line 17");
    EXPECT_EQ(c->differences[0].location, "line 18 (1× in legacy, 0× in new)");
    EXPECT_EQ(c->differences[1].legacy, "line 300");
    EXPECT_EQ(c->differences[2].new_side, "extra");
    EXPECT_EQ(c->differences[2].location, "new line 499 (0× in legacy, 1× in new)");
  }
}

TEST(TextAnyOrderTest, IgnoredAndNormalizedLinesAndErrors) {
  TestTempDir dir;
  json options = {{"order", "any"}, {"ignore", "^#"}, {"ignore_trailing_whitespace", true}};
  Comparison c = TextWith(options)->Compare(dir.Write("a", "# t=1\nb\na\n"),
                                            dir.Write("b", "a  \n# t=2\nb"));
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  EXPECT_EQ(c.message, "differ only in ignored lines (2) and trailing whitespace and line order");
  auto cut = dir.WriteGzip("cut.gz", std::string(100000, 'x') + "\n");
  TestTempDir::CutTail(cut, 20);
  Comparison e = TextWith(options)->Compare(dir.Write("ok", "x\n"), cut);
  EXPECT_EQ(e.outcome, Outcome::kError);
  EXPECT_NE(e.message.find("new: "), std::string::npos) << e.message;
  EXPECT_NE(e.message.find(cut.string()), std::string::npos) << e.message;
}

}  // namespace
}  // namespace cutover
