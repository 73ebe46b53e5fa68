#include "ledger/ledger_presence.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ledger/open_ledger.h"
#include "testing/temp_dir.h"
#include "util/file.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

TEST(LedgerPresenceTest, ANewProjectMayCreateItsLedger) {
  TestTempDir dir;
  EXPECT_TRUE(RefuseLostLedger(dir.path() / "ledger.db", dir.path()).ok());
  // Nothing listed yet, even with an empty file there.
  std::ofstream(dir.path() / "ledger.db").close();
  EXPECT_TRUE(RefuseLostLedger(dir.path() / "ledger.db", dir.path()).ok());
}

TEST(LedgerPresenceTest, ARememberedLedgerFoundMissingOrEmptyIsCorruption) {
  TestTempDir dir;
  const fs::path ledger = dir.path() / "ledger.db";
  ASSERT_TRUE(RememberLedger(ledger, dir.path()).ok());
  ASSERT_TRUE(RememberLedger(ledger, dir.path()).ok());  // once is enough
  EXPECT_EQ(*ReadFile(LedgersSeenFile(dir.path())), ledger.string() + "\n");

  Status missing = RefuseLostLedger(ledger, dir.path());
  EXPECT_EQ(missing.code(), StatusCode::kCorruption);
  EXPECT_NE(missing.message().find(ledger.string() + " is missing"), std::string::npos);
  EXPECT_NE(missing.message().find("deleted"), std::string::npos);
  EXPECT_NE(missing.message().find("ledger backup"), std::string::npos);

  std::ofstream(ledger).close();
  Status empty = RefuseLostLedger(ledger, dir.path());
  EXPECT_EQ(empty.code(), StatusCode::kCorruption);
  EXPECT_NE(empty.message().find("truncated"), std::string::npos);

  std::ofstream(ledger) << "SQLite format 3";
  EXPECT_TRUE(RefuseLostLedger(ledger, dir.path()).ok());
}

TEST(LedgerPresenceTest, TheListNamesEachLedgerByItsAbsolutePath) {
  TestTempDir dir;
  ASSERT_TRUE(RememberLedger(dir.path() / "a" / ".." / "one.db", dir.path()).ok());
  ASSERT_TRUE(RememberLedger(dir.path() / "two.db", dir.path()).ok());
  EXPECT_EQ(*ReadFile(LedgersSeenFile(dir.path())),
            (dir.path() / "one.db").string() + "\n" + (dir.path() / "two.db").string() + "\n");
  EXPECT_FALSE(RefuseLostLedger(dir.path() / "one.db", dir.path()).ok());
  EXPECT_FALSE(RefuseLostLedger(dir.path() / "two.db", dir.path()).ok());
  EXPECT_TRUE(RefuseLostLedger(dir.path() / "three.db", dir.path()).ok());
}

// Through OpenLedger: the first open remembers the ledger, the loss is refused afterwards, and
// removing the line starts over on purpose.
TEST(LedgerPresenceTest, OpenLedgerRefusesALostLedgerUntilForgotten) {
  TestTempDir dir;
  LedgerOpenOptions options;
  options.state_dir = dir.path();
  ASSERT_TRUE(OpenLedger("", options).ok());
  fs::remove(dir.path() / "ledger.db");
  fs::remove(dir.path() / "ledger.db-wal");
  fs::remove(dir.path() / "ledger.db-shm");
  auto lost = OpenLedger("", options);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.status().code(), StatusCode::kCorruption);
  EXPECT_FALSE(fs::exists(dir.path() / "ledger.db")) << "no new ledger in its place";
  fs::remove(LedgersSeenFile(dir.path()));
  EXPECT_TRUE(OpenLedger("", options).ok());
}

}  // namespace
}  // namespace cutover
