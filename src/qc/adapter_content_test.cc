#include "qc/adapter_content.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "qc/limits.h"

namespace cutover {
namespace {

// FindFirst against std::string::find (Java's indexOf) on reads of every length up to 200,
// with adapters planted whole, in part, repeated and near the ends, for adapter lists of 4- to
// 20-byte adapters (the vector search takes those of 8+ bytes, the rest are scanned one by one).
TEST(AdapterContentTest, FindFirstIsTheFirstExactOccurrence) {
  Limits limits;
  std::string warnings;
  limits.Parse("adapter\twarn\t5\nadapter\terror\t10\n", &warnings);
  ModuleContext context;
  context.limits = &limits;
  const std::vector<NamedSequence> adapters = {{"universal", "AGATCGGAAGAG"},
                                               {"polyA", "AAAAAAAAAAAA"},
                                               {"polyG", "GGGGGGGGGGGG"},
                                               {"short", "GATC"},
                                               {"seven", "CTGTCTC"},
                                               {"eight", "TGGAATTC"},
                                               {"long", "GATCGTCGGACTGTAGAACT"}};
  AdapterContent module(context, adapters);
  std::mt19937 rng(15);
  static constexpr char kBases[] = "ACGTACGTACGTN";
  std::vector<int> first;
  for (int round = 0; round < 20000; ++round) {
    const size_t length = rng() % 201;
    std::string s(length, 'A');
    for (char& c : s) c = kBases[rng() % 13];
    // Plant up to three adapters (or their first bytes), some twice, some at the very end.
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) {
      const std::string& a = adapters[rng() % adapters.size()].sequence;
      const size_t keep = rng() % 3 == 0 ? rng() % a.size() : a.size();
      if (keep == 0 || keep > length) continue;
      const size_t at = rng() % 4 == 0 ? length - keep : rng() % (length - keep + 1);
      s.replace(at, keep, a.substr(0, keep));
    }
    module.FindFirst(s, &first);
    ASSERT_EQ(first.size(), adapters.size());
    for (size_t a = 0; a < adapters.size(); ++a) {
      const size_t expected = s.find(adapters[a].sequence);
      EXPECT_EQ(first[a], expected == std::string::npos ? -1 : static_cast<int>(expected))
          << adapters[a].name << " in " << s;
    }
  }
}

}  // namespace
}  // namespace cutover
