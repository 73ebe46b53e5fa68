#include "ledger/ledger_reserve.h"

#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

TEST(LedgerReserveTest, KeptBesideTheLedgerAndReleasedOnlyWhenTheDiskIsFull) {
  TestTempDir dir;
  const fs::path ledger = dir.path() / "ledger.db";
  EXPECT_EQ(LedgerReservePath(ledger), dir.path() / "ledger.db-reserve");
  KeepLedgerReserve(ledger);
  // The test folder is on a disk with room: the reserve is made, its blocks allocated.
  ASSERT_TRUE(fs::exists(LedgerReservePath(ledger)));
  struct stat st {};
  ASSERT_EQ(::stat(LedgerReservePath(ledger).c_str(), &st), 0);
  EXPECT_EQ(st.st_size, kLedgerReserveBytes);
  EXPECT_GE(static_cast<int64_t>(st.st_blocks) * 512, kLedgerReserveBytes);
  EXPECT_FALSE(DiskNearlyFull(dir.path()));
  EXPECT_FALSE(ReleaseLedgerReserveIfFull(ledger));
  EXPECT_TRUE(fs::exists(LedgerReservePath(ledger)));
  KeepLedgerReserve(ledger);  // once is enough; nothing else appears
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
  // (Released on a full disk: tests/e2e/hardening_full_disk.sh, on a small tmpfs.)
}

}  // namespace
}  // namespace cutover
