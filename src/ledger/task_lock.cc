#include "ledger/task_lock.h"

#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <thread>

#include "exec/file_lock.h"
#include "util/digest.h"

namespace cutover {

Result<std::unique_ptr<TaskLock>> TaskLocks::Acquire(
    const std::string& step, const std::string& sample, const std::string& owner,
    const CancelToken& cancel, const std::function<void(const std::string&)>& on_wait) {
  bool told = false;
  while (true) {
    std::string holder;
    CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<TaskLock> lock,
                             TryAcquire(step, sample, owner, &holder));
    if (lock) return lock;
    if (cancel.cancelled()) {
      return Status::Cancelled(fmt::format("interrupted while waiting for {} {}", step, sample));
    }
    if (!told && on_wait) on_wait(holder);
    told = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

namespace {

class FileTaskLock final : public TaskLock {
 public:
  explicit FileTaskLock(FileLock lock) : lock_(std::move(lock)) {}

 private:
  FileLock lock_;
};

class FileTaskLocks final : public TaskLocks {
 public:
  explicit FileTaskLocks(std::filesystem::path dir) : dir_(std::move(dir)) {}

  Result<std::unique_ptr<TaskLock>> TryAcquire(const std::string& step, const std::string& sample,
                                               const std::string& owner,
                                               std::string* holder) override {
    std::filesystem::path path =
        dir_ / step / fmt::format("{:016x}.lock", StableHash64(sample));
    CUTOVER_ASSIGN_OR_RETURN(std::optional<FileLock> lock,
                             FileLock::TryAcquire(path, owner, holder));
    if (!lock) return std::unique_ptr<TaskLock>();
    return std::unique_ptr<TaskLock>(std::make_unique<FileTaskLock>(std::move(*lock)));
  }

 private:
  const std::filesystem::path dir_;
};

}  // namespace

std::unique_ptr<TaskLocks> MakeFileTaskLocks(std::filesystem::path dir) {
  return std::make_unique<FileTaskLocks>(std::move(dir));
}

}  // namespace cutover
