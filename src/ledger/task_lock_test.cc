// The per-(step, sample) locks, with lock files (SQLite ledgers) and PostgreSQL advisory locks.
#include "ledger/task_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "ledger/pg_task_locks.h"
#include "ledger/test_backend.h"

namespace cutover {
namespace {

class TaskLockTest : public ::testing::TestWithParam<SqlBackend> {
 protected:
  void SetUp() override {
    if (GetParam() == SqlBackend::kPostgres) {
      url_ = TestPostgresServerUrl();
      if (url_.empty()) GTEST_SKIP() << kNoPostgresMessage;
    }
  }
  // A new, independent set of locks: as another process (or machine) would have.
  std::unique_ptr<TaskLocks> Locks(const std::string& app = "cutover test") {
    if (GetParam() == SqlBackend::kSqlite) return MakeFileTaskLocks(dir_.path() / "locks");
    PgTaskLocksOptions options;
    options.db.application_name = app;
    return MakePostgresTaskLocks(url_, options);
  }
  // Unique per test process, so that parallel test runs on one server do not meet.
  std::string Step(const std::string& name) { return name + "-" + std::to_string(::getpid()); }

  TestTempDir dir_;
  std::string url_;
};

INSTANTIATE_TEST_SUITE_P(Backends, TaskLockTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

TEST_P(TaskLockTest, OneHolderAtATime) {
  auto a = Locks("cutover pid 1 on host-a");
  auto b = Locks("cutover pid 2 on host-b");
  const std::string step = Step("qc");
  auto held = a->TryAcquire(step, "s1", "pid 1 on host-a", nullptr);
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  ASSERT_TRUE(*held);
  ASSERT_TRUE((*held)->Check().ok());

  std::string holder;
  auto busy = b->TryAcquire(step, "s1", "pid 2 on host-b", &holder);
  ASSERT_TRUE(busy.ok()) << busy.status().ToString();
  EXPECT_FALSE(*busy);
  EXPECT_NE(holder.find(GetParam() == SqlBackend::kSqlite ? "pid 1 on host-a"
                                                          : "cutover pid 1 on host-a"),
            std::string::npos)
      << holder;
  // Within one process too (another thread of the same cutover).
  auto same = a->TryAcquire(step, "s1", "pid 1 again", nullptr);
  ASSERT_TRUE(same.ok());
  EXPECT_FALSE(*same);
  // Other samples and steps are independent.
  auto other = b->TryAcquire(step, "s2", "pid 2", nullptr);
  ASSERT_TRUE(other.ok() && *other);
  auto other_step = b->TryAcquire(Step("trim"), "s1", "pid 2", nullptr);
  ASSERT_TRUE(other_step.ok() && *other_step);

  held->reset();  // released
  auto now = b->TryAcquire(step, "s1", "pid 2", nullptr);
  ASSERT_TRUE(now.ok() && *now);
}

TEST_P(TaskLockTest, AcquireWaitsForTheHolderThenGetsIt) {
  auto a = Locks();
  auto b = Locks();
  const std::string step = Step("wait");
  auto held = a->TryAcquire(step, "s1", "first", nullptr);
  ASSERT_TRUE(held.ok() && *held);
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    held->reset();
  });
  CancelToken cancel;
  int waits = 0;
  auto got = b->Acquire(step, "s1", "second", cancel, [&](const std::string&) { ++waits; });
  releaser.join();
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(waits, 1);

  CancelToken cancelled;
  cancelled.Cancel();
  auto refused = a->Acquire(step, "s1", "third", cancelled, nullptr);
  EXPECT_EQ(refused.status().code(), StatusCode::kCancelled);
}

// A holder killed with SIGKILL never released anything: the system must.
TEST_P(TaskLockTest, AHolderKilledWithSigkillLeavesNoLock) {
  const std::string step = Step("kill");
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto locks = Locks();
    auto held = locks->TryAcquire(step, "s1", "the child", nullptr);
    char ok = (held.ok() && *held) ? 'y' : 'n';
    if (write(fds[1], &ok, 1) != 1) _exit(3);
    pause();
    _exit(0);
  }
  close(fds[1]);
  char ok = 0;
  ASSERT_EQ(read(fds[0], &ok, 1), 1);
  close(fds[0]);
  ASSERT_EQ(ok, 'y');
  auto locks = Locks();
  auto busy = locks->TryAcquire(step, "s1", "parent", nullptr);
  ASSERT_TRUE(busy.ok());
  EXPECT_FALSE(*busy);
  kill(pid, SIGKILL);
  ASSERT_EQ(waitpid(pid, nullptr, 0), pid);
  std::unique_ptr<TaskLock> got;
  for (int i = 0; i < 50 && !got; ++i) {  // the server notices the closed socket at once
    auto again = locks->TryAcquire(step, "s1", "parent", nullptr);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    got = std::move(*again);
    if (!got) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(got);
}

// PostgreSQL: the session holding the locks is killed (as by a server restart): the locks are
// taken back on a new connection, unless someone else took them meanwhile.
TEST(PgTaskLockTest, ALostSessionTakesItsLocksBackOrKnowsTheyAreLost) {
  const std::string url = TestPostgresServerUrl();
  if (url.empty()) GTEST_SKIP() << kNoPostgresMessage;
  const std::string app = "cutover lock test " + std::to_string(::getpid());
  PgTaskLocksOptions options;
  options.db.application_name = app;
  options.heartbeat_ms = 60000;  // only Check() notices, for a deterministic test
  auto locks = MakePostgresTaskLocks(url, options);
  auto other = MakePostgresTaskLocks(url);
  const std::string step = "lost-" + std::to_string(::getpid());
  auto kept = locks->TryAcquire(step, "kept", "me", nullptr);
  auto taken = locks->TryAcquire(step, "taken", "me", nullptr);
  ASSERT_TRUE(kept.ok() && *kept && taken.ok() && *taken);

  auto admin = PgDb::Connect(url);
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE((*admin)
                  ->Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                         "application_name = '" + app + "'")
                  .ok());
  // The server dropped the session's locks; someone else takes one of them.
  std::unique_ptr<TaskLock> thief;
  for (int i = 0; i < 50 && !thief; ++i) {
    auto got = other->TryAcquire(step, "taken", "thief", nullptr);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    thief = std::move(*got);
    if (!thief) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(thief);

  EXPECT_TRUE((*kept)->Check().ok()) << (*kept)->Check().ToString();
  Status lost = (*taken)->Check();
  EXPECT_EQ(lost.code(), StatusCode::kFailed);
  EXPECT_NE(lost.message().find("lost the (step, sample) lock"), std::string::npos)
      << lost.message();
  // The kept lock really is held again.
  auto busy = other->TryAcquire(step, "kept", "thief", nullptr);
  ASSERT_TRUE(busy.ok());
  EXPECT_FALSE(*busy);
}

}  // namespace
}  // namespace cutover
