#include "evidence/gate.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

constexpr int64_t kDay = 86400000;

RouteChange Change(RouteMode from, RouteMode to, int64_t at_ms, int from_pct = 0, int to_pct = 0) {
  RouteChange c;
  c.from = {from, from_pct};
  c.to = {to, to_pct};
  c.at_ms = at_ms;
  return c;
}

TaskEvidence Agree(int64_t id, std::string sample) {
  TaskEvidence e;
  e.task_id = id;
  e.sample = std::move(sample);
  e.matches = 1;
  return e;
}

TaskEvidence Unexplained(int64_t id, std::string sample) {
  TaskEvidence e = Agree(id, std::move(sample));
  e.unexplained = 1;
  return e;
}

GatePolicy Policy() {
  GatePolicy p;
  p.min_comparisons = 10;
  p.min_samples = 3;
  p.min_days = 14;
  p.max_mismatch_rate = 0.0;
  p.clean_last = 5;
  return p;
}

TEST(FindWindowTest, ShadowBeganAtTheLastMoveOffLegacy) {
  EXPECT_EQ(FindWindow({}).route.mode, RouteMode::kLegacy);
  std::vector<RouteChange> h = {Change(RouteMode::kLegacy, RouteMode::kShadow, 100),
                                Change(RouteMode::kShadow, RouteMode::kCanary, 200, 0, 10),
                                Change(RouteMode::kCanary, RouteMode::kLegacy, 300, 10, 0),
                                Change(RouteMode::kLegacy, RouteMode::kShadow, 400),
                                Change(RouteMode::kShadow, RouteMode::kCanary, 500, 0, 10)};
  EvidenceWindow w = FindWindow(h);
  EXPECT_EQ(w.route, (Route{RouteMode::kCanary, 10}));
  EXPECT_EQ(w.shadow_began_ms, 400);  // the rollback at 300 restarted the clock
  EXPECT_EQ(w.stage_began_ms, 500);
  h.push_back(Change(RouteMode::kCanary, RouteMode::kLegacy, 600, 10, 0));
  EXPECT_EQ(FindWindow(h).shadow_began_ms, 0);
}

TEST(GateTest, SaysExactlyWhatIsMissing) {
  EvidenceWindow w{{RouteMode::kShadow, 0}, 1, 1};
  std::vector<TaskEvidence> ev;
  for (int i = 0; i < 9; ++i) ev.push_back(Agree(i + 1, i % 2 ? "a" : "b"));
  GateEvaluation g = EvaluateGate(Policy(), w, ev, 1 + 4 * kDay + kDay / 2);
  EXPECT_TRUE(g.applies);
  EXPECT_FALSE(g.ready);
  EXPECT_EQ(g.Summary(),
            "9 of 10 comparisons (need 1 more), 2 of 3 samples (need 1 more), 4.5 of 14 days "
            "(need 9.5 more)");
  EXPECT_EQ(g.ToJson()["needs"],
            (nlohmann::json{{"comparisons", 1}, {"samples", 1}, {"days", 9.5}}));
}

TEST(GateTest, HoldsExactlyAtTheThresholds) {
  EvidenceWindow w{{RouteMode::kShadow, 0}, 1000, 1000};
  std::vector<TaskEvidence> ev;
  for (int i = 0; i < 10; ++i) ev.push_back(Agree(i + 1, std::to_string(i % 3)));
  GateEvaluation g = EvaluateGate(Policy(), w, ev, 1000 + 14 * kDay);
  EXPECT_TRUE(g.ready) << g.Summary();
  EXPECT_EQ(g.Summary(), "ready");
  // One millisecond short of 14 days is not enough, and is not shown rounded up.
  GateEvaluation early = EvaluateGate(Policy(), w, ev, 1000 + 14 * kDay - 1);
  EXPECT_FALSE(early.ready);
  EXPECT_EQ(early.Summary(), "13.9 of 14 days (need 0.1 more)");
}

TEST(GateTest, MinMetricTakesTheStagesLowestValue) {
  EvidenceWindow w{{RouteMode::kShadow, 0}, 1000, 1000};
  std::vector<TaskEvidence> ev;
  for (int i = 0; i < 10; ++i) {
    TaskEvidence e = Agree(i + 1, std::to_string(i % 3));
    e.min_metrics["same_placement"] = i == 6 ? 0.994 : 0.999;
    ev.push_back(e);
  }
  GatePolicy p = Policy();
  p.min_metric["same_placement"] = 0.995;
  GateEvaluation g = EvaluateGate(p, w, ev, 1000 + 14 * kDay);
  EXPECT_FALSE(g.ready);
  EXPECT_EQ(g.Summary(), "same_placement 0.9940 < 0.995 (task 7)");
  EXPECT_EQ(g.ToJson()["metric_lows"]["same_placement"]["task"], 7);
  p.min_metric["same_placement"] = 0.994;  // exactly at the bound holds
  EXPECT_TRUE(EvaluateGate(p, w, ev, 1000 + 14 * kDay).ready);
  p.min_metric["recall"] = 0.99;  // a metric no comparison measured
  EXPECT_EQ(EvaluateGate(p, w, ev, 1000 + 14 * kDay).Summary(),
            "no comparison in this stage measured recall");
}

