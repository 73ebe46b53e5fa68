#include "pipeline/yaml_document.h"

#include <gtest/gtest.h>

#include <string>

namespace cutover {
namespace {

std::string ErrorOf(const std::string& text) {
  auto r = LoadYamlDocument(text, "p.yaml");
  return r.ok() ? "(ok)" : r.status().message();
}

// Nine levels of nine-fold aliases: 9^9 (387 million) leaves from a file of under 1 kB.
std::string AliasBomb() {
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    std::string ref = "*l" + std::to_string(i - 1);
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + ref;
    for (int k = 1; k < 9; ++k) text += ", " + ref;
    text += "]\n";
  }
  return text;
}

TEST(YamlDocumentTest, AnAliasBombIsRefusedWithItsPlace) {
  const std::string bomb = AliasBomb();
  ASSERT_LT(bomb.size(), 1000u);
  const std::string e = ErrorOf(bomb);
  EXPECT_NE(e.find("p.yaml:"), std::string::npos) << e;
  EXPECT_NE(e.find("aliases"), std::string::npos) << e;
}

TEST(YamlDocumentTest, ASelfReferencingAliasIsRefusedNotFollowedForever) {
  const std::string e = ErrorOf("policy: &x [*x]\n");
  EXPECT_NE(e.find("p.yaml:1:"), std::string::npos) << e;
  EXPECT_NE(e.find("refers to itself"), std::string::npos) << e;
  EXPECT_NE(ErrorOf("a: &m {k: *m}\n"), "(ok)");
}

TEST(YamlDocumentTest, ModestAliasesAreFine) {
  EXPECT_EQ(ErrorOf("base: &b {kind: text, ignore: ['^#']}\nx: *b\ny: *b\n"), "(ok)");
}

TEST(YamlDocumentTest, DuplicateKeysNameBothPlaces) {
  const std::string e = ErrorOf("steps:\n  qc: {}\n  trim: {}\n  qc: {}\n");
  EXPECT_NE(e.find("p.yaml:4:3: key 'qc' appears twice"), std::string::npos) << e;
  EXPECT_NE(e.find("first at line 2"), std::string::npos) << e;
  EXPECT_NE(ErrorOf("s: {legacy: a, legacy: b}\n"), "(ok)");
}

TEST(YamlDocumentTest, EmptyCommentOnlyAndSecondDocumentsSaySo) {
  EXPECT_EQ(ErrorOf(""), "p.yaml:1: no content: the file is empty (expected a YAML document)");
  EXPECT_EQ(ErrorOf("# a\n# b\n\n"),
            "p.yaml:3: no content: only comments or blank lines (expected a YAML document)");
  const std::string e = ErrorOf("a: 1\n---\nb: 2\n");
  EXPECT_NE(e.find("p.yaml:3:1: a second YAML document"), std::string::npos) << e;
}

// yaml-cpp 0.7.0's LoadAll never returns on these (each call gives another empty document at
// the same place, allocating as it goes): found by the loader's fuzz target.
TEST(YamlDocumentTest, AStreamTheParserCannotGetPastIsAnErrorNotAnEndlessLoop) {
  EXPECT_EQ(ErrorOf(","),
            "p.yaml:1:1: invalid YAML: unexpected ',': no value can start with it here (quote it "
            "if it is text)");
  EXPECT_EQ(ErrorOf("# a comment\n,\n"),
            "p.yaml:2:1: invalid YAML: unexpected ',': no value can start with it here (quote it "
            "if it is text)");
  const std::string e = ErrorOf("---\n  ,\n");
  EXPECT_NE(e.find("p.yaml:2:3: invalid YAML: unexpected ','"), std::string::npos) << e;
  // A real second document is still named as one, even when a third cannot be read.
  const std::string second = ErrorOf("a: 1\n---\n,\n");
  EXPECT_NE(second.find("p.yaml:3:1: a second YAML document"), std::string::npos) << second;
}

TEST(YamlDocumentTest, ParserErrorsCarryLineAndColumn) {
  const std::string e = ErrorOf("a: [1, 2\nb: 3\n");
  EXPECT_NE(e.find("p.yaml:"), std::string::npos) << e;
  EXPECT_NE(e.find("invalid YAML"), std::string::npos) << e;
}

TEST(YamlDocumentTest, DeepNestingIsBounded) {
  std::string deep(200, '[');
  deep += std::string(200, ']');
  EXPECT_NE(ErrorOf(deep), "(ok)");
  std::string fine(20, '[');
  fine += std::string(20, ']');
  EXPECT_EQ(ErrorOf(fine), "(ok)");
}

}  // namespace
}  // namespace cutover
