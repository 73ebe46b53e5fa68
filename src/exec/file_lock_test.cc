#include "exec/file_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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

}  // namespace
}  // namespace cutover
