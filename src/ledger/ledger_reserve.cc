#include "ledger/ledger_reserve.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;

namespace {

fs::path FolderOf(const fs::path& file) {
  return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

// Free bytes for an unprivileged writer; -1 when unknown.
int64_t FreeBytes(const fs::path& dir, bool* no_inodes) {
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) != 0) return -1;
  if (no_inodes != nullptr) *no_inodes = vfs.f_files > 0 && vfs.f_favail == 0;
  return static_cast<int64_t>(vfs.f_bavail) * static_cast<int64_t>(vfs.f_frsize);
}

}  // namespace

fs::path LedgerReservePath(const fs::path& ledger) { return ledger.string() + "-reserve"; }

bool DiskNearlyFull(const fs::path& dir) {
  bool no_inodes = false;
  const int64_t free = FreeBytes(dir, &no_inodes);
  return no_inodes || (free >= 0 && free < kLedgerReserveBytes);
}

void KeepLedgerReserve(const fs::path& ledger) {
  const fs::path reserve = LedgerReservePath(ledger);
  if (::access(reserve.c_str(), F_OK) == 0) return;
  if (FreeBytes(FolderOf(ledger), nullptr) < 4 * kLedgerReserveBytes) return;
  // Written under a temporary name and renamed: a reserve is whole or absent.
  Result<TempFile> tmp = CreateTempFileFor(reserve);
  if (!tmp.ok()) return;
  if (::posix_fallocate(tmp->fd.get(), 0, kLedgerReserveBytes) != 0) {
    tmp->fd.Reset();
    ::unlink(tmp->path.c_str());
    return;
  }
  (void)CommitTempFile(std::move(*tmp), reserve);
}

bool ReleaseLedgerReserveIfFull(const fs::path& ledger) {
  if (!DiskNearlyFull(FolderOf(ledger))) return false;
  return ::unlink(LedgerReservePath(ledger).c_str()) == 0;
}

}  // namespace cutover
