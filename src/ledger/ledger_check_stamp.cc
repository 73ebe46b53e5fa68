#include "ledger/ledger_check_stamp.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

fs::path StampPath(const fs::path& state_dir) { return state_dir / "ledger-checked"; }

std::string Absolute(const fs::path& ledger) {
  std::error_code ec;
  fs::path abs = fs::absolute(ledger, ec);
  return (ec ? ledger : abs).lexically_normal().string();
}

int64_t Nanoseconds(const timespec& t) { return int64_t{t.tv_sec} * 1000000000 + t.tv_nsec; }

// What the stamp says about one file: identity, size, times; "-" for a missing file.
std::string Describe(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return "-";
  return fmt::format("{}:{} {} {} {}", st.st_dev, st.st_ino, st.st_size, Nanoseconds(st.st_mtim),
                     Nanoseconds(st.st_ctim));
}

std::string StampText(const fs::path& ledger, const std::string& state) {
  return Absolute(ledger) + "\n" + state + "\n";
}

}  // namespace

std::string SqliteLedgerFileState(const fs::path& ledger) {
  const std::string main = Describe(ledger);
  if (main == "-") return "";
  return "db " + main + " wal " + Describe(ledger.string() + "-wal");
}

bool LedgerUnchangedSinceChecked(const fs::path& state_dir, const fs::path& ledger) {
  if (state_dir.empty()) return false;
  const std::string state = SqliteLedgerFileState(ledger);
  if (state.empty()) return false;
  Result<std::string> stamp = ReadFile(StampPath(state_dir));
  return stamp.ok() && *stamp == StampText(ledger, state);
}

void RememberLedgerChecked(const fs::path& state_dir, const fs::path& ledger) {
  if (state_dir.empty()) return;
  const std::string state = SqliteLedgerFileState(ledger);
  if (state.empty()) return;
  const std::string text = StampText(ledger, state);
  const fs::path stamp = StampPath(state_dir);
  // A fresh, unpredictable name (O_EXCL: nothing planted is written through), no fsync.
  Result<TempFile> tmp = CreateTempFileFor(stamp);
  if (!tmp.ok()) return;
  const bool written =
      ::write(tmp->fd.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size());
  tmp->fd = UniqueFd();
  if (!written || std::rename(tmp->path.c_str(), stamp.c_str()) != 0)
    std::remove(tmp->path.c_str());
}

}  // namespace cutover
