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
  SequenceCounts counts;
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
  SequenceCounts counts;
  counts.Add("A");
  counts.Add("B");
  counts.Add("A");
  counts.Flush();
  EXPECT_EQ(counts.count_at_limit(), 3) << "not frozen: every read moves it";
}

}  // namespace
}  // namespace cutover