TEST(GateTest, MismatchRateAndCleanTail) {
  EvidenceWindow w{{RouteMode::kCanary, 10}, 0, 0};
  GatePolicy p = Policy();
  p.min_days = 0;
  p.max_mismatch_rate = 0.1;
  std::vector<TaskEvidence> ev;
  ev.push_back(Unexplained(1, "a"));  // 1 of 10 = 10%: allowed, and outside the last 5
  for (int i = 2; i <= 10; ++i) ev.push_back(Agree(i, std::to_string(i % 3)));
  GateEvaluation g = EvaluateGate(p, w, ev, 0);
  EXPECT_TRUE(g.ready) << g.Summary();
  EXPECT_DOUBLE_EQ(g.mismatch_rate, 0.1);

  ev.push_back(Unexplained(11, "b"));  // 2 of 11 = 18.2% and in the last 5
  g = EvaluateGate(p, w, ev, 0);
  EXPECT_FALSE(g.ready);
  EXPECT_EQ(g.Summary(),
            "mismatch rate 18.2% > 10% (2 unexplained of 11), 1 unexplained mismatch in the last 5 "
            "(latest: task 11)");
}

TEST(GateTest, AcceptedMismatchesAreExplainedAndNewFailuresAreNot) {
  EvidenceWindow w{{RouteMode::kShadow, 0}, 0, 0};
  GatePolicy p = Policy();
  p.min_comparisons = 2;
  p.min_samples = 1;
  p.min_days = 0;
  TaskEvidence accepted = Agree(1, "a");
  accepted.explained = 1;
  TaskEvidence failed;
  failed.task_id = 2;
  failed.sample = "a";
  failed.new_failed = true;
  GateEvaluation g = EvaluateGate(p, w, {accepted}, 0);
  EXPECT_EQ(g.explained, 1);
  EXPECT_EQ(g.Summary(), "1 of 2 comparisons (need 1 more)");
  g = EvaluateGate(p, w, {accepted, failed}, 0);
  EXPECT_EQ(g.unexplained, 1);
  EXPECT_FALSE(g.ready);
}

TEST(GateTest, DoesNotApplyOffTheGatedStages) {
  for (RouteMode m : {RouteMode::kLegacy, RouteMode::kNew, RouteMode::kRetired}) {
    GateEvaluation g = EvaluateGate(Policy(), EvidenceWindow{{m, 0}, 0, 0}, {}, 0);
    EXPECT_FALSE(g.applies);
    EXPECT_FALSE(g.ready);
    EXPECT_EQ(g.Summary(), "-");
  }
}

TEST(NextStageTest, WalksThroughTheCanarySteps) {
  GatePolicy p;  // canary 10, 50
  EXPECT_EQ(*NextStage({RouteMode::kLegacy, 0}, p), (Route{RouteMode::kShadow, 0}));
  EXPECT_EQ(*NextStage({RouteMode::kShadow, 0}, p), (Route{RouteMode::kCanary, 10}));
  EXPECT_EQ(*NextStage({RouteMode::kCanary, 10}, p), (Route{RouteMode::kCanary, 50}));
  EXPECT_EQ(*NextStage({RouteMode::kCanary, 30}, p), (Route{RouteMode::kCanary, 50}));
  EXPECT_EQ(*NextStage({RouteMode::kCanary, 50}, p), (Route{RouteMode::kNew, 0}));
  p.canary_steps.clear();
  EXPECT_EQ(*NextStage({RouteMode::kShadow, 0}, p), (Route{RouteMode::kNew, 0}));
  EXPECT_FALSE(NextStage({RouteMode::kNew, 0}, p).ok());
  EXPECT_FALSE(NextStage({RouteMode::kRetired, 0}, p).ok());
  EXPECT_FALSE(NeedsGate({RouteMode::kLegacy, 0}));
  EXPECT_TRUE(NeedsGate({RouteMode::kCanary, 10}));
}

}  // namespace
}  // namespace cutover
