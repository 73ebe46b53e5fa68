#include "plan/planner.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ledger/sqlite_ledger.h"
#include "testing/temp_dir.h"
#include "pipeline/loader.h"
#include "util/file.h"

namespace cutover {
namespace {

PlanFacts Facts(const std::string& step, size_t consumers) {
  PlanFacts f;
  f.step = step;
  for (size_t i = 0; i < consumers; ++i) f.all_consumers.push_back(fmt::format("c{}", i));
  return f;
}

TEST(PlannerTest, LeavesFirstWhenNothingElseIsKnown) {
  Plan plan = MakePlan({Facts("trunk", 3), Facts("leaf", 0), Facts("middle", 1)});
  ASSERT_EQ(plan.ranked.size(), 3u);
  EXPECT_EQ(plan.ranked[0].facts.step, "leaf");
  EXPECT_EQ(plan.ranked[1].facts.step, "middle");
  EXPECT_EQ(plan.ranked[2].facts.step, "trunk");
  // The consumers part: leaf 25, middle 12.5, trunk 6.25; everything else unknown (0.5 or 0.6)
  // and no new implementation: 20*.5 + 15*.6 + 15*.5 + 10*.5 + 10*.5 + 5*.5 = 39.
  EXPECT_DOUBLE_EQ(plan.ranked[0].score, 25 + 39);
  EXPECT_DOUBLE_EQ(plan.ranked[2].score, 6.25 + 39);
  EXPECT_EQ(plan.ranked[2].reasons[0],
            "3 steps depend on it (c0, c1 and c2): a mismatch would spread downstream");
}

TEST(PlannerTest, FlakyNondeterministicBigLegacyRanksBelowASmallCleanOne) {
  PlanFacts big = Facts("big", 0);
  big.size = {2000, {"legacy/big.py"}, true};
  big.legacy_runs = 10;
  big.legacy_failures = 3;  // 30%: no points for failures
  big.calibration = CalibrationRecord{};
  big.calibration->runs = 3;
  big.calibration->deterministic = false;
  PlanFacts small = Facts("small", 1);
  small.size = {20, {"legacy/small.sh"}, true};
  small.legacy_runs = 10;
  small.calibration = CalibrationRecord{};
  small.calibration->runs = 3;
  small.calibration->deterministic = true;
  small.has_new = true;
  Plan plan = MakePlan({big, small});
  ASSERT_EQ(plan.ranked.size(), 2u);
  EXPECT_EQ(plan.ranked[0].facts.step, "small");
  const auto& reasons = plan.ranked[1].reasons;
  auto has = [&](const std::string& text) {
    return std::find(reasons.begin(), reasons.end(), text) != reasons.end();
  };
  EXPECT_TRUE(has("legacy failed 3 of 10 runs (30%)"));
  EXPECT_TRUE(has("its legacy implementation is 2000 lines of code (legacy/big.py)"));
  // The most telling reason first: its size costs 20 * (1 - 1/41) = 19.5 points, more than the
  // failures (all 15).
  EXPECT_EQ(reasons[0], "its legacy implementation is 2000 lines of code (legacy/big.py)");
  EXPECT_EQ(reasons[1], "legacy failed 3 of 10 runs (30%)");
}

TEST(PlannerTest, StepsOffLegacyAreNotRanked) {
  PlanFacts shadow = Facts("qc", 0);
  shadow.route = Route{RouteMode::kShadow, 0};
  PlanFacts done = Facts("trim", 0);
  done.route = Route{RouteMode::kRetired, 0};
  Plan plan = MakePlan({shadow, done, Facts("report", 0)});
  ASSERT_EQ(plan.ranked.size(), 1u);
  EXPECT_EQ(plan.ranked[0].facts.step, "report");
  ASSERT_EQ(plan.in_progress.size(), 1u);
  ASSERT_EQ(plan.done.size(), 1u);
  std::string text = RenderPlan(plan);
  EXPECT_NE(text.find("1. report  (ease"), std::string::npos) << text;
  EXPECT_NE(text.find("In validation: qc (shadow)"), std::string::npos) << text;
  EXPECT_NE(text.find("Cut over: trim (retired)"), std::string::npos) << text;
  nlohmann::json j = PlanToJson(plan);
  EXPECT_EQ(j["ranked"][0]["step"], "report");
  EXPECT_EQ(j["in_progress"][0]["route"], "shadow");
}

// A constructed pipeline (a -> b -> c, and d alone) and ledger: the facts are read right.
TEST(PlannerTest, GathersFactsFromPipelineDagAndLedger) {
  TestTempDir dir;
  const auto& root = dir.path();
  ASSERT_TRUE(WriteFileAtomic(root / "a.sh", "cp x y\ncp y z\n").ok());
  auto pipeline = ParsePipeline(R"(samples: {list: [s1, s2]}
steps:
  a:
    outputs: {o: "a/{sample}.txt"}
    legacy: {command: "{root}/a.sh {output.o}"}
  b:
    inputs: {i: "a/{sample}.txt"}
    outputs: {o: "b/{sample}.txt"}
    legacy: {command: "cp {input.i} {output.o}"}
    new: {command: "cp {input.i} {output.o}"}
  c:
    scope: all
    inputs: {i: "b/{sample}.txt"}
    outputs: {o: "c.txt"}
    legacy: {command: "cat {input.i}"}
  d:
    outputs: {o: "d/{sample}.txt"}
    legacy: {command: "true {output.o}"}
)",
                                "cutover.yaml", root);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  auto dag = BuildDag(*pipeline, {.require_inputs = false});
  ASSERT_TRUE(dag.ok()) << dag.status().ToString();
  auto ledger = OpenSqliteLedger(root / "ledger.db");
  ASSERT_TRUE(ledger.ok());
  // Step a ran 3 times on s1 (outputs: X, X, Y: 1 change in 2 re-runs) and failed once on s2.
  auto run = [&](const std::string& sample, ExecStatus status, const std::string& digest,
                 int64_t wall, const std::string& input = "in1") {
    TaskRecord t;
    t.step = "a";
    t.sample = sample;
    t.inputs = {{"i", "/data/" + sample, 1, input}};
    auto task = (*ledger)->BeginTask(t);
    ASSERT_TRUE(task.ok());
    ExecutionRecord e;
    e.task_id = *task;
    e.step = "a";
    e.sample = sample;
    e.status = status;
    e.wall_ms = wall;
    e.max_rss_kb = 1000;
    if (status == ExecStatus::kSucceeded) e.outputs = {{"o", "a/s1.txt", 1, digest}};
    auto id = (*ledger)->BeginExecution(e);
    ASSERT_TRUE(id.ok());
    e.id = *id;
    ASSERT_TRUE((*ledger)->FinishExecution(e).ok());
  };
  run("s1", ExecStatus::kSucceeded, "X", 100);
  run("s1", ExecStatus::kSucceeded, "X", 200);
  run("s1", ExecStatus::kSucceeded, "Y", 300);
  run("s2", ExecStatus::kFailed, "", 5);
  // s3's input changed between its two runs: its changed output is not churn, nor a re-run.
  run("s3", ExecStatus::kSucceeded, "X", 200, "in1");
  run("s3", ExecStatus::kSucceeded, "Y", 200, "in2");
  CalibrationRecord cal;
  cal.step = "b";
  cal.runs = 3;
  cal.deterministic = true;
  ASSERT_TRUE((*ledger)->RecordCalibration(cal).ok());

