#include "trim/read_names.h"

#include <gtest/gtest.h>

namespace cutover::trim {
namespace {

// Expected values are Python 3.11's: name.split(maxsplit=1) and re.sub(r"\bTAG[0-9]*\b", ...),
// as cutadapt 4.2 computes them (checked with python3 when the tests were written).

TEST(SplitHeaderTest, SplitsAsPythonSplitWithMaxsplitOne) {
  using P = std::pair<std::string_view, std::string_view>;
  EXPECT_EQ(SplitHeader("r1 c d"), (P{"r1", "c d"}));
  EXPECT_EQ(SplitHeader("  r1\t\tc d "), (P{"r1", "c d "}));
  EXPECT_EQ(SplitHeader("a\x1f" "b"), (P{"a", "b"}));  // \x1f is whitespace to Python
  // One field only: the whole name is the ID, its spaces included.
  EXPECT_EQ(SplitHeader("r1 "), (P{"r1 ", ""}));
  EXPECT_EQ(SplitHeader(" "), (P{" ", ""}));
  EXPECT_EQ(SplitHeader(""), (P{"", ""}));
  EXPECT_EQ(SplitHeader("r1"), (P{"r1", ""}));
}

TEST(LengthTagTest, ReplacesAtWordBoundariesAsTheRegularExpression) {
  EXPECT_EQ(ReplaceLengthTag("a length=5 blength=6 length=7x length=8_9 length=", "length=", 42),
            "a length=42 blength=6 length=427x length=428_9 length=");
  EXPECT_EQ(ReplaceLengthTag("len=3;len=4", "len=", 7), "len=7;len=7");
  EXPECT_EQ(ReplaceLengthTag("x:1 x:22", "x:", 5), "x:5 x:5");
  EXPECT_EQ(ReplaceLengthTag(" =1", " =", 3), " =1");  // no boundary before the space
  EXPECT_EQ(ReplaceLengthTag("r1 length=150 foo", "length=", 2), "r1 length=2 foo");
  EXPECT_EQ(ReplaceLengthTag("no tag here", "length=", 2), "no tag here");
}

TEST(LengthTagTest, RefusesRegularExpressionCharacters) {
  EXPECT_TRUE(CheckLengthTag("length=").ok());
  EXPECT_TRUE(CheckLengthTag("len:").ok());
  for (const char* tag : {"len.", "l*", "(x)", "a|b", "x\\d", "[a]", "x{2}", "^x", "x$", "a+",
                          "a?"}) {
    Status s = CheckLengthTag(tag);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << tag;
    EXPECT_NE(s.message().find("--length-tag"), std::string::npos) << s.message();
  }
}

std::string Render(const RenameTemplate& t, int mate, const std::array<ReadFacts, 2>& facts) {
  std::string out;
  t.Render(mate, facts, &out);
  return out;
}

TEST(RenameTemplateTest, RendersEveryVariableOfOneRead) {
  Result<RenameTemplate> t = RenameTemplate::Parse(
      "{id}_{adapter_name} {match_sequence}|{cut_prefix}|{cut_suffix}|{rc}|{comment}|{header}",
      false);
  ASSERT_TRUE(t.ok()) << t.status().message();
  std::array<ReadFacts, 2> facts;
  facts[0] = ReadFacts{"r7 1:N:0", "AC", "T", "a1", "AGATCGG"};
  EXPECT_EQ(Render(*t, 0, facts), "r7_a1 AGATCGG|AC|T||1:N:0|r7 1:N:0");
  facts[0] = ReadFacts{"r8", "", "", "no_adapter", ""};
  EXPECT_EQ(Render(*t, 0, facts), "r8_no_adapter |||||r8");
  EXPECT_TRUE(t->uses_match_sequence());
  EXPECT_TRUE(t->uses_cuts());
}

TEST(RenameTemplateTest, PairedReadsSeeBothMates) {
  Result<RenameTemplate> t =
      RenameTemplate::Parse("{id} rn={rn} {r1.comment}/{r2.comment} {comment} {r2.adapter_name}", true);
  ASSERT_TRUE(t.ok()) << t.status().message();
  std::array<ReadFacts, 2> facts;
  facts[0] = ReadFacts{"p1/1 c1", "", "", "A", ""};
  facts[1] = ReadFacts{"p1/2 c2", "", "", "B", ""};
  EXPECT_EQ(Render(*t, 0, facts), "p1/1 rn=1 c1/c2 c1 B");
  EXPECT_EQ(Render(*t, 1, facts), "p1/2 rn=2 c1/c2 c2 B");
  EXPECT_FALSE(t->uses_match_sequence());
  EXPECT_FALSE(t->uses_cuts());
}

TEST(RenameTemplateTest, RefusesWhatCutadaptRefusesWithItsMessages) {
  struct Case {
    const char* text;
    bool paired;
    const char* message;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"{id", false, "Error in template '{id': Unexpected '{' encountered"},
           {"a}b{c}", false, "Error in template 'a}b{c}': Unexpected '}' encountered"},
           {"{a{b}", false, "Error in template '{a{b}': Unexpected '{' encountered"},
           {"{id}}", false, "Error in template '{id}}': Unexpected '}' encountered"},
           {"{foo}", false, "Error in template: Variable 'foo' not recognized"},
           {"x{}", false, "Error in template: Variable '' not recognized"},
           {"{rn}", false, "Error in template: Variable 'rn' not recognized"},
           {"{r1.comment}", false, "Error in template: Variable 'r1.comment' not recognized"},
           {"{rc}", true, "Error in template: Variable 'rc' not recognized"},
           {"{r1.id}", true, "Error in template: Variable 'r1.id' not recognized"},
           {"{r3.comment}", true, "Error in template: Variable 'r3.comment' not recognized"},
       }) {
    Result<RenameTemplate> t = RenameTemplate::Parse(c.text, c.paired);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().message(), c.message);
  }
  EXPECT_TRUE(RenameTemplate::Parse("plain text, no braces", false).ok());
}

}  // namespace
}  // namespace cutover::trim
