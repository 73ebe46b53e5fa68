// The emergency reserve: a small file kept beside an SQLite ledger (LEDGER-reserve, 1 MiB) so
// that `cutover rollback`, the emergency command, can still record its route change when the
// disk holding the ledger is completely full. Every command that writes to the ledger keeps it
// (creates it when missing and there is room to spare); a rollback that finds the disk full
// removes it first, which frees the few pages its one small transaction needs.
#pragma once

#include <cstdint>
#include <filesystem>

namespace cutover {

inline constexpr int64_t kLedgerReserveBytes = int64_t{1} << 20;

// LEDGER-reserve.
std::filesystem::path LedgerReservePath(const std::filesystem::path& ledger);

// Whether the file system holding `dir` has less than kLedgerReserveBytes free for this user
// (or no free inode): what SQLite needs to open a ledger (its shared-memory index) and write.
bool DiskNearlyFull(const std::filesystem::path& dir);

// Creates the reserve when it is missing and at least 4 times its size is free; best effort
// (a reserve that cannot be made now is made by a later command).
void KeepLedgerReserve(const std::filesystem::path& ledger);

// Removes the reserve when the disk is nearly full; true when it did.
bool ReleaseLedgerReserveIfFull(const std::filesystem::path& ledger);

}  // namespace cutover
