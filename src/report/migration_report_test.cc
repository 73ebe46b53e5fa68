#include "report/migration_report.h"

#include <gtest/gtest.h>

#include "report/report_fixture.h"

namespace cutover {
namespace {

using namespace cutover::testing;

TEST(MigrationReportTest, NumbersComeFromTheLedger) {
  ReportFixture f;
  auto report = BuildMigrationReport(f.ledger(), f.pipeline(), f.rules(), kNow, 0);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->weeks, (std::vector<int64_t>{kWeek1, kWeek2, kWeek3}));
  EXPECT_EQ(report->since_ms, kWeek1);
  EXPECT_EQ(report->served_legacy, 7);  // 2 + 1 (week 1) + 3 (week 2) + 1 (week 3)
  EXPECT_EQ(report->served_new, 0);
  ASSERT_EQ(report->steps.size(), 2u);

  const StepReport& qc = report->steps[0];
  EXPECT_EQ(qc.name, "qc");
  EXPECT_TRUE(qc.has_new);
  EXPECT_EQ(qc.route.mode, RouteMode::kShadow);
  EXPECT_EQ(qc.period.tasks, 6);
  EXPECT_EQ(qc.weeks[0].tasks, 2);
  EXPECT_EQ(qc.weeks[1].comparisons_match, 2);
  EXPECT_EQ(qc.weeks[1].comparisons_mismatch, 1);
  EXPECT_EQ(qc.weeks[2].failures_new, 1);
  ASSERT_EQ(qc.changes.size(), 1u);
  EXPECT_EQ(qc.changes[0].user, "alice");
  EXPECT_EQ(qc.automatic_rollbacks, 0);
  // Run times: legacy 1000, 3000, 2000 x4 -> median 2000; new 100, 200, 300 -> median 200.
  EXPECT_EQ(qc.wall_legacy.n, 6);
  EXPECT_DOUBLE_EQ(qc.wall_legacy.median, 2000);
  EXPECT_EQ(qc.wall_new.n, 3);  // the failed run is not a run time
  EXPECT_DOUBLE_EQ(qc.wall_new.median, 200);
  EXPECT_DOUBLE_EQ(qc.SpeedUp(), 10);
  EXPECT_DOUBLE_EQ(qc.rss_new.median, 10000);
  ASSERT_EQ(qc.failures.size(), 1u);
  EXPECT_EQ(qc.failures[0].id, f.failed_execution_id());
  ASSERT_EQ(qc.mismatches.size(), 1u);
  EXPECT_EQ(qc.mismatches[0].id, f.mismatch_id());
  // The gate: 4 compared tasks (3 in week 2, the failed one in week 3: it counts, unexplained),
  // 2 of them unexplained; 8 of 7 days since shadowing began (Tuesday week 2 -> Wednesday week 3).
  EXPECT_TRUE(qc.gate.evaluation.applies);
  EXPECT_FALSE(qc.gate.evaluation.ready);
  EXPECT_EQ(qc.gate.evaluation.comparisons, 4);
  EXPECT_EQ(qc.gate.evaluation.unexplained, 2);
  EXPECT_DOUBLE_EQ(qc.gate.evaluation.days, 8);

  const StepReport& trim = report->steps[1];
  EXPECT_FALSE(trim.has_new);
  EXPECT_EQ(trim.route.mode, RouteMode::kLegacy);
  EXPECT_EQ(trim.period.served_legacy, 1);
  EXPECT_FALSE(trim.gate.evaluation.applies);
  EXPECT_TRUE(trim.wall_new.empty());
}

TEST(MigrationReportTest, SinceLimitsThePeriod) {
  ReportFixture f;
  auto report = BuildMigrationReport(f.ledger(), f.pipeline(), f.rules(), kNow, kWeek2 + 2 * kDay);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->weeks, (std::vector<int64_t>{kWeek2, kWeek3}));
  const StepReport& qc = report->steps[0];
  EXPECT_EQ(qc.period.tasks, 4);
  EXPECT_TRUE(qc.changes.empty());  // the move to shadow was on Tuesday, before the period
  EXPECT_EQ(qc.history.size(), 1u);  // the history is whole
  EXPECT_EQ(qc.wall_legacy.n, 6);  // run times are the latest runs, whatever the period
  EXPECT_EQ(report->steps[1].period.tasks, 0);
}

TEST(MigrationReportTest, EmptyLedgerShowsThisWeek) {
  TestTempDir dir;
  auto ledger = OpenSqliteLedger(dir.path() / "l.db");
  ASSERT_TRUE(ledger.ok());
  ReportFixture f;
  auto report = BuildMigrationReport(**ledger, f.pipeline(), f.rules(), kNow, 0);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->weeks, (std::vector<int64_t>{kWeek3}));
  EXPECT_EQ(report->steps.size(), 2u);
  EXPECT_EQ(report->steps[0].period.tasks, 0);
}

TEST(MigrationReportTest, WeekLabel) { EXPECT_EQ(WeekLabel(kWeek2), "2026-01-12"); }

}  // namespace
}  // namespace cutover
