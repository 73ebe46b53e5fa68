#include "ledger/ledger_backup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ledger/sqlite_db.h"
#include "ledger/sqlite_ledger.h"
#include "ledger/test_backend.h"
#include "testing/temp_dir.h"
#include "util/file.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

class LedgerBackupTest : public ::testing::TestWithParam<SqlBackend> {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<TestLedgerBackend>(GetParam());
    if (!backend_->available()) GTEST_SKIP() << backend_->message();
    auto ledger = backend_->Open();
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    RunRecord run;
    run.command = "cutover run";
    const int64_t run_id = *(*ledger)->BeginRun(run);
    for (int i = 0; i < 50; ++i) {
      TaskRecord task;
      task.run_id = run_id;
      task.step = "qc";
      task.sample = "s" + std::to_string(i);
      ASSERT_TRUE((*ledger)->BeginTask(task).ok());
    }
    RouteChange change;
    change.step = "qc";
    change.to = Route{RouteMode::kCanary, 25};
    change.user = "alice";
    change.reason = "canary";
    ASSERT_TRUE((*ledger)->ChangeRoute(change).ok());
    // Kept open, as a running cutover would: the backup is taken under a live writer.
    ledger_ = std::move(ledger).value();
  }

  Status Backup(const fs::path& dest, bool replace = false) {
    auto db = backend_->OpenDb();
    if (!db.ok()) return db.status();
    return BackupLedger(**db, dest, LedgerBackupOptions{replace});
  }

  std::unique_ptr<TestLedgerBackend> backend_;
  std::unique_ptr<Ledger> ledger_;
  TestTempDir out_;
};

INSTANTIATE_TEST_SUITE_P(Backends, LedgerBackupTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

TEST_P(LedgerBackupTest, TheCopyIsAWholeLedgerInOneFile) {
  const fs::path dest = out_.path() / "backup.db";
  Status done = Backup(dest);
  ASSERT_TRUE(done.ok()) << done.ToString();
  // One self-contained file: no write-ahead log to carry along, nothing else left beside it.
  EXPECT_EQ(std::distance(fs::directory_iterator(out_.path()), fs::directory_iterator()), 1);
  {
    auto db = SqliteDb::Open(dest);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(*(*db)->QueryText("PRAGMA journal_mode"), "delete");
    EXPECT_EQ(*(*db)->QueryText("SELECT count(*) FROM tasks"), "50");
  }
  // It opens as a ledger with the same route.
  auto copy = OpenSqliteLedger(dest);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  auto route = (*copy)->GetRoute("qc");
  ASSERT_TRUE(route.ok());
  EXPECT_EQ(route->mode, RouteMode::kCanary);
  EXPECT_EQ(route->percent, 25);
  EXPECT_EQ((*(*copy)->History("qc")).size(), 1u);
}

TEST_P(LedgerBackupTest, AnExistingFileIsKeptUnlessReplaced) {
  const fs::path dest = out_.path() / "backup.db";
  ASSERT_TRUE(WriteFileAtomic(dest, "my thesis").ok());
  Status refused = Backup(dest);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("--replace"), std::string::npos) << refused.ToString();
  EXPECT_EQ(*ReadFile(dest), "my thesis");

  Status replaced = Backup(dest, /*replace=*/true);
  ASSERT_TRUE(replaced.ok()) << replaced.ToString();
  auto db = SqliteDb::Open(dest);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*(*db)->QueryText("SELECT count(*) FROM tasks"), "50");
}

TEST_P(LedgerBackupTest, AFailedBackupLeavesNothingBehind) {
  // The destination's folder does not exist: nothing can be written, and nothing is.
  const fs::path dest = out_.path() / "missing" / "backup.db";
  Status failed = Backup(dest);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.message().find(dest.parent_path().string()), std::string::npos)
      << failed.ToString();
  EXPECT_TRUE(fs::is_empty(out_.path()));
}

TEST(LedgerBackupSqliteTest, ADamagedLedgerIsNotBackedUpAsIfSound) {
  TestTempDir dir;
  const fs::path path = dir.path() / "ledger.db";
  {
    auto ledger = OpenSqliteLedger(path);
    ASSERT_TRUE(ledger.ok());
    RunRecord run;
    run.command = "cutover run";
    const int64_t run_id = *(*ledger)->BeginRun(run);
    for (int i = 0; i < 300; ++i) {
      TaskRecord task;
      task.run_id = run_id;
      task.step = "qc";
      task.sample = std::string(200, 'a' + i % 26) + std::to_string(i);
      ASSERT_TRUE((*ledger)->BeginTask(task).ok());
    }
  }
  int64_t pages = 0;
  int64_t page_size = 0;
  {
    auto db = SqliteDb::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    pages = std::stoll(*(*db)->QueryText("PRAGMA page_count"));
    page_size = std::stoll(*(*db)->QueryText("PRAGMA page_size"));
  }
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(pages / 2 * page_size);
    f.write(std::string(16, '\xff').data(), 16);
  }
  auto db = SqliteDb::Open(path);
  ASSERT_TRUE(db.ok());
  const fs::path dest = dir.path() / "backup.db";
  Status refused = BackupLedger(**db, dest);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), StatusCode::kCorruption) << refused.ToString();
  EXPECT_FALSE(fs::exists(dest));
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find("backup"), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace cutover
