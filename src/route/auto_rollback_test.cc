#include "route/auto_rollback.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(AutoRollbackTest, OnlyWhereNewServes) {
  for (RouteMode mode : {RouteMode::kLegacy, RouteMode::kShadow, RouteMode::kRetired}) {
    EXPECT_FALSE(AutoRollbackReason(Route{mode, 0}, 10, 3, "s1", "exit 1").has_value())
        << ToString(mode);
  }
  EXPECT_TRUE(AutoRollbackReason(Route{RouteMode::kCanary, 10}, 3, 3, "s1", "exit 1"));
  EXPECT_TRUE(AutoRollbackReason(Route{RouteMode::kNew, 0}, 3, 3, "s1", "exit 1"));
}

TEST(AutoRollbackTest, AtTheLimitNotBefore) {
  const Route route{RouteMode::kNew, 0};
  EXPECT_FALSE(AutoRollbackReason(route, 0, 3, "s1", "exit 1"));
  EXPECT_FALSE(AutoRollbackReason(route, 2, 3, "s1", "exit 1"));
  EXPECT_TRUE(AutoRollbackReason(route, 3, 3, "s1", "exit 1"));
  EXPECT_TRUE(AutoRollbackReason(route, 4, 3, "s1", "exit 1"));
}

TEST(AutoRollbackTest, ReasonNamesCountLimitSampleAndFailure) {
  auto reason = AutoRollbackReason(Route{RouteMode::kCanary, 50}, 3, 3, "s7", "exit 2 — boom");
  ASSERT_TRUE(reason.has_value());
  EXPECT_EQ(*reason,
            "automatic rollback: 3 consecutive new-side failures (limit 3); last on sample s7: "
            "exit 2 — boom");
}

}  // namespace
}  // namespace cutover
