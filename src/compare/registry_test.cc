#include <gtest/gtest.h>

#include "compare/comparator.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

using nlohmann::json;

TEST(RegistryTest, KnownKinds) {
  EXPECT_EQ(ComparatorKinds(), (std::vector<std::string_view>{"bytes", "text", "table", "json",
                                                               "fastq", "fastqc", "bam", "vcf", "command", "none"}));
  for (std::string_view kind : ComparatorKinds()) {
    if (kind == "command") continue;  // needs `run:` (below)
    auto c = MakeComparator(std::string(kind), json::object());
    ASSERT_TRUE(c.ok()) << kind << ": " << c.status().ToString();
    EXPECT_EQ((*c)->kind(), kind);
    EXPECT_TRUE(MakeComparator(std::string(kind), json()).ok()) << "null options";
  }
  auto command = MakeComparator("command", {{"run", "cmp {legacy} {new}"}});
  ASSERT_TRUE(command.ok()) << command.status().ToString();
  EXPECT_EQ((*command)->kind(), "command");
}

TEST(RegistryTest, UnknownKindListsTheKnownOnes) {
  auto c = MakeComparator("parquet", json::object());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("'parquet'"), std::string::npos);
  EXPECT_NE(c.status().message().find("known: bytes, text, table, json, fastq, fastqc, bam, vcf, command"),
            std::string::npos)
      << c.status().message();
}

TEST(RegistryTest, OptionsArePassedToTheComparator) {
  auto bytes = MakeComparator("bytes", {{"max_differences", 3}});
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bytes.status().message().find("'max_differences'"), std::string::npos);

  auto bad_re = MakeComparator("text", {{"ignore", {"[z-a]"}}});
  ASSERT_FALSE(bad_re.ok());
  EXPECT_NE(bad_re.status().message().find("[z-a]"), std::string::npos);

  EXPECT_FALSE(MakeComparator("text", json("ignore")).ok());  // options not a mapping

  TestTempDir dir;
  auto text = MakeComparator("text", {{"ignore", {"^date:"}}});
  ASSERT_TRUE(text.ok());
  Comparison c =
      (*text)->Compare(dir.Write("a", "date: mon\nx\n"), dir.Write("b", "date: tue\nx\n"));
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
}

}  // namespace
}  // namespace cutover
