#include "qc/per_base_quality.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "qc/java_double.h"
#include "qc/limits.h"

namespace cutover {
namespace {

// Reads whose positions fall in all three of PerBaseQuality's tiers: more than 32,767 short
// reads (64-bit counts), more than 100 reads of a few kb (16-bit tallies), a few longer ones
// (kept bytes), in an order that moves the tiers' boundaries while reads come in.
std::vector<std::string> MixedQualities(int offset_low) {
  std::mt19937 rng(42);
  std::vector<std::string> reads;
  auto make = [&](size_t length) {
    std::string q(length, '!');
    int level = 20;
    for (size_t i = 0; i < length; ++i) {
      if (i % 50 == 0) level = 5 + static_cast<int>(rng() % 30);
      q[i] = static_cast<char>(offset_low + level + static_cast<int>(rng() % 9));
    }
    return q;
  };
  for (int i = 0; i < 40000; ++i) {
    reads.push_back(make(i % 500 == 0 ? 2000 + rng() % 9000 : rng() % 160));
    if (i % 1000 == 0) reads.push_back(make(20000 + rng() % 10000));
  }
  return reads;
}

// FastQC's arithmetic on one histogram per position (as PerBaseQuality computed it before its
// tiers, and as FastQC does): the reference.
std::string Reference(const std::vector<std::string>& reads, const GroupingOptions& grouping) {
  std::vector<QualityHistogram> counts;
  for (const std::string& q : reads) {
    if (q.size() > counts.size()) counts.resize(q.size());
    for (size_t i = 0; i < q.size(); ++i) counts[i].Add(static_cast<unsigned char>(q[i]));
  }
  if (static_cast<int>(counts.size()) < grouping.min_length) counts.resize(grouping.min_length);
  int lowest = 1000;
  for (const QualityHistogram& h : counts) lowest = std::min(lowest, h.min_char());
  const int offset = GuessEncoding(lowest).offset;
  auto group_percentile = [&](const BaseGroup& g, int percentile) {
    int n = 0;
    double total = 0;
    for (int i = g.first - 1; i < g.last; ++i) {
      if (counts[i].total() > 100) {
        ++n;
        total += counts[i].Percentile(offset, percentile);
      }
    }
    return n > 0 ? total / n : NAN;
  };
  std::string out =
      "#Base\tMean\tMedian\tLower Quartile\tUpper Quartile\t10th Percentile\t90th Percentile\n";
  for (const BaseGroup& g : MakeBaseGroups(static_cast<int>(counts.size()), grouping)) {
    int n = 0;
    double total = 0;
    for (int i = g.first - 1; i < g.last; ++i) {
      if (counts[i].total() > 0) {
        ++n;
        total += counts[i].Mean(offset);
      }
    }
    out += g.Label();
    for (double v : {n > 0 ? total / n : 0, group_percentile(g, 50), group_percentile(g, 25),
                     group_percentile(g, 75), group_percentile(g, 10), group_percentile(g, 90)}) {
      out += '\t';
      AppendJavaDouble(v, &out);
    }
    out += '\n';
  }
  return out;
}

TEST(PerBaseQualityTest, TieredCountsGiveFastqcsNumbers) {
  Limits limits;
  for (int offset_low : {33, 64}) {
    const std::vector<std::string> reads = MixedQualities(offset_low);
    for (GroupingOptions grouping : {GroupingOptions{}, GroupingOptions{Grouping::kExponential, 0},
                                     GroupingOptions{Grouping::kLinear, 40000}}) {
      PerBaseQuality module(ModuleContext{&limits, grouping});
      for (const std::string& q : reads) module.Add(QcRead{"r", std::string(q.size(), 'A'), q});
      module.Finish();
      std::string data;
      module.WriteData(&data);
      ASSERT_EQ(data, Reference(reads, grouping)) << "offset " << offset_low;
      EXPECT_EQ(module.lowest_char(), offset_low + 5);
    }
  }
}

TEST(PerBaseQualityTest, OneTenMegabaseRead) {
  Limits limits;
  PerBaseQuality module(ModuleContext{&limits, GroupingOptions{}});
  // NOLINTNEXTLINE(bugprone-string-constructor): a 10 Mb read, on purpose
  const std::string q(10'000'000, 'I');
  module.Add(QcRead{"r", q, q});
  module.Finish();
  std::string data;
  module.WriteData(&data);
  EXPECT_NE(data.find("\n1\t9.0\tNaN\tNaN\tNaN\tNaN\tNaN\n"), std::string::npos)
      << data.substr(0, 300);
  EXPECT_EQ(module.lowest_char(), 'I');
}

}  // namespace
}  // namespace cutover
