#include "exec/file_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

namespace cutover {
namespace fs = std::filesystem;
namespace {

class FileLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cutover_lock_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    path_ = dir_ / "sub" / "x.lock";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_, path_;
};

TEST_F(FileLockTest, SecondHolderIsToldWhoHoldsIt) {
  auto first = FileLock::TryAcquire(path_, "pid 1 on host");
  ASSERT_TRUE(first.ok() && first->has_value());
  std::string holder;
  auto second = FileLock::TryAcquire(path_, "pid 2", &holder);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
  EXPECT_EQ(holder, "pid 1 on host");
  first->reset();  // release
  auto third = FileLock::TryAcquire(path_, "pid 3");
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->has_value());
}

TEST_F(FileLockTest, KilledHolderReleases) {
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = ::fork();
  if (child == 0) {
    auto lock = FileLock::TryAcquire(path_, "child");
    char c = lock.ok() && lock->has_value() ? 'y' : 'n';
    (void)!::write(ready[1], &c, 1);
    ::pause();
    ::_exit(0);
  }
  char c = 0;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  auto busy = FileLock::TryAcquire(path_, "parent");
  ASSERT_TRUE(busy.ok());
  EXPECT_FALSE(busy->has_value());
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  auto free = FileLock::TryAcquire(path_, "parent");
  ASSERT_TRUE(free.ok());
  EXPECT_TRUE(free->has_value());
}

TEST_F(FileLockTest, AcquireWaitsForRelease) {
  auto first = FileLock::TryAcquire(path_, "first");
  ASSERT_TRUE(first.ok() && first->has_value());
  CancelToken cancel;
  int waits = 0;
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    first->reset();
  });
  auto second = FileLock::Acquire(path_, "second", cancel, [&](const std::string& h) {
    ++waits;
    EXPECT_EQ(h, "first");
  });
  releaser.join();
  EXPECT_TRUE(second.ok());
  EXPECT_EQ(waits, 1);
}

TEST_F(FileLockTest, AcquireCanBeCancelled) {
  auto first = FileLock::TryAcquire(path_, "first");
  ASSERT_TRUE(first.ok() && first->has_value());
  CancelToken cancel;
  cancel.Cancel();
  auto second = FileLock::Acquire(path_, "second", cancel, nullptr);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kCancelled);
}

// flock locks belong to open file descriptions, so two FileLocks in one process (even one
// thread) exclude each other, unlike fcntl locks.
TEST_F(FileLockTest, TwoLocksInOneProcessExcludeEachOther) {
  auto first = FileLock::TryAcquire(path_, "first");
  ASSERT_TRUE(first.ok() && first->has_value());
  std::atomic<int> got{0};
  std::thread other([&] {
    auto second = FileLock::TryAcquire(path_, "second");
    if (second.ok() && second->has_value()) ++got;
  });
  other.join();
  EXPECT_EQ(got.load(), 0);
  auto same_thread = FileLock::TryAcquire(path_, "third");
  ASSERT_TRUE(same_thread.ok());
  EXPECT_FALSE(same_thread->has_value());
}

TEST_F(FileLockTest, MoveTransfersOwnership) {
  auto first = FileLock::TryAcquire(path_, "first");
  ASSERT_TRUE(first.ok() && first->has_value());
  FileLock moved = std::move(**first);
  first->reset();  // the moved-from object releases nothing
  auto busy = FileLock::TryAcquire(path_, "second");
  ASSERT_TRUE(busy.ok());
  EXPECT_FALSE(busy->has_value());
  {
    auto other_path = FileLock::TryAcquire(dir_ / "other.lock", "other");
    ASSERT_TRUE(other_path.ok() && other_path->has_value());
    moved = std::move(**other_path);  // releases the first lock, takes over the other one
  }
  auto free = FileLock::TryAcquire(path_, "third");
  ASSERT_TRUE(free.ok());
  EXPECT_TRUE(free->has_value());
  auto other_busy = FileLock::TryAcquire(dir_ / "other.lock", "fourth");
  ASSERT_TRUE(other_busy.ok());
  EXPECT_FALSE(other_busy->has_value());
}

// A step cutover starts while it holds a lock must not keep that lock alive after cutover
// releases it (the descriptor is close-on-exec).
TEST_F(FileLockTest, ExecutedChildrenDoNotInheritTheLock) {
  auto lock = FileLock::TryAcquire(path_, "parent");
  ASSERT_TRUE(lock.ok() && lock->has_value());
  pid_t child = ::fork();
  if (child == 0) {
    ::execl("/bin/sleep", "sleep", "30", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ASSERT_GT(child, 0);
  // Wait until the child has exec'd (its command line changes), then release ours.
  for (int i = 0; i < 200; ++i) {
    std::ifstream cmd("/proc/" + std::to_string(child) + "/cmdline");
    std::string text((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
    if (text.rfind("sleep", 0) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  lock->reset();
  auto again = FileLock::TryAcquire(path_, "parent again");
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->has_value());
}

TEST_F(FileLockTest, AcquireCancelledWhileWaiting) {
  auto first = FileLock::TryAcquire(path_, "first");
  ASSERT_TRUE(first.ok() && first->has_value());
  CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    cancel.Cancel();
  });
  auto start = std::chrono::steady_clock::now();
  std::string told;
  auto second = FileLock::Acquire(path_, "second", cancel, [&](const std::string& h) { told = h; });
  auto took = std::chrono::steady_clock::now() - start;
  canceller.join();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(told, "first");
  EXPECT_LT(took, std::chrono::seconds(2));
}

TEST_F(FileLockTest, OwnerTextReplacesTheOldOne) {
  { auto a = FileLock::TryAcquire(path_, "a much longer owner text than the next"); }
  auto b = FileLock::TryAcquire(path_, "short");
  ASSERT_TRUE(b.ok() && b->has_value());
  std::string holder;
  auto c = FileLock::TryAcquire(path_, "c", &holder);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->has_value());
  EXPECT_EQ(holder, "short");
}

TEST_F(FileLockTest, UnusablePathIsAnError) {
  ASSERT_TRUE(fs::create_directories(dir_ / "a_directory.lock"));
  auto r = FileLock::TryAcquire(dir_ / "a_directory.lock", "x");
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace cutover
