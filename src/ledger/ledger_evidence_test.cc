// The ledger's evidence methods, on every backend (schema versions 2 and up): task inputs, replays, accepted
// mismatches, gate evidence, forced promotions, calibrations, and the upgrade from version 1.
#include <gtest/gtest.h>

#include "ledger/schema.h"
#include "ledger/sqlite_db.h"
#include "ledger/sqlite_ledger.h"
#include "ledger/test_backend.h"

namespace cutover {
namespace {

class EvidenceTest : public ::testing::TestWithParam<SqlBackend> {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<TestLedgerBackend>(GetParam());
    if (!backend_->available()) GTEST_SKIP() << backend_->message();
    auto ledger = backend_->Open();
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    ledger_ = std::move(ledger).value();
  }

  int64_t Task(const std::string& sample, int64_t started_ms,
               TaskPurpose purpose = TaskPurpose::kRun, TaskStatus status = TaskStatus::kPublished) {
    TaskRecord t;
    t.step = "qc";
    t.sample = sample;
    t.started_ms = started_ms;
    t.purpose = purpose;
    t.status = status;
    auto id = ledger_->BeginTask(t);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t Compare(int64_t task, Outcome outcome, const std::string& sample = "s",
                  TaskPurpose purpose = TaskPurpose::kRun) {
    ComparisonRecord c;
    c.task_id = task;
    c.step = "qc";
    c.sample = sample;
    c.output = "report";
    c.comparator = "text";
    c.outcome = outcome;
    c.purpose = purpose;
    auto id = ledger_->RecordComparison(c);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  void NewSide(int64_t task, ExecStatus status) {
    ExecutionRecord e;
    e.task_id = task;
    e.step = "qc";
    e.side = Side::kNew;
    e.role = Role::kShadow;
    e.status = status;
    ASSERT_TRUE(ledger_->BeginExecution(e).ok());
  }

  std::unique_ptr<TestLedgerBackend> backend_;
  std::unique_ptr<Ledger> ledger_;
};

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

TEST_P(EvidenceTest, TaskInputsAndPurposeRoundTrip) {
  TaskRecord t;
  t.step = "qc";
  t.sample = "s1";
  t.inputs = {{"reads", "/data/s1.fq.gz", 1234, "xxh3-128:aa"}, {"ref", "/data/ref.fa", 5, "xxh3-128:bb"}};
  auto original = ledger_->BeginTask(t);
  ASSERT_TRUE(original.ok());
  t.purpose = TaskPurpose::kReplay;
  t.replay_of = *original;
  auto replay = ledger_->BeginTask(t);
  ASSERT_TRUE(replay.ok());
  auto got = ledger_->GetTask(*replay);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->purpose, TaskPurpose::kReplay);
  EXPECT_EQ(got->replay_of, *original);
  ASSERT_EQ(got->inputs.size(), 2u);
  EXPECT_EQ(got->inputs[1].name, "ref");
  EXPECT_EQ(got->inputs[1].path, "/data/ref.fa");
  EXPECT_EQ(got->inputs[1].size, 5);
  EXPECT_EQ(got->inputs[1].digest, "xxh3-128:bb");
  EXPECT_EQ(ledger_->GetTask(*original)->purpose, TaskPurpose::kRun);
  EXPECT_EQ(ledger_->GetTask(*original)->replay_of, 0);
}

TEST_P(EvidenceTest, AcceptMarksAMismatchOnce) {
  int64_t task = Task("s1", 10);
  int64_t match = Compare(task, Outcome::kMatch);
  int64_t mismatch = Compare(task, Outcome::kMismatch);
  auto accepted = ledger_->AcceptComparison(mismatch, 5000, "alice", "rounding fixed upstream");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_TRUE(accepted->accepted());
  auto stored = ledger_->GetComparison(mismatch);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->accepted_ms, 5000);
  EXPECT_EQ(stored->accepted_by, "alice");
  EXPECT_EQ(stored->accept_reason, "rounding fixed upstream");

