#include "qc/per_base_content.h"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "qc/java_double.h"
#include "qc/limits.h"

namespace cutover {
namespace {

// Reads whose positions fall in all of PerBaseContent's tiers (see per_base_quality_test.cc).
std::vector<std::string> MixedSequences() {
  std::mt19937 rng(7);
  std::vector<std::string> reads;
  auto make = [&](size_t length) {
    static constexpr char kBases[] = "GATCGATCGATCN.";
    std::string s(length, 'A');
    for (char& c : s) c = kBases[rng() % 14];
    return s;
  };
  for (int i = 0; i < 40000; ++i) {
    reads.push_back(make(i % 400 == 0 ? 1000 + rng() % 9000 : rng() % 170));
    if (i % 3000 == 0) reads.push_back(make(15000 + rng() % 5000));
  }
  return reads;
}

// Counts per position, then FastQC's sums per group: the reference, for both modules.
void Reference(const std::vector<std::string>& reads, const GroupingOptions& grouping,
               std::string* content, std::string* n_content) {
  std::vector<std::array<uint64_t, 6>> counts;  // G, A, T, C, N, other
  for (const std::string& s : reads) {
    if (s.size() > counts.size()) counts.resize(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
      const size_t k = std::string_view("GATCN").find(s[i]);
      ++counts[i][k == std::string_view::npos ? 5 : k];
    }
  }
  if (!counts.empty() && static_cast<int>(counts.size()) < grouping.min_length) {
    counts.resize(grouping.min_length);
  }
  *content = "#Base\tG\tA\tT\tC\n";
  *n_content = "#Base\tN-Count\n";
  for (const BaseGroup& g : MakeBaseGroups(static_cast<int>(counts.size()), grouping)) {
    std::array<uint64_t, 6> n{};
    for (int bp = g.first - 1; bp < g.last; ++bp) {
      for (int k = 0; k < 6; ++k) n[k] += counts[bp][k];
    }
    const uint64_t gatc = n[0] + n[1] + n[2] + n[3];
    *content += g.Label();
    for (int k = 0; k < 4; ++k) {
      *content += '\t';
      AppendJavaDouble((static_cast<double>(n[k]) / static_cast<double>(gatc)) * 100, content);
    }
    *content += '\n';
    *n_content += g.Label() + "\t";
    AppendJavaDouble(100 * (static_cast<double>(n[4]) / static_cast<double>(gatc + n[4] + n[5])),
                     n_content);
    *n_content += '\n';
  }
}

TEST(PerBaseContentTest, TieredCountsGiveFastqcsNumbers) {
  Limits limits;
  const std::vector<std::string> reads = MixedSequences();
  for (GroupingOptions grouping : {GroupingOptions{}, GroupingOptions{Grouping::kExponential, 0},
                                   GroupingOptions{Grouping::kLinear, 25000}}) {
    const ModuleContext context{&limits, grouping};
    PerBaseContent bases(context);
    NContent n(context, &bases);
    uint64_t g = 0;
    for (const std::string& s : reads) {
      bases.Add(QcRead{"r", s, s});
      g += static_cast<uint64_t>(std::count(s.begin(), s.end(), 'G'));
    }
    bases.Finish();
    n.Finish();
    std::string content, n_content, want_content, want_n_content;
    bases.WriteData(&content);
    n.WriteData(&n_content);
    Reference(reads, grouping, &want_content, &want_n_content);
    EXPECT_EQ(content, want_content);
    EXPECT_EQ(n_content, want_n_content);
    EXPECT_EQ(bases.totals()[PerBaseContent::kG], g);
  }
}

TEST(PerBaseContentTest, OneTenMegabaseRead) {
  Limits limits;
  PerBaseContent bases(ModuleContext{&limits, GroupingOptions{}});
  // NOLINTNEXTLINE(bugprone-string-constructor): a 10 Mb read, on purpose
  std::string s(10'000'000, 'G');
  s[0] = 'A';
  bases.Add(QcRead{"r", s, s});
  bases.Finish();
  std::string data;
  bases.WriteData(&data);
  EXPECT_EQ(data.rfind("#Base\tG\tA\tT\tC\n1\t0.0\t100.0\t0.0\t0.0\n2\t100.0\t0.0\t0.0\t0.0\n", 0),
            0u)
      << data.substr(0, 200);
  EXPECT_EQ(bases.totals()[PerBaseContent::kG], 9'999'999u);
  EXPECT_EQ(bases.group_labels().size(), bases.group_counts().size());
}

}  // namespace
}  // namespace cutover
