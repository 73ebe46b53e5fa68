#include "exec/slurm_leftovers.h"

#include <gtest/gtest.h>

#include <fstream>

#include "exec/slurm_job.h"
#include "util/file.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

class SlurmLeftoversTest : public ::testing::Test {
 protected:
  // A side's job folder in the scratch layout STEP/TASK/SIDE.job.
  SlurmJobFiles Job(const std::string& step, int task, const std::string& side,
                    const std::string& submitter, int64_t job_id, bool finished) {
    SlurmJobFiles f{tmp_.path() / step / std::to_string(task) / (side + ".job")};
    EXPECT_TRUE(MakeDirectories(f.dir).ok());
    if (!submitter.empty()) {
      EXPECT_TRUE(WriteFileAtomic(f.submitter(), submitter + "\n").ok());
    }
    if (job_id > 0) {
      EXPECT_TRUE(WriteFileAtomic(f.job_id(), std::to_string(job_id) + "\n").ok());
    }
    if (finished) {
      EXPECT_TRUE(WriteFileAtomic(f.result(), "{}").ok());
    }
    return f;
  }
  TestTempDir tmp_;
};

TEST_F(SlurmLeftoversTest, FindsTheUnfinishedJobsOfDeadSubmittersOnThisHost) {
  Job("qc", 7, "legacy", "node1 100", 501, /*finished=*/false);  // dead, running: cancel
  Job("qc", 7, "new", "node1 100", 502, /*finished=*/true);      // dead, but it finished
  Job("trim", 9, "new", "node1 100", 510, false);                // dead, another step
  Job("qc", 8, "legacy", "node1 200", 503, false);               // alive (not in the dead set)
  Job("qc", 10, "legacy", "node2 100", 504, false);              // same pid, other host
  Job("qc", 11, "legacy", "node1 100", 0, false);                // submitted? no id written
  Job("qc", 12, "legacy", "", 505, false);                       // an older cutover's folder
  Job("qc", 13, "legacy", "node1 1000", 506, false);             // pid 1000 is not pid 100
  EXPECT_EQ(FindLeftoverSlurmJobs(tmp_.path(), "node1", {100, 300}),
            (std::vector<int64_t>{501, 510}));
  EXPECT_EQ(FindLeftoverSlurmJobs(tmp_.path(), "node2", {100}), (std::vector<int64_t>{504}));
  EXPECT_TRUE(FindLeftoverSlurmJobs(tmp_.path(), "node1", {}).empty());
}

TEST_F(SlurmLeftoversTest, HostNamesWithSpacesAndOddIdsAreNotMisread) {
  Job("qc", 1, "new", "my laptop 77", 601, false);
  SlurmJobFiles odd = Job("qc", 2, "new", "my laptop 77", 0, false);
  ASSERT_TRUE(WriteFileAtomic(odd.job_id(), "12abc\n").ok());
  EXPECT_EQ(FindLeftoverSlurmJobs(tmp_.path(), "my laptop", {77}), (std::vector<int64_t>{601}));
  EXPECT_TRUE(FindLeftoverSlurmJobs(tmp_.path(), "laptop", {77}).empty());
}

TEST_F(SlurmLeftoversTest, LooksOnlyAsDeepAsAsked) {
  Job("qc", 7, "legacy", "node1 100", 501, false);
  EXPECT_TRUE(FindLeftoverSlurmJobs(tmp_.path(), "node1", {100}, /*depth=*/2).empty());
  EXPECT_TRUE(FindLeftoverSlurmJobs(tmp_.path() / "missing", "node1", {100}).empty());
}

// scancel itself, played by a shell script that records its arguments.
TEST_F(SlurmLeftoversTest, CancelRunsScancelWithEveryIdAndReportsItsComplaint) {
  auto runner = MakeLocalProcessRunner();
  const fs::path args = tmp_.path() / "args";
  const fs::path fake = tmp_.path() / "scancel";
  {
    std::ofstream script(fake);
    script << "#!/bin/sh\necho \"$@\" > '" << args.string() << "'\n"
           << "[ \"$1\" = 13 ] && { echo 'scancel: error: Kill job error on job id 13: "
              "Access/permission denied' >&2; exit 1; }\nexit 0\n";
  }
  fs::permissions(fake, fs::perms::owner_all);
  ASSERT_TRUE(CancelSlurmJobs(*runner, {501, 510}, tmp_.path() / "err", fake.string()).ok());
  EXPECT_EQ(*ReadFile(args), "501 510\n");
  Status denied = CancelSlurmJobs(*runner, {13}, tmp_.path() / "err", fake.string());
  EXPECT_EQ(denied.code(), StatusCode::kIoError);
  EXPECT_NE(denied.message().find("Access/permission denied"), std::string::npos)
      << denied.message();
  ASSERT_TRUE(fs::remove(args));
  EXPECT_TRUE(CancelSlurmJobs(*runner, {}, tmp_.path() / "err", fake.string()).ok());
  EXPECT_FALSE(fs::exists(args)) << "no ids: scancel is not run";
  Status missing = CancelSlurmJobs(*runner, {1}, tmp_.path() / "err", "/no/such/scancel");
  EXPECT_EQ(missing.code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace cutover
