#include "ledger/ledger_check_stamp.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "ledger/open_ledger.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// Sets the file's modification time back, as a change that keeps the size would otherwise
// land in the same clock tick as the stamp.
void Age(const fs::path& file, int seconds) {
  fs::last_write_time(file, fs::last_write_time(file) - std::chrono::seconds(seconds));
}

TEST(LedgerCheckStampTest, TheSameFileInTheSameStateMatches) {
  TestTempDir dir;
  const fs::path ledger = dir.path() / "ledger.db";
  Write(ledger, "pages");
  EXPECT_FALSE(LedgerUnchangedSinceChecked(dir.path(), ledger));  // no stamp yet
  RememberLedgerChecked(dir.path(), ledger);
  EXPECT_TRUE(LedgerUnchangedSinceChecked(dir.path(), ledger));
  // Without a state folder nothing is remembered.
  EXPECT_FALSE(LedgerUnchangedSinceChecked("", ledger));
}

TEST(LedgerCheckStampTest, AnyChangeBehindTheStampIsSeen) {
  TestTempDir dir;
  const fs::path ledger = dir.path() / "ledger.db";
  Write(ledger, "pages");
  Age(ledger, 100);
  RememberLedgerChecked(dir.path(), ledger);
  ASSERT_TRUE(LedgerUnchangedSinceChecked(dir.path(), ledger));

  Write(ledger, "PAGES");  // same size, new time
  EXPECT_FALSE(LedgerUnchangedSinceChecked(dir.path(), ledger));
  RememberLedgerChecked(dir.path(), ledger);
  ASSERT_TRUE(LedgerUnchangedSinceChecked(dir.path(), ledger));

  // A write-ahead log appearing, a copy put in the file's place (a new inode), truncation.
  Write(ledger.string() + "-wal", "frames");
  EXPECT_FALSE(LedgerUnchangedSinceChecked(dir.path(), ledger));
  fs::remove(ledger.string() + "-wal");
  ASSERT_TRUE(LedgerUnchangedSinceChecked(dir.path(), ledger));
  const auto before = fs::last_write_time(ledger);
  Write(dir.path() / "copy.db", "PAGES");
  fs::last_write_time(dir.path() / "copy.db", before);
  fs::rename(dir.path() / "copy.db", ledger);
  EXPECT_FALSE(LedgerUnchangedSinceChecked(dir.path(), ledger));
  RememberLedgerChecked(dir.path(), ledger);
  fs::resize_file(ledger, 2);
  fs::last_write_time(ledger, before);
  EXPECT_FALSE(LedgerUnchangedSinceChecked(dir.path(), ledger));
}

TEST(LedgerCheckStampTest, TheStampNamesItsLedger) {
  TestTempDir dir;
  Write(dir.path() / "a.db", "pages");
  RememberLedgerChecked(dir.path(), dir.path() / "a.db");
  fs::copy_file(dir.path() / "a.db", dir.path() / "b.db");
  EXPECT_FALSE(LedgerUnchangedSinceChecked(dir.path(), dir.path() / "b.db"));
  // A missing ledger is never "unchanged", and is not remembered.
  EXPECT_FALSE(LedgerUnchangedSinceChecked(dir.path(), dir.path() / "none.db"));
  RememberLedgerChecked(dir.path(), dir.path() / "none.db");
  EXPECT_TRUE(LedgerUnchangedSinceChecked(dir.path(), dir.path() / "a.db"));
}

TEST(LedgerCheckStampTest, ALinkInTheStampsPlaceIsNotWrittenThrough) {
  TestTempDir dir;
  Write(dir.path() / "ledger.db", "pages");
  Write(dir.path() / "target", "keep");
  const fs::path tmp = dir.path() / ("ledger-checked." + std::to_string(::getpid()) + ".tmp");
  fs::create_symlink(dir.path() / "target", tmp);
  RememberLedgerChecked(dir.path(), dir.path() / "ledger.db");
  std::ifstream in(dir.path() / "target");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "keep");
}

// Through OpenLedger: a writing command's check is remembered when it closes the ledger, a
// reading command that found the ledger as remembered keeps it remembered after its own close
// (SQLite's last close checkpoints the log into the file), and a ledger changed behind cutover's
// back is checked again and refused when damaged.
TEST(LedgerCheckStampTest, OpenLedgerRemembersAndRechecks) {
  TestTempDir dir;
  const fs::path state = dir.path() / "state";
  const fs::path file = state / "ledger.db";
  LedgerOpenOptions writing;
  writing.state_dir = state;
  writing.check_integrity = true;
  LedgerOpenOptions reading;
  reading.state_dir = state;
  {
    auto opened = OpenLedger("", writing);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    RouteChange change;
    change.step = "qc";
    change.to = Route{RouteMode::kShadow, 0};
    change.reason = "test";
    ASSERT_TRUE(opened->ledger->ChangeRoute(change).ok());
  }
  EXPECT_TRUE(LedgerUnchangedSinceChecked(state, file));
  {
    auto opened = OpenLedger("", reading);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ(opened->ledger->GetRoute("qc")->mode, RouteMode::kShadow);
  }
  EXPECT_TRUE(LedgerUnchangedSinceChecked(state, file));

  // Damage: the first page's b-tree header of the schema table overwritten.
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    const std::string junk(16, '\xff');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  Age(file, 100);
  EXPECT_FALSE(LedgerUnchangedSinceChecked(state, file));
  auto refused = OpenLedger("", writing);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kCorruption) << refused.status().ToString();
  EXPECT_FALSE(LedgerUnchangedSinceChecked(state, file));
}

}  // namespace
}  // namespace cutover
