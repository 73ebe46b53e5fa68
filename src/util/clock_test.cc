#include "util/clock.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cutover
