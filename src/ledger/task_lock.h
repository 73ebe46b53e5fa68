// The per-(step, sample) execution lock: one execution of a step for a sample at a time, across
// threads, processes and (with PostgreSQL) machines. Where the lock lives goes with the ledger:
// lock files in the state folder beside an SQLite ledger (MakeFileTaskLocks), advisory locks in
// the database for PostgreSQL (pg_task_locks.h).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "util/cancel.h"
#include "util/status.h"

namespace cutover {

// A held lock, released on destruction (and by the system when the holder dies, even by
// kill -9). Not shared between threads.
class TaskLock {
 public:
  virtual ~TaskLock() = default;
  // OK while the lock is still held. An error means it was lost (a PostgreSQL session that
  // ended and could not take the lock back): the holder must not publish.
  virtual Status Check() { return Status::Ok(); }
};

// Thread-safe: any thread may acquire; each lock is released by the thread that holds it.
class TaskLocks {
 public:
  virtual ~TaskLocks() = default;

  // Tries once without waiting. Returns nullptr when another holder (another thread, process
  // or machine) has it; `holder`, if given, then says who, as far as known.
  // `owner` says who we are ("pid 123 on host ..."), for others to read.
  virtual Result<std::unique_ptr<TaskLock>> TryAcquire(const std::string& step,
                                                       const std::string& sample,
                                                       const std::string& owner,
                                                       std::string* holder) = 0;

  // Waits until acquired (retrying every 100 ms) or `cancel` is set (then kCancelled). A free
  // lock is taken even if `cancel` is already set. `on_wait(holder)` is called once, on the
  // calling thread, if the lock was busy.
  Result<std::unique_ptr<TaskLock>> Acquire(const std::string& step, const std::string& sample,
                                            const std::string& owner, const CancelToken& cancel,
                                            const std::function<void(const std::string&)>& on_wait);
};

// Lock files <dir>/<step>/<hash of sample>.lock (flock; see exec/file_lock.h).
std::unique_ptr<TaskLocks> MakeFileTaskLocks(std::filesystem::path dir);

}  // namespace cutover