  auto again = ledger_->AcceptComparison(mismatch, 6000, "bob", "x");
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("already accepted by alice"), std::string::npos)
      << again.status().message();
  EXPECT_EQ(ledger_->GetComparison(mismatch)->accepted_by, "alice");
  auto nothing = ledger_->AcceptComparison(match, 6000, "bob", "x");
  ASSERT_FALSE(nothing.ok());
  EXPECT_NE(nothing.status().message().find("is match: there is nothing to accept"),
            std::string::npos);
  EXPECT_EQ(ledger_->AcceptComparison(999, 1, "a", "b").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ledger_->GetComparison(999).status().code(), StatusCode::kNotFound);
}

TEST_P(EvidenceTest, ListComparisonsFilters) {
  int64_t t1 = Task("s1", 10);
  int64_t t2 = Task("s2", 20, TaskPurpose::kReplay);
  int64_t a = Compare(t1, Outcome::kMismatch);
  int64_t b = Compare(t1, Outcome::kMatch);
  int64_t c = Compare(t1, Outcome::kError);
  int64_t d = Compare(t2, Outcome::kMismatch, "s2", TaskPurpose::kReplay);
  ASSERT_TRUE(ledger_->AcceptComparison(c, 1, "a", "r").ok());
  auto ids = [&](const ComparisonQuery& q) {
    std::vector<int64_t> out;
    auto list = ledger_->ListComparisons(q);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    if (!list.ok()) return out;
    const std::vector<ComparisonRecord> records = std::move(list).value();
    for (const ComparisonRecord& r : records) out.push_back(r.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{d, c, b, a}));
  ComparisonQuery open;
  open.outcomes = {Outcome::kMismatch, Outcome::kError};
  open.include_accepted = false;
  EXPECT_EQ(ids(open), (std::vector<int64_t>{d, a}));
  open.include_replays = false;
  EXPECT_EQ(ids(open), (std::vector<int64_t>{a}));
  ComparisonQuery accepted;
  accepted.only_accepted = true;
  EXPECT_EQ(ids(accepted), (std::vector<int64_t>{c}));
  ComparisonQuery limited;
  limited.limit = 1;
  limited.step = "qc";
  EXPECT_EQ(ids(limited), (std::vector<int64_t>{d}));
  limited.step = "other";
  EXPECT_TRUE(ids(limited).empty());
}

TEST_P(EvidenceTest, EvidenceCarriesEachTasksLowestMetrics) {
  int64_t task = Task("s1", 100);
  for (double placement : {0.999, 0.993}) {
    ComparisonRecord c;
    c.task_id = task;
    c.step = "qc";
    c.sample = "s1";
    c.output = "bam";
    c.comparator = "bam";
    c.outcome = Outcome::kNoise;
    c.summary = {{"outcome", "noise"},
                 {"metrics", {{"same_placement", placement}, {"same_mapq", nullptr}}}};
    ASSERT_TRUE(ledger_->RecordComparison(c).ok());
  }
  Compare(task, Outcome::kMatch);  // a comparator without metrics
  auto evidence = ledger_->EvidenceSince("qc", 0);
  ASSERT_TRUE(evidence.ok()) << evidence.status().ToString();
  ASSERT_EQ(evidence->size(), 1u);
  EXPECT_EQ((*evidence)[0].min_metrics,
            (std::map<std::string, double>{{"same_placement", 0.993}}));  // null: not measured
}

