// An exclusive advisory lock on a file (flock). The kernel releases it when the holder dies,
// even by kill -9, so a crashed cutover never leaves a stale lock.
//
// Thread-safety: the static functions may be called from any thread. Each FileLock owns its
// own open file description, so two FileLocks on one path exclude each other even within one
// process. A single FileLock object is not meant to be shared between threads. The descriptor
// is close-on-exec: processes cutover starts do not inherit the lock (a fork() without exec
// would share it). Do not delete a lock file while it may be held.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "util/cancel.h"
#include "util/status.h"

namespace cutover {

class FileLock {
 public:
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();  // releases

  // Tries once (without blocking). Creates the file and its parent directories if missing.
  // Returns nullopt when another holder has it; `holder`, if given, receives what that holder
  // wrote as its owner text (possibly empty if read while the holder is still writing it). On success, `owner` (e.g. "pid 123 on host, cutover
  // run started 2026-...") is written into the lock file for others to read.
  static Result<std::optional<FileLock>> TryAcquire(const std::filesystem::path& path,
                                                    const std::string& owner,
                                                    std::string* holder = nullptr);

  // Waits until acquired or `cancel` is set (then kCancelled), retrying every 100 ms. A free
  // lock is taken even if `cancel` is already set. `on_wait(holder)` (may be empty) is called
  // once, on the calling thread, if the lock was busy, so the caller can say who it waits for.
  static Result<FileLock> Acquire(const std::filesystem::path& path, const std::string& owner,
                                  const CancelToken& cancel,
                                  const std::function<void(const std::string&)>& on_wait);

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace cutover
