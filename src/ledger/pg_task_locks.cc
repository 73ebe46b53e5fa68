#include "ledger/pg_task_locks.h"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "util/digest.h"

namespace cutover {

int64_t PgTaskLockKey(const std::string& step, const std::string& sample) {
  std::string key = "cutover task lock\n" + step;
  key += '\0';
  key += sample;
  return static_cast<int64_t>(StableHash64(key));
}

namespace {

class PgTaskLocks;

// What the process knows about one held key. Guarded by PgTaskLocks::mu_.
struct Held {
  std::string owner;
  bool lost = false;
  std::string why_lost;
};

class PgTaskLocks final : public TaskLocks {
 public:
  PgTaskLocks(std::string url, PgTaskLocksOptions options)
      : url_(std::move(url)), options_(std::move(options)) {
    heartbeat_ = std::thread([this] { Heartbeat(); });
  }
  ~PgTaskLocks() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake_.notify_all();
    heartbeat_.join();
  }

  Result<std::unique_ptr<TaskLock>> TryAcquire(const std::string& step, const std::string& sample,
                                               const std::string& owner,
                                               std::string* holder) override;

  Status Check(int64_t key);
  void Release(int64_t key);

 private:
  // With mu_ held: makes sure the connection works, reconnecting (and re-taking every held
  // key) when it was lost. `patient`: keep trying up to reconnect_timeout_ms.
  Status EnsureConnected(bool patient);
  Status Reacquire();
  Result<bool> TryLock(int64_t key);
  std::string Holder(int64_t key);
  void Heartbeat();

  const std::string url_;
  const PgTaskLocksOptions options_;
  std::mutex mu_;
  std::condition_variable wake_;
  // Guarded by mu_. Connected on first use: commands that lock nothing never connect.
  std::unique_ptr<PgDb> db_;
  std::map<int64_t, Held> held_;
  bool stopping_ = false;
  std::thread heartbeat_;
};

class PgTaskLock final : public TaskLock {
 public:
  PgTaskLock(PgTaskLocks* locks, int64_t key) : locks_(locks), key_(key) {}
  ~PgTaskLock() override { locks_->Release(key_); }
  Status Check() override { return locks_->Check(key_); }

 private:
  PgTaskLocks* locks_;
  const int64_t key_;
};

Result<bool> PgTaskLocks::TryLock(int64_t key) {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db_->Prepare("SELECT pg_try_advisory_lock(?1)"));
  stmt.BindInt(1, key);
  CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row && stmt.ColumnInt(0) == 1;
}

std::string PgTaskLocks::Holder(int64_t key) {
  // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low, objsubid 1.
  auto stmt = db_->Prepare(
      "SELECT a.application_name, l.pid FROM pg_locks l LEFT JOIN pg_stat_activity a "
      "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
      "AND l.classid = ?1::bigint::oid AND l.objid = ?2::bigint::oid "
      "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())");
  if (!stmt.ok()) return "another cutover";
  const uint64_t u = static_cast<uint64_t>(key);
  stmt->BindInt(1, static_cast<int64_t>(u >> 32)).BindInt(2, static_cast<int64_t>(u & 0xffffffffu));
  auto row = stmt->Step();
  if (!row.ok() || !*row) return "another cutover";
  std::string app = stmt->ColumnText(0);
  return fmt::format("{} (PostgreSQL backend {})", app.empty() ? "another cutover" : app,
                     stmt->ColumnInt(1));
}

Status PgTaskLocks::Reacquire() {
  for (auto& [key, held] : held_) {
    if (held.lost) continue;
    auto got = TryLock(key);
    if (!got.ok()) return got.status();
    if (!*got) {
      held.lost = true;
      held.why_lost = fmt::format(
          "the connection to {} was lost and {} took the lock meanwhile", db_->Describe(),
          Holder(key));
    }
  }
  return Status::Ok();
}

Status PgTaskLocks::EnsureConnected(bool patient) {
  if (!db_) {
    CUTOVER_ASSIGN_OR_RETURN(db_, PgDb::Connect(url_, options_.db));
    return Status::Ok();
  }
  if (!db_->ConnectionLost()) return Status::Ok();
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(patient ? options_.reconnect_timeout_ms : 0);
  auto delay = std::chrono::milliseconds(100);
  Status st;
  while (true) {
    st = db_->Reconnect();
    if (st.ok()) st = Reacquire();
    if (st.ok() || Clock::now() + delay > deadline) break;
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(2000));
  }
  return st;
}

Result<std::unique_ptr<TaskLock>> PgTaskLocks::TryAcquire(const std::string& step,
                                                          const std::string& sample,
                                                          const std::string& owner,
                                                          std::string* holder) {
  const int64_t key = PgTaskLockKey(step, sample);
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = held_.find(key); it != held_.end()) {
    if (holder) *holder = it->second.owner;
    return std::unique_ptr<TaskLock>();
  }
  CUTOVER_RETURN_IF_ERROR(EnsureConnected(/*patient=*/true));
  auto got = TryLock(key);
  if (!got.ok() && db_->ConnectionLost()) {  // lost just now: once more on a new connection
    CUTOVER_RETURN_IF_ERROR(EnsureConnected(/*patient=*/true));
    got = TryLock(key);
  }
  if (!got.ok()) return got.status().WithContext(fmt::format("locking {} {}", step, sample));
  if (!*got) {
    if (holder) *holder = Holder(key);
    return std::unique_ptr<TaskLock>();
  }
  held_[key] = Held{owner};
  wake_.notify_all();
  return std::unique_ptr<TaskLock>(std::make_unique<PgTaskLock>(this, key));
}

Status PgTaskLocks::Check(int64_t key) {
  std::lock_guard<std::mutex> lock(mu_);
  // A dead session is only noticed by using it: probe first.
  if (db_ && !db_->ConnectionLost()) (void)db_->Exec("SELECT 1");
  Status connected = EnsureConnected(/*patient=*/true);
  auto it = held_.find(key);
  if (it == held_.end()) return Status::Internal("checking a lock that is not held");
  if (!connected.ok() && !it->second.lost) {
    it->second.lost = true;
    it->second.why_lost = connected.message();
  }
  if (it->second.lost) return Status::Failed("lost the (step, sample) lock: " + it->second.why_lost);
  return Status::Ok();
}

void PgTaskLocks::Release(int64_t key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = held_.find(key);
  if (it == held_.end()) return;
  const bool lost = it->second.lost;
  held_.erase(it);
  if (lost || !db_ || db_->ConnectionLost()) return;  // the server already forgot it
  if (auto stmt = db_->Prepare("SELECT pg_advisory_unlock(?1)"); stmt.ok()) {
    stmt->BindInt(1, key);
    (void)stmt->Run();
  }
}

void PgTaskLocks::Heartbeat() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(options_.heartbeat_ms));
    if (stopping_) break;
    if (held_.empty() || !db_) continue;
    if (!db_->ConnectionLost()) (void)db_->Exec("SELECT 1");
    (void)EnsureConnected(/*patient=*/false);  // one try per beat; Check() is patient
  }
}

}  // namespace

std::unique_ptr<TaskLocks> MakePostgresTaskLocks(const std::string& url,
                                                         const PgTaskLocksOptions& options) {
  PgTaskLocksOptions o = options;
  // Notice a vanished client machine within ~20 s (server-side keepalives, TCP only; settable
  // per session). Its locks are then released.
  o.db.session_sql =
      "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; "
      "SET tcp_keepalives_count = 2";
  return std::unique_ptr<TaskLocks>(std::make_unique<PgTaskLocks>(url, std::move(o)));
}

}  // namespace cutover