TEST_P(EvidenceTest, MetricsOverTimeAndTheLatestOfEachOutput) {
  auto record = [&](int64_t task, const std::string& sample, const std::string& output,
                    int64_t at_ms, nlohmann::json metrics, TaskPurpose purpose = TaskPurpose::kRun) {
    ComparisonRecord c;
    c.task_id = task;
    c.step = "qc";
    c.sample = sample;
    c.output = output;
    c.comparator = output;
    c.outcome = Outcome::kNoise;
    c.purpose = purpose;
    c.at_ms = at_ms;
    c.summary = {{"outcome", "noise"}};
    if (!metrics.is_null()) c.summary["metrics"] = std::move(metrics);
    auto id = ledger_->RecordComparison(c);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  };
  const int64_t t1 = Task("s1", 100), t2 = Task("s2", 200);
  const int64_t a = record(t1, "s1", "bam", 300, {{"same_placement", 0.99}});
  record(t1, "s1", "log", 310, nullptr);  // a comparator without metrics
  record(t1, "s1", "empty", 310, nlohmann::json::object());  // no figure at all: none stored
  const int64_t b = record(t2, "s2", "vcf", 250, {{"recall", 0.98}, {"precision", nullptr}});
  const int64_t c = record(t2, "s2", "bam", 400, {{"same_placement", 0.995}});
  record(Task("s1", 500, TaskPurpose::kReplay), "s1", "bam", 500, {{"same_placement", 0.5}},
         TaskPurpose::kReplay);  // replays are not evidence

  auto all = ledger_->MetricsSince("qc", 0);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].comparison_id, b);  // by time: 250, 300, 400
  EXPECT_EQ((*all)[1].comparison_id, a);
  EXPECT_EQ((*all)[2].comparison_id, c);
  EXPECT_EQ((*all)[0].sample, "s2");
  EXPECT_EQ((*all)[0].output, "vcf");
  EXPECT_EQ((*all)[0].task_id, t2);
  EXPECT_EQ((*all)[0].at_ms, 250);
  EXPECT_EQ((*all)[0].outcome, Outcome::kNoise);
  EXPECT_EQ((*all)[0].metrics, (nlohmann::json{{"precision", nullptr}, {"recall", 0.98}}));
  auto since = ledger_->MetricsSince("qc", 300);
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 2u);
  EXPECT_EQ((*since)[0].comparison_id, a);
  EXPECT_TRUE(ledger_->MetricsSince("other", 0)->empty());

  auto latest = ledger_->LatestMetrics("qc");
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ASSERT_EQ(latest->size(), 2u);  // bam and vcf, by name
  EXPECT_EQ((*latest)[0].output, "bam");
  EXPECT_EQ((*latest)[0].comparison_id, c);
  EXPECT_EQ((*latest)[0].metrics["same_placement"], 0.995);
  EXPECT_EQ((*latest)[1].output, "vcf");
  EXPECT_EQ((*latest)[1].comparison_id, b);
}

TEST_P(EvidenceTest, EvidenceSinceCountsComparedTasksOnly) {
  int64_t before = Task("s0", 5);
  Compare(before, Outcome::kMismatch);
  int64_t agree = Task("s1", 100);
  Compare(agree, Outcome::kMatch);
  Compare(agree, Outcome::kNoise);
  int64_t explained = Task("s2", 200);
  Compare(explained, Outcome::kMatch);
  int64_t accepted = Compare(explained, Outcome::kMismatch);
  ASSERT_TRUE(ledger_->AcceptComparison(accepted, 1, "a", "r").ok());
  int64_t bad = Task("s1", 300);
  Compare(bad, Outcome::kError);
  int64_t failed = Task("s3", 400);
  NewSide(failed, ExecStatus::kTimedOut);
  int64_t legacy_only = Task("s4", 500);  // no comparison, no new side: not evidence
  (void)legacy_only;
  int64_t interrupted_new = Task("s5", 600);
  NewSide(interrupted_new, ExecStatus::kInterrupted);  // not the implementation's fault
  int64_t replay = Task("s1", 700, TaskPurpose::kReplay);
  Compare(replay, Outcome::kMismatch, "s1", TaskPurpose::kReplay);
  int64_t running = Task("s6", 800, TaskPurpose::kRun, TaskStatus::kRunning);
  Compare(running, Outcome::kMatch);

  auto evidence = ledger_->EvidenceSince("qc", 100);
  ASSERT_TRUE(evidence.ok()) << evidence.status().ToString();
  ASSERT_EQ(evidence->size(), 4u);
  const auto& e = *evidence;
  EXPECT_EQ(e[0].task_id, agree);
  EXPECT_EQ(e[0].matches, 2);
  EXPECT_EQ(e[0].unexplained, 0);
  EXPECT_EQ(e[1].task_id, explained);
  EXPECT_EQ(e[1].explained, 1);
  EXPECT_EQ(e[1].matches, 1);
  EXPECT_EQ(e[2].task_id, bad);
  EXPECT_EQ(e[2].unexplained, 1);
  EXPECT_EQ(e[2].sample, "s1");
  EXPECT_EQ(e[3].task_id, failed);
  EXPECT_TRUE(e[3].new_failed);
  EXPECT_EQ(e[3].started_ms, 400);
  EXPECT_TRUE(ledger_->EvidenceSince("qc", 10000)->empty());
  EXPECT_TRUE(ledger_->EvidenceSince("other", 0)->empty());
}

