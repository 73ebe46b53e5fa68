#include "evidence/rule_widening.h"

#include <gtest/gtest.h>

#include "compare/text_comparator.h"

namespace cutover {
namespace {

using nlohmann::json;

Comparison Differs(const std::string& legacy, const std::string& fresh) {
  Comparison c;
  c.outcome = Outcome::kMismatch;
  Difference d;
  d.location = "line 1";
  d.legacy = legacy;
  d.new_side = fresh;
  c.differences.push_back(d);
  return c;
}

TEST(RuleWideningTest, PrefixOfRuleReadsBackWhatCalibrationWrote) {
  EXPECT_EQ(PrefixOfRule("^Elapsed: "), "Elapsed: ");
  EXPECT_EQ(PrefixOfRule("^# normalize\\.ipynb run "), "# normalize.ipynb run ");
  EXPECT_EQ(PrefixOfRule("^a|b"), "");     // an operator: a user's regex
  EXPECT_EQ(PrefixOfRule("^\\d+"), "");    // an escape class, not a quoted character
  EXPECT_EQ(PrefixOfRule("Elapsed"), "");  // not anchored
}

TEST(RuleWideningTest, TheNewSidesOwnToolNameIsCovered) {
  std::vector<std::string> inferred = {"^# normalize\\.ipynb run "};
  const json options = {{"ignore", {"^#!", "^# normalize\\.ipynb run "}}};
  const std::string legacy = "# normalize.ipynb run 7f3a at 1733299200";
  const std::string fresh = "# normalize.py run 19c2 at 1733299201";
  RuleProposal p = WidenRulesToNew("text", options, inferred, Differs(legacy, fresh));
  ASSERT_TRUE(p.changed);
  EXPECT_EQ(p.options["ignore"], json::array({"^#!", "^# \\S+ run "})) << p.options.dump();
  EXPECT_EQ(inferred, std::vector<std::string>{"^# \\S+ run "});
  ASSERT_EQ(p.reasons.size(), 1u);
  EXPECT_NE(p.reasons[0].find("widened to '^# \\S+ run ' to cover"), std::string::npos)
      << p.reasons[0];

  // With the widened rule the real comparator finds the two lines equal.
  auto cmp = TextComparator::FromOptions(p.options);
  ASSERT_TRUE(cmp.ok()) << cmp.status().ToString();
}

TEST(RuleWideningTest, ACutWordMustStillStartTheNewWord) {
  // Legacy varied after "took=": the prefix ends inside a word.
  std::vector<std::string> inferred = {"^stage load took="};
  RuleProposal p = WidenRulesToNew("text", {{"ignore", inferred}}, inferred,
                                   Differs("stage load took=5", "phase load took=9"));
  ASSERT_TRUE(p.changed);
  EXPECT_EQ(p.options["ignore"], json::array({"^\\S+ load took="}));

  std::vector<std::string> other = {"^stage load took="};
  RuleProposal q = WidenRulesToNew("text", {{"ignore", other}}, other,
                                   Differs("stage load took=5", "stage load time=9"));
  EXPECT_FALSE(q.changed) << q.options.dump();
}

TEST(RuleWideningTest, NeverWidensIntoARuleWithNoWordLeft) {
  // Every word differs: widening would ignore any line of three words.
  std::vector<std::string> inferred = {"^alpha beta "};
  RuleProposal p = WidenRulesToNew("text", {{"ignore", inferred}}, inferred,
                                   Differs("alpha beta 1", "gamma delta 2"));
  EXPECT_FALSE(p.changed);
  // Another shape (fewer words, other separators) is not the same line.
  RuleProposal q = WidenRulesToNew("text", {{"ignore", inferred}}, inferred,
                                   Differs("alpha beta 1", "alpha,beta 2"));
  EXPECT_FALSE(q.changed);
}

TEST(RuleWideningTest, OnlyInferredRulesAndOnlyLinesLegacyItsRuleCovers) {
  // The user's own rule is left alone.
  std::vector<std::string> none;
  RuleProposal p = WidenRulesToNew("text", {{"ignore", {"^# normalize\\.ipynb run "}}}, none,
                                   Differs("# normalize.ipynb run 1", "# normalize.py run 2"));
  EXPECT_FALSE(p.changed);
  // A data line that differs between the sides is not a rule's line: it stays a difference.
  std::vector<std::string> inferred = {"^Elapsed: "};
  RuleProposal q =
      WidenRulesToNew("text", {{"ignore", inferred}}, inferred, Differs("gc 41", "gc 42"));
  EXPECT_FALSE(q.changed);
  // Not text: nothing to widen.
  RuleProposal r = WidenRulesToNew("json", json::object(), inferred, Differs("a", "b"));
  EXPECT_FALSE(r.changed);
}

}  // namespace
}  // namespace cutover
