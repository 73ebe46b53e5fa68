#include "util/clock.h"

#include <gtest/gtest.h>

#include "testing/fake_clock.h"

namespace cutover {
namespace {

TEST(ClockTest, FormatsUtc) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(1795468740000), "2026-11-23T21:19:00Z");
}

TEST(ClockTest, FakeClockAdvances) {
  FakeClock c(1000);
  c.Advance(500);
  EXPECT_EQ(c.NowMs(), 1500);
}

TEST(ClockTest, SystemClockIsAfter2020) {
  EXPECT_GT(SystemClock()->NowMs(), 1577836800000);
}

TEST(ParseUtcTest, ReadsWhatFormatUtcWrites) {
  EXPECT_EQ(*ParseUtc("1970-01-01"), 0);
  EXPECT_EQ(*ParseUtc("2026-11-23T21:19:00Z"), 1795468740000);
  EXPECT_EQ(FormatUtc(*ParseUtc("2026-11-23T21:19:00Z")), "2026-11-23T21:19:00Z");
  EXPECT_EQ(*ParseUtc("2026-11-23T21:19:00.250Z"), 1795468740250);
  EXPECT_EQ(*ParseUtc("2024-02-29"), *ParseUtc("2024-02-28") + 86400000);
  for (const char* bad : {"", "2026-13-01", "2026-02-30", "2026-11-23 21:19:00", "yesterday",
                          "2026-11-23T21:19:00", "1969-12-31"}) {
    EXPECT_FALSE(ParseUtc(bad).ok()) << bad;
  }
}

TEST(ShiftedClockTest, StartsAtTheGivenTimeAndAdvances) {
  auto clock = ShiftedClock(1000000);
  int64_t a = clock->NowMs();
  EXPECT_GE(a, 1000000);
  EXPECT_LT(a, 1000000 + 60000);
  EXPECT_GE(clock->NowMs(), a);
}

}  // namespace
}  // namespace cutover
