// The ledger's reading methods for reports: Activity (per step and week) and ListExecutions.
// On every backend.
#include <gtest/gtest.h>

#include "ledger/test_backend.h"

namespace cutover {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kMonday = 1767571200000;  // 2026-01-05 00:00 UTC, a Monday

TEST(WeekStartMsTest, MondayMidnightUtc) {
  EXPECT_EQ(WeekStartMs(kMonday), kMonday);
  EXPECT_EQ(WeekStartMs(kMonday + 6 * kDay + kDay - 1), kMonday);  // Sunday 23:59:59.999
  EXPECT_EQ(WeekStartMs(kMonday + 7 * kDay), kMonday + kWeekMs);
  EXPECT_EQ(WeekStartMs(kMonday - 1), kMonday - kWeekMs);
  EXPECT_EQ(WeekStartMs(0), -3 * kDay);  // 1970-01-01 was a Thursday
}

class ReportQueriesTest : public ::testing::TestWithParam<SqlBackend> {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<TestLedgerBackend>(GetParam());
    if (!backend_->available()) GTEST_SKIP() << backend_->message();
    auto ledger = backend_->Open();
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    ledger_ = std::move(ledger).value();
  }

  int64_t Task(const std::string& step, int64_t at, TaskStatus status, std::optional<Side> served_by,
               bool fallback = false, TaskPurpose purpose = TaskPurpose::kRun) {
    TaskRecord t;
    t.step = step;
    t.sample = "s";
    t.started_ms = at;
    t.status = status;
    t.served_by = served_by;
    t.fallback = fallback;
    t.purpose = purpose;
    auto id = ledger_->BeginTask(t);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t Execution(int64_t task, const std::string& step, Side side, ExecStatus status,
                    int64_t at, int64_t wall_ms = 10, TaskPurpose purpose = TaskPurpose::kRun) {
    ExecutionRecord e;
    e.task_id = task;
    e.step = step;
    e.sample = "s";
    e.side = side;
    e.status = status;
    e.started_ms = at;
    e.wall_ms = wall_ms;
    e.max_rss_kb = wall_ms * 2;
    e.purpose = purpose;
    e.outputs = {{"out", "results/out.txt", 3, "abc"}};
    auto id = ledger_->BeginExecution(e);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    if (!id.ok()) return 0;
    e.id = *id;
    EXPECT_TRUE(ledger_->FinishExecution(e).ok());
    return *id;
  }

  int64_t Comparison(int64_t task, const std::string& step, Outcome outcome, int64_t at) {
    ComparisonRecord c;
    c.task_id = task;
    c.step = step;
    c.sample = "s";
    c.output = "out";
    c.comparator = "text";
    c.outcome = outcome;
    c.at_ms = at;
    auto id = ledger_->RecordComparison(c);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  std::unique_ptr<TestLedgerBackend> backend_;
  std::unique_ptr<Ledger> ledger_;
};

INSTANTIATE_TEST_SUITE_P(Backends, ReportQueriesTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

TEST_P(ReportQueriesTest, ActivityCountsPerStepAndWeek) {
  const int64_t w1 = kMonday + 2 * kDay;           // Wednesday of week 1
  const int64_t w2 = kMonday + kWeekMs + 6 * kDay;  // Sunday of week 2
  // Week 1, qc: one task served by legacy (shadow: new ran too, matched), one fallback
  // (new failed, legacy served), one failed task.
  int64_t t1 = Task("qc", w1, TaskStatus::kPublished, Side::kLegacy);
  Execution(t1, "qc", Side::kLegacy, ExecStatus::kSucceeded, w1);
  Execution(t1, "qc", Side::kNew, ExecStatus::kSucceeded, w1);
  Comparison(t1, "qc", Outcome::kMatch, w1);
  int64_t t2 = Task("qc", w1, TaskStatus::kPublished, Side::kLegacy, /*fallback=*/true);
  Execution(t2, "qc", Side::kNew, ExecStatus::kFailed, w1);
  Execution(t2, "qc", Side::kLegacy, ExecStatus::kSucceeded, w1);
  int64_t t3 = Task("qc", w1, TaskStatus::kFailed, std::nullopt);
  Execution(t3, "qc", Side::kLegacy, ExecStatus::kTimedOut, w1);
  // Week 2, qc: served by new, one mismatch accepted, one error; an interrupted execution is not
  // a failure.
  int64_t t4 = Task("qc", w2, TaskStatus::kPublished, Side::kNew);
  Execution(t4, "qc", Side::kNew, ExecStatus::kSucceeded, w2);
  Execution(t4, "qc", Side::kLegacy, ExecStatus::kInterrupted, w2);
  int64_t c = Comparison(t4, "qc", Outcome::kMismatch, w2);
  ASSERT_TRUE(ledger_->AcceptComparison(c, w2, "bob", "known").ok());
  Comparison(t4, "qc", Outcome::kError, w2);
  // Replays never count.
  int64_t r = Task("qc", w2, TaskStatus::kCompared, std::nullopt, false, TaskPurpose::kReplay);
  Execution(r, "qc", Side::kNew, ExecStatus::kFailed, w2, 10, TaskPurpose::kReplay);
  // Another step, week 2.
  Task("trim", w2, TaskStatus::kPublished, Side::kLegacy);

  auto rows = ledger_->Activity(0);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  const WeeklyActivity& a = (*rows)[0];
  EXPECT_EQ(a.step, "qc");
  EXPECT_EQ(a.week_ms, kMonday);
  EXPECT_EQ(a.tasks, 3);
  EXPECT_EQ(a.tasks_failed, 1);
  EXPECT_EQ(a.served_legacy, 2);
  EXPECT_EQ(a.served_new, 0);
  EXPECT_EQ(a.fallbacks, 1);
  EXPECT_EQ(a.failures_legacy, 1);
  EXPECT_EQ(a.failures_new, 1);
  EXPECT_EQ(a.comparisons_match, 1);
  EXPECT_EQ(a.comparisons_mismatch, 0);
  const WeeklyActivity& b = (*rows)[1];
  EXPECT_EQ(b.step, "qc");
  EXPECT_EQ(b.week_ms, kMonday + kWeekMs);
  EXPECT_EQ(b.tasks, 1);
  EXPECT_EQ(b.served_new, 1);
  EXPECT_EQ(b.failures_new, 0);
  EXPECT_EQ(b.failures_legacy, 0);
  EXPECT_EQ(b.comparisons_mismatch, 1);
  EXPECT_EQ(b.comparisons_error, 1);
  EXPECT_EQ(b.comparisons_accepted, 1);
  EXPECT_EQ(b.comparisons_accepted_error, 0);  // the accepted one is the mismatch
  EXPECT_EQ((*rows)[2].step, "trim");
  EXPECT_EQ((*rows)[2].served_legacy, 1);

  // `since` drops the first week.
  auto later = ledger_->Activity(kMonday + kWeekMs);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->size(), 2u);
  EXPECT_EQ((*later)[0].week_ms, kMonday + kWeekMs);
}

TEST_P(ReportQueriesTest, ListExecutionsFiltersNewestFirst) {
  int64_t t = Task("qc", kMonday, TaskStatus::kPublished, Side::kLegacy);
  int64_t a = Execution(t, "qc", Side::kLegacy, ExecStatus::kSucceeded, kMonday, 100);
  int64_t b = Execution(t, "qc", Side::kNew, ExecStatus::kSucceeded, kMonday + 1, 20);
  int64_t c = Execution(t, "qc", Side::kNew, ExecStatus::kSignaled, kMonday + 2, 5);
  int64_t d = Execution(t, "qc", Side::kNew, ExecStatus::kCancelled, kMonday + 3, 5);
  int64_t e = Execution(t, "trim", Side::kLegacy, ExecStatus::kMissingOutput, kMonday + 4, 7);
  int64_t r = Task("qc", kMonday, TaskStatus::kCompared, std::nullopt, false, TaskPurpose::kReplay);
  Execution(r, "qc", Side::kNew, ExecStatus::kSucceeded, kMonday + 5, 1, TaskPurpose::kReplay);

  auto ids = [&](const ExecutionQuery& q) {
    std::vector<int64_t> out;
    auto rows = ledger_->ListExecutions(q);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (rows.ok()) {
      for (const ExecutionRecord& x : *rows) out.push_back(x.id);
    }
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{e, d, c, b, a}));
  EXPECT_EQ(ids({.step = "qc", .side = Side::kNew}), (std::vector<int64_t>{d, c, b}));
  EXPECT_EQ(ids({.step = "qc", .which = ExecutionQuery::Which::kSucceeded}),
            (std::vector<int64_t>{b, a}));
  EXPECT_EQ(ids({.which = ExecutionQuery::Which::kFailed}), (std::vector<int64_t>{e, c}));
  EXPECT_EQ(ids({.since_ms = kMonday + 2, .limit = 2}), (std::vector<int64_t>{e, d}));

  auto with = ledger_->ListExecutions({.step = "trim", .with_outputs = true});
  ASSERT_TRUE(with.ok());
  ASSERT_EQ(with->size(), 1u);
  ASSERT_EQ((*with)[0].outputs.size(), 1u);
  EXPECT_EQ((*with)[0].outputs[0].digest, "abc");
  EXPECT_EQ((*with)[0].wall_ms, 7);
  auto without = ledger_->ListExecutions({.step = "trim"});
  ASSERT_TRUE(without.ok());
  EXPECT_TRUE((*without)[0].outputs.empty());
}

}  // namespace
}  // namespace cutover
