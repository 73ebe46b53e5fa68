#include "ledger/open_ledger.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "ledger/test_backend.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

TEST(OpenLedgerTest, NoUrlMeansTheStateFolder) {
  TestTempDir dir;
  LedgerOpenOptions options;
  options.state_dir = dir.path() / "state";
  auto opened = OpenLedger("", options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_TRUE(fs::exists(dir.path() / "state" / "ledger.db"));
  ASSERT_NE(opened->task_locks, nullptr);
  auto lock = opened->task_locks->TryAcquire("qc", "s1", "me", nullptr);
  ASSERT_TRUE(lock.ok() && *lock);
  EXPECT_TRUE(fs::is_directory(dir.path() / "state" / "locks" / "qc"));
  EXPECT_EQ((*opened->ledger->GetRoute("qc")).mode, RouteMode::kLegacy);
}

TEST(OpenLedgerTest, AnSqliteUrlOpensThatFileWithItsFolder) {
  TestTempDir dir;
  const fs::path file = dir.path() / "elsewhere" / "evidence.db";
  LedgerOpenOptions options;
  options.state_dir = dir.path() / "state";
  auto opened = OpenLedger("sqlite:" + file.string(), options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_TRUE(fs::exists(file));
  EXPECT_FALSE(fs::exists(dir.path() / "state" / "ledger.db"));
}

// The copy tool and the commands open SQLite the same way: write-ahead log and foreign keys on
// both connections (they used to differ).
TEST(OpenLedgerTest, TheRawDatabaseHasTheLedgersSettings) {
  TestTempDir dir;
  auto db = OpenLedgerDb("sqlite:" + (dir.path() / "l.db").string());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(*(*db)->QueryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(*(*db)->QueryText("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(*(*db)->QueryText("PRAGMA synchronous"), "1");  // NORMAL
  // Migrated: the ledger's tables are there.
  EXPECT_EQ(*(*db)->QueryText("SELECT count(*) FROM runs"), "0");
}

TEST(OpenLedgerTest, UnknownUrlsAreRefusedByName) {
  TestTempDir dir;
  LedgerOpenOptions options;
  options.state_dir = dir.path();
  for (const std::string url : {"mysql://db/ledger", "sqlite:", "ledger.db"}) {
    auto opened = OpenLedger(url, options);
    ASSERT_FALSE(opened.ok()) << url;
    EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(opened.status().message().find("'" + url + "'"), std::string::npos)
        << opened.status().message();
  }
  // Without a state folder there is no default ledger.
  auto none = OpenLedgerDb("");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(OpenLedgerTest, APostgresUrlGivesDatabaseLocks) {
  TestLedgerBackend backend(SqlBackend::kPostgres);
  if (!backend.available()) GTEST_SKIP() << backend.message();
  TestTempDir dir;
  LedgerOpenOptions options;
  options.state_dir = dir.path();
  options.application_name = "cutover open-ledger test";
  auto opened = OpenLedger(backend.url(), options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_NE(opened->task_locks, nullptr);
  auto lock = opened->task_locks->TryAcquire("qc", "s1", "me", nullptr);
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  EXPECT_TRUE(*lock);
  // Advisory locks: nothing on disk.
  EXPECT_TRUE(fs::is_empty(dir.path()));
  RunRecord run;
  run.command = "run";
  auto id = opened->ledger->BeginRun(run);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ((*opened->ledger->GetRun(*id)).command, "run");
}

}  // namespace
}  // namespace cutover
