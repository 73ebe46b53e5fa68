#include "ledger/ledger_check.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "ledger/open_ledger.h"
#include "ledger/schema.h"
#include "ledger/sqlite_ledger.h"
#include "ledger/test_backend.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

class LedgerCheckTest : public ::testing::TestWithParam<SqlBackend> {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<TestLedgerBackend>(GetParam());
    if (!backend_->available()) GTEST_SKIP() << backend_->message();
    auto ledger = backend_->Open();
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    Fill(**ledger);
  }

  // A run, a task on a canary, an execution, a comparison and two route changes.
  static void Fill(Ledger& ledger) {
    RunRecord run;
    run.command = "cutover run";
    const int64_t run_id = *ledger.BeginRun(run);
    TaskRecord task;
    task.run_id = run_id;
    task.step = "qc";
    task.sample = "s1";
    task.route = Route{RouteMode::kCanary, 30};
    const int64_t task_id = *ledger.BeginTask(task);
    ExecutionRecord e;
    e.task_id = task_id;
    e.step = "qc";
    e.sample = "s1";
    e.side = Side::kNew;
    (void)*ledger.BeginExecution(e);
    for (const Route to : {Route{RouteMode::kShadow, 0}, Route{RouteMode::kCanary, 30}}) {
      RouteChange change;
      change.step = "qc";
      change.to = to;
      change.user = "alice";
      change.reason = "test";
      ASSERT_TRUE(ledger.ChangeRoute(change).ok());
    }
  }

  std::vector<std::string> Check() {
    auto db = backend_->OpenDb();
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return {"(no database)"};
    auto problems = CheckLedger(**db);
    EXPECT_TRUE(problems.ok()) << problems.status().ToString();
    return problems.ok() ? *problems : std::vector<std::string>{"(check failed)"};
  }

  static std::string Joined(const std::vector<std::string>& lines) {
    return fmt::format("{}", fmt::join(lines, "\n"));
  }

  std::unique_ptr<TestLedgerBackend> backend_;
};

INSTANTIATE_TEST_SUITE_P(Backends, LedgerCheckTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

TEST_P(LedgerCheckTest, ASoundLedgerHasNoProblems) {
  EXPECT_EQ(Check(), std::vector<std::string>{});
}

TEST_P(LedgerCheckTest, RoutesNoCutoverWritesAreListedWithTheirRows) {
  ASSERT_TRUE(
      backend_->RawExec("UPDATE route_changes SET to_percent = -5 WHERE to_mode = 'canary'").ok());
  ASSERT_TRUE(backend_->RawExec("UPDATE tasks SET route_percent = 100000").ok());
  const std::vector<std::string> problems = Check();
  ASSERT_EQ(problems.size(), 2u) << Joined(problems);
  EXPECT_NE(problems[0].find("route_changes row 2 (step qc): shadow 0 % -> canary -5 %"),
            std::string::npos)
      << problems[0];
  EXPECT_NE(problems[1].find("tasks row 1 (step qc, sample s1): route canary 100000 %"),
            std::string::npos)
      << problems[1];
}

TEST_P(LedgerCheckTest, UnknownEnumeratedValuesAreListedOncePerValue) {
  ASSERT_TRUE(backend_->RawExec("UPDATE executions SET status = 'exploded'").ok());
  ASSERT_TRUE(backend_->RawExec("UPDATE route_changes SET to_mode = 'sideways' WHERE id = 1").ok());
  const std::string problems = Joined(Check());
  EXPECT_NE(problems.find("executions.status: 'exploded' in 1 row(s)"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("route_changes row 1 (step qc): legacy 0 % -> sideways 0 %"),
            std::string::npos)
      << problems;
}

TEST_P(LedgerCheckTest, AMissingTableIsNamed) {
  ASSERT_TRUE(backend_->RawExec("DROP TABLE calibrations").ok());
  const std::vector<std::string> problems = Check();
  ASSERT_EQ(problems.size(), 1u) << Joined(problems);
  EXPECT_NE(problems[0].find("calibrations"), std::string::npos) << problems[0];
  // The commands refuse it as corruption rather than failing on the first query that needs it.
  auto ledger = backend_->Open();
  ASSERT_FALSE(ledger.ok());
  EXPECT_EQ(ledger.status().code(), StatusCode::kCorruption) << ledger.status().ToString();
}

// Damage only SQLite's own check finds: a b-tree page overwritten. The quick check that
// writing commands run refuses the file, and `ledger check` names the damage instead of
// failing on the first unreadable query.
TEST(LedgerCheckSqliteTest, DamagedPagesAreProblemsAndRefusedForWriting) {
  TestTempDir dir;
  const fs::path path = dir.path() / "ledger.db";
  int page_size = 0;
  int64_t pages = 0;
  {
    auto ledger = OpenSqliteLedger(path);
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    RunRecord run;
    run.command = "cutover run";
    const int64_t run_id = *(*ledger)->BeginRun(run);
    for (int i = 0; i < 400; ++i) {
      TaskRecord task;
      task.run_id = run_id;
      task.step = "qc";
      task.sample = fmt::format("sample-{:04}-{}", i, std::string(100, 'x'));
      ASSERT_TRUE((*ledger)->BeginTask(task).ok());
    }
  }
  {
    auto db = SqliteDb::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    page_size = std::stoi(*(*db)->QueryText("PRAGMA page_size"));
    pages = std::stoll(*(*db)->QueryText("PRAGMA page_count"));
    ASSERT_TRUE((*db)->QueryText("SELECT count(*) FROM tasks").ok());
  }
  ASSERT_GT(pages, 12);
  // A page in the middle of the tasks table: its header becomes nonsense.
  {
    const int fd = ::open(path.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    const std::string junk(16, '\xff');
    for (int64_t page = pages / 2; page < pages / 2 + 2; ++page) {
      ASSERT_EQ(::pwrite(fd, junk.data(), junk.size(), page * page_size),
                static_cast<ssize_t>(junk.size()));
    }
    ::close(fd);
  }
  {
    auto db = SqliteDb::Open(path);
    ASSERT_TRUE(db.ok());
    auto problems = CheckLedger(**db);
    ASSERT_TRUE(problems.ok()) << problems.status().ToString();
    ASSERT_FALSE(problems->empty());
    EXPECT_EQ((*problems)[0].rfind("integrity: ", 0), 0u) << (*problems)[0];
  }
  LedgerOpenOptions options;
  options.state_dir = dir.path();
  options.check_integrity = true;
  auto opened = OpenLedger("sqlite:" + path.string(), options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption);
  EXPECT_NE(opened.status().message().find(path.string()), std::string::npos)
      << opened.status().message();
  EXPECT_NE(opened.status().message().find("ledger copy"), std::string::npos)
      << opened.status().message();
}

}  // namespace
}  // namespace cutover
