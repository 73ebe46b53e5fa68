#include "trim/quality_trim.h"

#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>

#include "trim/oracle_test_util.h"

namespace cutover::trim {
namespace {

// 'I' is quality 40 and '#' quality 2 at base 33.
TEST(QualityTrimTest, ThreePrimeEnd) {
  // Sums from the end: 18, 36, then 16, then -4: cut where the sum peaked.
  EXPECT_EQ(QualityTrimIndex("IIIII##", 0, 20, 33), (TrimRange{0, 5}));
  // A low base followed by good ones is kept: the sum turns negative first.
  EXPECT_EQ(QualityTrimIndex("II#I#", 0, 20, 33), (TrimRange{0, 4}));
  EXPECT_EQ(QualityTrimIndex("IIIII", 0, 20, 33), (TrimRange{0, 5}));
}

TEST(QualityTrimTest, BothEnds) {
  EXPECT_EQ(QualityTrimIndex("##III##", 20, 20, 33), (TrimRange{2, 5}));
  // A cutoff of 0 leaves the 5' end alone.
  EXPECT_EQ(QualityTrimIndex("##III##", 0, 20, 33), (TrimRange{0, 5}));
}

TEST(QualityTrimTest, EverythingLowLeavesAnEmptyRead) {
  EXPECT_EQ(QualityTrimIndex("###", 0, 20, 33), (TrimRange{0, 0}));
  EXPECT_EQ(QualityTrimIndex("###", 20, 20, 33), (TrimRange{0, 0}));
  EXPECT_EQ(QualityTrimIndex("", 20, 20, 33), (TrimRange{0, 0}));
}

TEST(QualityTrimTest, Phred64) {
  // 'h' is 40 and 'B' is 2 at base 64.
  EXPECT_EQ(QualityTrimIndex("hhhhBB", 0, 20, 64), (TrimRange{0, 4}));
}

TEST(NextseqTrimTest, DarkCycleGsAreTrimmedWhateverTheirQuality) {
  // Each trailing G counts as quality 19 (sum +1); the T at index 3 stops it.
  EXPECT_EQ(NextseqTrimIndex("ACGTGGGG", "IIIIIIII", 20, 33), 4);
  // A low non-G base among them: sums 1, 2, 20, 20, then negative.
  EXPECT_EQ(NextseqTrimIndex("ACGTAAGG", "IIIII#II", 20, 33), 5);
  // Only upper-case G counts as a dark cycle.
  EXPECT_EQ(NextseqTrimIndex("ACGTgggg", "IIIIIIII", 20, 33), 8);
}

TEST(QualityTrimOracleTest, RandomCasesMatchCutadapt) {
  if (!trim_test::OracleAvailable()) GTEST_SKIP() << "cutadapt is not installed";
  std::mt19937 rng(99);
  std::vector<std::string> lines;
  struct Case {
    std::string seq, qual;
    int front, back, base;
    bool nextseq;
  };
  std::vector<Case> cases;
  for (int c = 0; c < 3000; ++c) {
    Case k;
    k.base = rng() % 4 == 0 ? 64 : 33;
    int n = rng() % 60;
    int mean = rng() % 41;
    for (int i = 0; i < n; ++i) {
      int q = std::clamp(mean + static_cast<int>(rng() % 30) - 15, 0, 41);
      k.qual += static_cast<char>(q + k.base);
      k.seq += "ACGTG"[rng() % 5];
    }
    k.front = rng() % 2 ? 0 : rng() % 35;
    k.back = rng() % 35;
    k.nextseq = rng() % 3 == 0;
    if (k.nextseq) {
      lines.push_back(fmt::format("nextseq\t{}\t{}\t{}\t{}", k.seq, k.qual, k.back, k.base));
    } else {
      lines.push_back(fmt::format("qual\t{}\t{}\t{}\t{}", k.qual, k.front, k.back, k.base));
    }
    cases.push_back(k);
  }
  std::vector<std::string> expected = trim_test::RunOracle(lines);
  ASSERT_EQ(expected.size(), cases.size());
  int failures = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& k = cases[i];
    std::string got;
    if (k.nextseq) {
      got = std::to_string(NextseqTrimIndex(k.seq, k.qual, k.back, k.base));
    } else {
      TrimRange r = QualityTrimIndex(k.qual, k.front, k.back, k.base);
      got = fmt::format("{} {}", r.start, r.stop);
    }
    if (got != expected[i] && ++failures <= 20) {
      ADD_FAILURE() << lines[i] << "\n  cutadapt: " << expected[i] << "\n  ours:     " << got;
    }
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace cutover::trim
