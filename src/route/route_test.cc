#include "route/route.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(RouteTest, ParsesAndPrints) {
  EXPECT_EQ(*ParseRouteMode("shadow"), RouteMode::kShadow);
  EXPECT_FALSE(ParseRouteMode("shadwo").ok());
  EXPECT_EQ(ToString(Route{RouteMode::kCanary, 30}), "canary 30%");
  EXPECT_EQ(ToString(Route{RouteMode::kNew, 0}), "new");
}

TEST(RouteTest, MakeRouteChecksPercent) {
  EXPECT_EQ(*MakeRoute(RouteMode::kCanary, 10), (Route{RouteMode::kCanary, 10}));
  EXPECT_FALSE(MakeRoute(RouteMode::kCanary, std::nullopt).ok());
  EXPECT_FALSE(MakeRoute(RouteMode::kCanary, 101).ok());
  EXPECT_FALSE(MakeRoute(RouteMode::kShadow, 10).ok());
  EXPECT_EQ(*MakeRoute(RouteMode::kRetired, std::nullopt), (Route{RouteMode::kRetired, 0}));
}

TEST(PlanTest, EachModeDecidesServingShadowAndFallback) {
  auto plan = [](RouteMode m, int pct = 0) { return PlanExecution({m, pct}, true, "qc", "s1"); };
  ExecutionPlan p = plan(RouteMode::kLegacy);
  EXPECT_EQ(p.serving, Side::kLegacy);
  EXPECT_FALSE(p.run_shadow);
  p = plan(RouteMode::kShadow);
  EXPECT_EQ(p.serving, Side::kLegacy);
  EXPECT_TRUE(p.run_shadow);
  EXPECT_FALSE(p.legacy_fallback);
  p = plan(RouteMode::kCanary, 100);
  EXPECT_EQ(p.serving, Side::kNew);
  EXPECT_TRUE(p.run_shadow);
  EXPECT_TRUE(p.legacy_fallback);
  p = plan(RouteMode::kCanary, 0);
  EXPECT_EQ(p.serving, Side::kLegacy);
  EXPECT_TRUE(p.run_shadow);
  p = plan(RouteMode::kNew);
  EXPECT_EQ(p.serving, Side::kNew);
  EXPECT_FALSE(p.run_shadow);
  EXPECT_TRUE(p.legacy_fallback);
  p = plan(RouteMode::kRetired);
  EXPECT_EQ(p.serving, Side::kNew);
  EXPECT_FALSE(p.legacy_fallback);
}

TEST(PlanTest, NoNewImplementationMeansLegacyAlone) {
  ExecutionPlan p = PlanExecution({RouteMode::kNew, 0}, false, "qc", "s1");
  EXPECT_EQ(p.serving, Side::kLegacy);
  EXPECT_FALSE(p.run_shadow);
}

}  // namespace
}  // namespace cutover
