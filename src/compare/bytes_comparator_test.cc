#include "compare/bytes_comparator.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace cutover {
namespace {


TEST(BytesComparatorTest, IdenticalFilesMatch) {
  TestTempDir dir;
  BytesComparator cmp;
  Comparison c = cmp.Compare(dir.Write("a", "same\ncontent\n"), dir.Write("b", "same\ncontent\n"));
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(c.counts["bytes_legacy"], 13);
  EXPECT_EQ(c.counts["bytes_new"], 13);
  EXPECT_TRUE(c.differences.empty());
  EXPECT_EQ(cmp.Compare(dir.Write("e1", ""), dir.Write("e2", "")).outcome, Outcome::kMatch);
}

TEST(BytesComparatorTest, ReportsTheFirstDifferingOffsetAcrossBuffers) {
  TestTempDir dir;
  std::string a(10000, 'a');
  std::string b = a;
  b[7777] = 'B';
  b[9000] = 'C';
  BytesComparator cmp({.buffer_bytes = 1000});
  Comparison c = cmp.Compare(dir.Write("a", a), dir.Write("b", b));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["first_difference_offset"], 7777);
  EXPECT_EQ(c.counts["bytes_legacy"], 10000);
  EXPECT_EQ(c.counts["bytes_new"], 10000);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].location, "offset 7777");
  EXPECT_EQ(c.differences[0].legacy.substr(0, 5), "61 61");
  EXPECT_EQ(c.differences[0].new_side.substr(0, 5), "42 61");
  EXPECT_NE(c.message.find("7777"), std::string::npos) << c.message;
}

TEST(BytesComparatorTest, OneFileIsAPrefixOfTheOther) {
  TestTempDir dir;
  BytesComparator cmp({.buffer_bytes = 4});
  Comparison c = cmp.Compare(dir.Write("a", "abcdefgh"), dir.Write("b", "abcdefghij"));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["first_difference_offset"], 8);
  EXPECT_EQ(c.counts["bytes_legacy"], 8);
  EXPECT_EQ(c.counts["bytes_new"], 10);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_FALSE(c.differences[0].in_legacy);
  EXPECT_TRUE(c.differences[0].in_new);
  EXPECT_EQ(c.differences[0].new_side, "69 6a |ij|");
}

TEST(BytesComparatorTest, EmptyVersusNonEmpty) {
  TestTempDir dir;
  BytesComparator cmp;
  Comparison c = cmp.Compare(dir.Write("a", "x"), dir.Write("b", ""));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["first_difference_offset"], 0);
  EXPECT_FALSE(c.differences.at(0).in_new);
}

TEST(BytesComparatorTest, MissingFilesAreErrorsNamingThem) {
  TestTempDir dir;
  BytesComparator cmp;
  auto present = dir.Write("present", "x");
  Comparison c = cmp.Compare(present, dir.path() / "missing_new");
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_NE(c.message.find("missing_new"), std::string::npos) << c.message;
  Comparison both = cmp.Compare(dir.path() / "gone_a", dir.path() / "gone_b");
  EXPECT_EQ(both.outcome, Outcome::kError);
  EXPECT_NE(both.message.find("gone_a"), std::string::npos) << both.message;
  EXPECT_NE(both.message.find("gone_b"), std::string::npos) << both.message;
  EXPECT_EQ(cmp.Compare(dir.path(), present).outcome, Outcome::kError);
}

TEST(BytesComparatorTest, GzipIsComparedAsStoredBytes) {
  TestTempDir dir;
  BytesComparator cmp;
  Comparison c = cmp.Compare(dir.WriteGzip("a.gz", "hello\n"), dir.Write("b", "hello\n"));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
}

TEST(BytesComparatorTest, TakesNoOptions) {
  EXPECT_TRUE(BytesComparator::FromOptions(nlohmann::json::object()).ok());
  auto bad = BytesComparator::FromOptions({{"ignore", {"x"}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("'ignore'"), std::string::npos);
}

}  // namespace
}  // namespace cutover
