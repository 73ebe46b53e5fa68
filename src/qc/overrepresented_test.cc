#include "qc/overrepresented.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(DuplicationCorrectionTest, NoCorrectionWhenEverythingWasTracked) {
  EXPECT_DOUBLE_EQ(DuplicationCorrectedCount(1000, 1000, 3, 7), 7);
  // Too few reads outside these observations to have missed any: total - obs < limit.
  EXPECT_DOUBLE_EQ(DuplicationCorrectedCount(990, 1000, 3, 20), 20);
}

TEST(DuplicationCorrectionTest, ByHand) {
  // limit 2 of 4 reads, level 1, 1 observation: P(not seeing) = 3/4 * 2/3 = 1/2, so the true
  // count is 1 / (1 - 1/2) = 2.
  EXPECT_DOUBLE_EQ(DuplicationCorrectedCount(2, 4, 1, 1), 2.0);
  // Once P(not seeing) drops below 1 - obs/(obs + 0.01) it counts as 0: no correction. At level
  // 1000 of 2M reads it is (1 - 1/2000)^i, below 0.0099 after about 9,200 of the 100,000 reads.
  EXPECT_DOUBLE_EQ(DuplicationCorrectedCount(100000, 2000000, 1000, 1), 1.0);
  // At level 50 it ends near exp(-50 * ln(2,000,000 / 1,900,000)) = 0.0769: the count is
  // scaled up by 1 / (1 - 0.0769) = 1.0833.
  EXPECT_NEAR(DuplicationCorrectedCount(100000, 2000000, 50, 1), 1.0833, 0.0005);
}

TEST(SequenceCountsTest, TracksTheFirst100000DistinctKeysThenOnlyCountsThem) {
  SequenceCounts counts(75);
  for (int i = 0; i < 100000; ++i) counts.Add("K" + std::to_string(i));
  counts.Add("K5");          // tracked: counted, and the limit point moves on
  counts.Add("NEW");         // not tracked any more
  counts.Add("K7");
  counts.Flush();
  EXPECT_EQ(counts.total(), 100003);
  EXPECT_EQ(counts.count_at_limit(), 100000) << "frozen at the 100,000th distinct key";
  int64_t k5 = 0, news = 0;
  for (const auto& k : counts.InJavaOrder()) {
    if (k.sequence == "K5") k5 = k.count;
    if (k.sequence == "NEW") ++news;
  }
  EXPECT_EQ(k5, 2);
  EXPECT_EQ(news, 0);
}

TEST(SequenceCountsTest, RepeatsBeforeTheLimitMoveTheLimitPoint) {
  SequenceCounts counts(75);
  counts.Add("A");
  counts.Add("B");
  counts.Add("A");
  counts.Flush();
  EXPECT_EQ(counts.count_at_limit(), 3) << "not frozen: every read moves it";
}

TEST(SequenceCountsTest, KeysUpToTheMaximumLengthAreKeptWhole) {
  SequenceCounts counts(200);
  const std::string long_key(200, 'A');
  for (int i = 0; i < 40; ++i) counts.Add(i % 2 == 0 ? std::string_view(long_key) : "C");
  counts.Flush();
  ASSERT_EQ(counts.InJavaOrder().size(), 2u);
  for (const auto& k : counts.InJavaOrder()) {
    EXPECT_EQ(k.count, 20);
    EXPECT_TRUE(k.sequence == long_key || k.sequence == "C");
  }
}

TEST(DuplicationKeyTest, PerVersion) {
  const std::string r51(51, 'A'), r76(76, 'C'), r20(20, 'G');
  // 0.11.9: reads over 75 bp cut to 50; --dup_length does not exist there.
  DuplicationKey old = DuplicationKey::For(FastqcVersion::k0_11_9, 0);
  EXPECT_EQ(old.Of(r51).size(), 51u);
  EXPECT_EQ(old.Of(r76).size(), 50u);
  EXPECT_EQ(old.max_length(), 75u);
  // 0.12.1: everything over 50 cut to 50.
  DuplicationKey now = DuplicationKey::For(FastqcVersion::k0_12_1, 0);
  EXPECT_EQ(now.Of(r51).size(), 50u);
  EXPECT_EQ(now.Of(r20).size(), 20u);
  EXPECT_EQ(now.max_length(), 50u);
  // --dup_length 30: every read cut to 30, shorter reads whole.
  DuplicationKey d30 = DuplicationKey::For(FastqcVersion::k0_12_1, 30);
  EXPECT_EQ(d30.Of(r51).size(), 30u);
  EXPECT_EQ(d30.Of(r20).size(), 20u);
  // --dup_length 100 keeps reads up to 100 bp whole.
  DuplicationKey d100 = DuplicationKey::For(FastqcVersion::k0_12_1, 100);
  EXPECT_EQ(d100.Of(r76).size(), 76u);
  EXPECT_EQ(d100.max_length(), 100u);
}

}  // namespace
}  // namespace cutover