TEST_P(EvidenceTest, ComparisonsMadeBeforeACompareChangeCountAsSupersededOnly) {
  // Comparisons are made at their at_ms; the compare: changed at 1000.
  auto compare_at = [&](int64_t task, Outcome outcome, int64_t at_ms) {
    ComparisonRecord c;
    c.task_id = task;
    c.step = "qc";
    c.sample = "s";
    c.output = "report";
    c.comparator = "text";
    c.outcome = outcome;
    c.at_ms = at_ms;
    ASSERT_TRUE(ledger_->RecordComparison(c).ok());
  };
  int64_t old_only = Task("s1", 100);
  compare_at(old_only, Outcome::kMismatch, 150);
  int64_t recompared = Task("s2", 200);
  compare_at(recompared, Outcome::kMismatch, 250);
  compare_at(recompared, Outcome::kMatch, 1200);  // judged again with the new rules
  int64_t fresh = Task("s3", 1100);
  compare_at(fresh, Outcome::kMatch, 1150);

  auto evidence = ledger_->EvidenceSince("qc", 0, 1000);
  ASSERT_TRUE(evidence.ok()) << evidence.status().ToString();
  ASSERT_EQ(evidence->size(), 3u);
  EXPECT_EQ((*evidence)[0].task_id, old_only);
  EXPECT_EQ((*evidence)[0].superseded, 1);
  EXPECT_EQ((*evidence)[0].unexplained, 0);
  EXPECT_EQ((*evidence)[1].superseded, 1);
  EXPECT_EQ((*evidence)[1].matches, 1);
  EXPECT_EQ((*evidence)[1].unexplained, 0);
  EXPECT_EQ((*evidence)[2].superseded, 0);
  EXPECT_EQ((*evidence)[2].matches, 1);
  // Without a change every comparison counts.
  auto all = ledger_->EvidenceSince("qc", 0);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)[1].unexplained, 1);
  EXPECT_EQ((*all)[1].superseded, 0);
}

TEST_P(EvidenceTest, ForcedPromotionAndCalibrationRoundTrip) {
  RouteChange change;
  change.step = "qc";
  change.at_ms = 7;
  change.user = "alice";
  change.to = {RouteMode::kCanary, 10};
  change.reason = "forced: demo";
  change.forced = true;
  change.evidence = {{"ready", false}, {"missing", {"9 of 10 comparisons"}}};
  ASSERT_TRUE(ledger_->ChangeRoute(change).ok());
  auto history = ledger_->History("qc");
  ASSERT_EQ(history->size(), 1u);
  EXPECT_TRUE(history->at(0).forced);
  EXPECT_EQ(history->at(0).evidence, change.evidence);

  CalibrationRecord cal;
  cal.step = "qc";
  cal.sample = "s1";
  cal.at_ms = 9;
  cal.user = "alice";
  cal.runs = 3;
  cal.deterministic = false;
  cal.proposal = {{"report", {{"kind", "text"}, {"ignore", {"^#"}}}}};
  cal.details = nlohmann::json::array({{{"output", "report"}, {"outcome", "mismatch"}}});
  auto id = ledger_->RecordCalibration(cal);
  ASSERT_TRUE(id.ok());
  auto all = ledger_->Calibrations("qc");
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->at(0).id, *id);
  EXPECT_EQ(all->at(0).runs, 3);
  EXPECT_FALSE(all->at(0).deterministic);
  EXPECT_EQ(all->at(0).proposal, cal.proposal);
  EXPECT_EQ(all->at(0).details, cal.details);
  EXPECT_TRUE(ledger_->Calibrations("trim")->empty());
  EXPECT_EQ(ledger_->Calibrations("")->size(), 1u);
}

