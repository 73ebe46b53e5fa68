#include "exec/process_group.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

class ProcessGroupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cutover_process_group_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    for (pid_t pid : started_) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    fs::remove_all(dir_);
  }
  // Starts `script` under /bin/sh as the leader of a new process group, as the local runner does.
  pid_t StartGroup(const std::string& script) {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::setpgid(0, 0);
      ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::setpgid(pid, pid);
    started_.push_back(pid);
    return pid;
  }
  // Waits (up to 10 s) until the group has `n` live processes.
  static bool WaitForMembers(pid_t pgid, size_t n) {
    for (int i = 0; i < 1000; ++i) {
      if (ProcessesInGroup(pgid).size() == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  void WriteRecord(const fs::path& path, const ProcessGroupRecord& r) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << FormatProcessGroupRecord(r);
  }
  fs::path dir_;
  std::vector<pid_t> started_;
};

TEST_F(ProcessGroupTest, RecordsRoundTripAndMalformedOnesAreRefused) {
  const ProcessGroupRecord r{"node-7", 4242, 4250, 123456789};
  Result<ProcessGroupRecord> back = ParseProcessGroupRecord(FormatProcessGroupRecord(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->host, "node-7");
  EXPECT_EQ(back->owner_pid, 4242);
  EXPECT_EQ(back->pgid, 4250);
  EXPECT_EQ(back->leader_start, 123456789u);
  for (const char* bad : {"", "node 1 2", "node x 4250 1\n", "node 4242 4250 -1\n",
                          "node 4242 1 5\n", "node 0 4250 5\n", "node 4242 0x10 5\n"}) {
    EXPECT_FALSE(ParseProcessGroupRecord(bad).ok()) << "'" << bad << "'";
  }
}

TEST_F(ProcessGroupTest, StartTimeOfALiveAndOfAGoneProcess) {
  EXPECT_GT(ProcessStartTime(::getpid()), 0u);
  pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  EXPECT_EQ(ProcessStartTime(gone), 0u);
}

TEST_F(ProcessGroupTest, WrittenRecordDescribesTheLeaderAndReplacesAPlantedLink) {
  const pid_t leader = StartGroup("exec sleep 30");
  const fs::path outside = dir_ / "outside.txt";
  std::ofstream(outside) << "keep";
  const fs::path record_path = dir_ / "new.group";
  fs::create_symlink(outside, record_path);
  ASSERT_TRUE(WriteProcessGroupRecord(record_path, leader).ok());
  EXPECT_FALSE(fs::is_symlink(record_path));
  EXPECT_EQ(*ReadFile(outside), "keep");
  Result<ProcessGroupRecord> r = ParseProcessGroupRecord(*ReadFile(record_path));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->host, ProcessGroupHost());
  EXPECT_EQ(r->owner_pid, ::getpid());
  EXPECT_EQ(r->pgid, leader);
  EXPECT_EQ(r->leader_start, ProcessStartTime(leader));
}

// The situation after a kill -9 of cutover: the side's first process died with it, the
// processes it started in the background live on in its group.
TEST_F(ProcessGroupTest, KillsWhatOutlivedTheLeader) {
  const pid_t leader = StartGroup("sleep 300 & sleep 300 & wait");
  ASSERT_TRUE(WaitForMembers(leader, 3));
  const ProcessGroupRecord record{ProcessGroupHost(), 1, leader, ProcessStartTime(leader)};
  ::kill(leader, SIGKILL);
  ::waitpid(leader, nullptr, 0);
  ASSERT_TRUE(WaitForMembers(leader, 2)) << "the backgrounded sleeps should outlive their shell";

  EXPECT_EQ(KillLeftoverGroup(record), 2);
  EXPECT_TRUE(WaitForMembers(leader, 0));
  EXPECT_EQ(KillLeftoverGroup(record), 0);  // nothing left
}

TEST_F(ProcessGroupTest, LeavesAloneAGroupWhoseLeaderIsAnotherProcess) {
  const pid_t leader = StartGroup("exec sleep 300");
  ASSERT_TRUE(WaitForMembers(leader, 1));
  // Same pid, another start time: the recorded side's pid was reused by this process.
  const ProcessGroupRecord reused{ProcessGroupHost(), 1, leader, ProcessStartTime(leader) + 1};
  EXPECT_EQ(KillLeftoverGroup(reused), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(ProcessesInGroup(leader).size(), 1u);
  EXPECT_EQ(::waitpid(leader, nullptr, WNOHANG), 0) << "the process must still be running";
}

TEST_F(ProcessGroupTest, FindsOnlyTheDeadOwnersRecordsOfThisHost) {
  const fs::path scratch = dir_ / "scratch";
  WriteRecord(scratch / "qc" / "7" / "new.group", {"here", 111, 5000, 1});
  WriteRecord(scratch / "qc" / "7" / "legacy.group", {"here", 222, 5001, 1});  // owner alive
  WriteRecord(scratch / "qc" / "8" / "new.group", {"elsewhere", 111, 5002, 1});
  WriteRecord(scratch / "qc" / "9" / "deep" / "new.group", {"here", 111, 5003, 1});
  WriteRecord(scratch / "qc" / "10" / "new.stdout", {"here", 111, 5004, 1});
  std::ofstream(scratch / "qc" / "7" / "broken.group") << "not a record";
  // A link to a folder outside the scratch area is not followed.
  WriteRecord(dir_ / "outside" / "1" / "new.group", {"here", 111, 5005, 1});
  fs::create_directory_symlink(dir_ / "outside", scratch / "trim");

  std::vector<FoundProcessGroup> found = FindProcessGroups(scratch, "here", {111});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].file, scratch / "qc" / "7" / "new.group");
  EXPECT_EQ(found[0].record.pgid, 5000);
}

}  // namespace
}  // namespace cutover