  auto facts = GatherPlanFacts(**ledger, *pipeline, *dag);
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  ASSERT_EQ(facts->size(), 4u);
  const PlanFacts& a = (*facts)[0];
  EXPECT_EQ(a.direct_consumers, (std::vector<std::string>{"b"}));
  EXPECT_EQ(a.all_consumers, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(a.legacy_runs, 6);
  EXPECT_EQ(a.legacy_failures, 1);
  EXPECT_EQ(a.output_pairs, 2);
  EXPECT_EQ(a.output_changes, 1);
  EXPECT_DOUBLE_EQ(a.wall_ms.median, 200);
  EXPECT_EQ(a.size.lines, 2);
  EXPECT_FALSE(a.calibration.has_value());
  const PlanFacts& b = (*facts)[1];
  EXPECT_TRUE(b.has_new);
  ASSERT_TRUE(b.calibration.has_value());
  EXPECT_TRUE(b.calibration->deterministic);
  EXPECT_EQ(b.all_consumers, (std::vector<std::string>{"c"}));
  EXPECT_TRUE((*facts)[2].all_consumers.empty());

  // d: a leaf, never run; c: a leaf; b: 1 consumer, deterministic, new configured; a: 2
  // consumers, 25% failures, outputs changed. a ranks last.
  Plan plan = MakePlan(std::move(facts).value());
  ASSERT_EQ(plan.ranked.size(), 4u);
  EXPECT_EQ(plan.ranked.back().facts.step, "a");
}

}  // namespace
}  // namespace cutover