class LedgerUpgradeTest : public ::testing::TestWithParam<SqlBackend> {};
INSTANTIATE_TEST_SUITE_P(Backends, LedgerUpgradeTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

TEST_P(LedgerUpgradeTest, AVersion1LedgerIsUpgradedKeepingItsRows) {
  TestLedgerBackend backend(GetParam());
  if (!backend.available()) GTEST_SKIP() << backend.message();
  {
    auto db = backend.OpenDb();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(MigrateSchema(**db, LedgerMigrations(GetParam()).subspan(0, 1)).ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO tasks (step, sample, route_mode, route_percent, serving, "
                            "fallback, status, fingerprint, error, started_ms, finished_ms) "
                            "VALUES ('qc', 's1', 'shadow', 0, 'legacy', 0, 'published', 'f', 'e', "
                            "1, 2)").ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO comparisons (task_id, step, sample, output, comparator, "
                            "outcome, summary, at_ms) VALUES (1, 'qc', 's1', 'r', 'text', "
                            "'mismatch', '{}', 3)").ok());
  }
  auto ledger = backend.Open();
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  auto task = (*ledger)->GetTask(1);
  ASSERT_TRUE(task.ok()) << task.status().ToString();
  EXPECT_EQ(task->purpose, TaskPurpose::kRun);
  EXPECT_TRUE(task->inputs.empty());
  auto c = (*ledger)->GetComparison(1);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->accepted());
  EXPECT_EQ((*ledger)->EvidenceSince("qc", 0)->size(), 1u);
}

TEST_P(LedgerUpgradeTest, AVersion5LedgerGetsItsComparisonsMetrics) {
  TestLedgerBackend backend(GetParam());
  if (!backend.available()) GTEST_SKIP() << backend.message();
  {
    auto db = backend.OpenDb();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(MigrateSchema(**db, LedgerMigrations(GetParam()).subspan(0, 5)).ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO tasks (step, sample, route_mode, route_percent, serving, "
                            "fallback, status, fingerprint, error, started_ms, finished_ms) "
                            "VALUES ('align', 's1', 'shadow', 0, 'legacy', 0, 'published', 'f', "
                            "'', 1, 2)").ok());
    for (const char* summary :
         {R"({"outcome":"noise","metrics":{"same_placement":0.97,"same_mapq":null}})",
          R"({"outcome":"match","counts":{"metrics":1}})", R"({"metrics":[1]})",
          "not json but \"metrics\""}) {
      ASSERT_TRUE((*db)->Exec(fmt::format(
          "INSERT INTO comparisons (task_id, step, sample, output, comparator, outcome, summary, "
          "at_ms) VALUES (1, 'align', 's1', 'bam', 'bam', 'noise', '{}', 3)", summary)).ok());
    }
  }
  auto ledger = backend.Open();
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  auto metrics = (*ledger)->MetricsSince("align", 0);
  ASSERT_TRUE(metrics.ok()) << metrics.status().ToString();
  ASSERT_EQ(metrics->size(), 1u);  // only the object of the first summary
  EXPECT_EQ((*metrics)[0].comparison_id, 1);
  EXPECT_EQ((*metrics)[0].metrics,
            (nlohmann::json{{"same_placement", 0.97}, {"same_mapq", nullptr}}));
  auto evidence = (*ledger)->EvidenceSince("align", 0);
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 1u);
  EXPECT_EQ((*evidence)[0].min_metrics, (std::map<std::string, double>{{"same_placement", 0.97}}));
}

}  // namespace
}  // namespace cutover
