#include "compare/sam_header_lines.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(SamHeaderLinesTest, SortedWithoutIgnoredTypesSortOrderOrSqAnnotations) {
  const std::string text =
      "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:b\tLN:5\tM5:abc\tUR:file:x.fa\n@SQ\tSN:a\tLN:9\n"
      "@PG\tID:bwa\n@CO\tnote\n@RG\tID:x\n";
  EXPECT_EQ(ComparableHeaderLines(text, {"PG", "CO"}),
            (std::vector<std::string>{"@HD\tVN:1.6", "@RG\tID:x", "@SQ\tSN:a\tLN:9",
                                      "@SQ\tSN:b\tLN:5"}));
  EXPECT_EQ(ComparableHeaderLines(text, {}).size(), 6u);
}

TEST(SamHeaderLinesTest, DiffIsAMultisetDifference) {
  HeaderLineDiff d = DiffHeaderLines({"@CO\tx", "@CO\tx", "@RG\tID:a"}, {"@CO\tx", "@RG\tID:b"});
  EXPECT_EQ(d.only_legacy, (std::vector<std::string>{"@CO\tx", "@RG\tID:a"}));
  EXPECT_EQ(d.only_new, (std::vector<std::string>{"@RG\tID:b"}));
}

}  // namespace
}  // namespace cutover
