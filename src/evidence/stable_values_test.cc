#include "evidence/stable_values.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

const std::vector<StableValue> kValues = {{"today's date", "2026-12-04"},
                                          {"this machine's name", "lab-07"},
                                          {"the user name", "ana"},
                                          {"a short name", "x1"}};

TEST(StableValuesTest, NamesTheFirstLineHoldingEachValue) {
  const std::string text =
      "# report\n"
      "made on lab-07\n"
      "date 2026-12-04\n"
      "again 2026-12-04 on lab-07\n"
      "x1 x1\n";
  EXPECT_EQ(StableValueHints(text, kValues, nullptr),
            (std::vector<std::string>{"line 2 holds this machine's name (lab-07)",
                                      "line 3 holds today's date (2026-12-04)"}));
  EXPECT_TRUE(StableValueHints("nothing here\nbanana lab-070\n", kValues, nullptr).empty());
}

TEST(StableValuesTest, WhatTheProposedRulesCoverIsNotNamed) {
  auto rules = TextComparator::FromOptions(
      {{"ignore", {"^made on "}},
       {"replace", {{{"pattern", R"(\d{4}-\d{2}-\d{2})"}, {"with", "<DATE>"}}}}});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  const auto* text_rules = dynamic_cast<const TextComparator*>(rules->get());
  ASSERT_NE(text_rules, nullptr);
  EXPECT_EQ(StableValueHints("made on lab-07\ndate 2026-12-04\nby ana\nhost lab-07\n", kValues,
                             text_rules),
            (std::vector<std::string>{"line 3 holds the user name (ana)",
                                      "line 4 holds this machine's name (lab-07)"}));
}

}  // namespace
}  // namespace cutover
