#include "exec/slurm_state.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(SlurmStateTest, ParsesLongShortAndDecoratedNames) {
  EXPECT_EQ(ParseSlurmJobState("RUNNING"), SlurmJobState::kRunning);
  EXPECT_EQ(ParseSlurmJobState("PD"), SlurmJobState::kPending);
  EXPECT_EQ(ParseSlurmJobState("CANCELLED by 0"), SlurmJobState::kCancelled);
  EXPECT_EQ(ParseSlurmJobState("CANCELLED+"), SlurmJobState::kCancelled);
  EXPECT_EQ(ParseSlurmJobState(" TIMEOUT\n"), SlurmJobState::kTimeout);
  EXPECT_EQ(ParseSlurmJobState("OUT_OF_MEMORY"), SlurmJobState::kOutOfMemory);
  EXPECT_EQ(ParseSlurmJobState("NODE_FAIL"), SlurmJobState::kNodeFail);
  EXPECT_EQ(ParseSlurmJobState("CONFIGURING"), SlurmJobState::kOther);
  EXPECT_EQ(ParseSlurmJobState(""), SlurmJobState::kOther);
  EXPECT_EQ(ToString(SlurmJobState::kCompleting), "COMPLETING");
}

TEST(SlurmStateTest, FinalAndSchedulerStates) {
  for (auto s : {SlurmJobState::kPending, SlurmJobState::kRunning, SlurmJobState::kCompleting,
                 SlurmJobState::kSuspended, SlurmJobState::kOther}) {
    EXPECT_FALSE(IsFinal(s)) << ToString(s);
    EXPECT_FALSE(EndedByScheduler(s)) << ToString(s);
  }
  EXPECT_TRUE(IsFinal(SlurmJobState::kCompleted));
  EXPECT_TRUE(IsFinal(SlurmJobState::kFailed));
  EXPECT_FALSE(EndedByScheduler(SlurmJobState::kCompleted));
  EXPECT_FALSE(EndedByScheduler(SlurmJobState::kFailed));  // the script's own exit
  for (auto s : {SlurmJobState::kCancelled, SlurmJobState::kTimeout, SlurmJobState::kNodeFail,
                 SlurmJobState::kPreempted, SlurmJobState::kOutOfMemory, SlurmJobState::kBootFail,
                 SlurmJobState::kDeadline}) {
    EXPECT_TRUE(IsFinal(s)) << ToString(s);
    EXPECT_TRUE(EndedByScheduler(s)) << ToString(s);
  }
  EXPECT_EQ(DescribeSchedulerEnd(SlurmJobState::kTimeout), "reached its Slurm time limit (TIMEOUT)");
}

TEST(SlurmStateTest, SbatchOutput) {
  EXPECT_EQ(*ParseSbatchJobId("42\n"), 42);
  EXPECT_EQ(*ParseSbatchJobId("1234;cluster-a\n"), 1234);
  EXPECT_EQ(*ParseSbatchJobId("Submitted batch job 7\n"), 7);
  EXPECT_EQ(*ParseSbatchJobId("sbatch: warning: something\n99\n"), 99);
  EXPECT_FALSE(ParseSbatchJobId("").ok());
  EXPECT_FALSE(ParseSbatchJobId("error\n").ok());
}

TEST(SlurmStateTest, SqueueLines) {
  auto line = ParseSqueue("41|RUNNING|None\n42|PENDING|Resources\n", 42);
  ASSERT_TRUE(line.ok());
  ASSERT_TRUE(line->has_value());
  EXPECT_EQ((*line)->state, SlurmJobState::kPending);
  EXPECT_EQ((*line)->reason, "Resources");
  auto none = ParseSqueue("", 42);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_FALSE(ParseSqueue("garbage\n", 42).ok());
  EXPECT_FALSE(ParseSqueue("x|RUNNING\n", 42).ok());
}

TEST(SlurmStateTest, ErrorsThatMeanSomething) {
  EXPECT_TRUE(IsUnknownJobError("slurm_load_jobs error: Invalid job id specified\n"));
  EXPECT_FALSE(IsUnknownJobError("slurm_load_jobs error: Unable to contact slurm controller"));
  EXPECT_TRUE(IsAccountingDisabled("Slurm accounting storage is disabled\n"));
}

TEST(SlurmStateTest, SubmissionLimitsThatLiftAsJobsEnd) {
  const char* policy =
      "sbatch: error: Batch job submission failed: Job violates accounting/QOS policy (job "
      "submit limit, user's size and/or time limits)\n";
  EXPECT_TRUE(IsSubmitLimitReached(policy));
  EXPECT_TRUE(IsSubmitLimitReached(std::string("sbatch: error: QOSMaxSubmitJobPerUserLimit\n") + policy));
  EXPECT_TRUE(IsSubmitLimitReached(std::string("sbatch: error: AssocMaxSubmitJobLimit\n") + policy));
  EXPECT_TRUE(IsSubmitLimitReached(
      "sbatch: error: Slurm temporarily unable to accept job, sleeping and retrying\n"
      "sbatch: error: Batch job submission failed: Resource temporarily unavailable\n"));
  EXPECT_TRUE(IsSubmitLimitReached("sbatch: error: Batch job submission failed: Maximum job count reached\n"));
  // A per-job limit: this job will never be accepted, waiting would not help.
  EXPECT_FALSE(IsSubmitLimitReached(std::string("sbatch: error: QOSMaxWallDurationPerJobLimit\n") + policy));
  EXPECT_FALSE(IsSubmitLimitReached(std::string("sbatch: error: QOSMaxCpuPerJobLimit\n") + policy));
  EXPECT_FALSE(IsSubmitLimitReached(
      "sbatch: error: Batch job submission failed: Invalid partition name specified\n"));
  // It may have been queued: submitting again could run it twice.
  EXPECT_FALSE(IsSubmitLimitReached(
      "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation\n"));
}

TEST(SlurmStateTest, Durations) {
  EXPECT_EQ(*ParseSlurmDurationMs("00:00.010"), 10);
  EXPECT_EQ(*ParseSlurmDurationMs("01:02.5"), 62500);
  EXPECT_EQ(*ParseSlurmDurationMs("01:02:03"), 3723000);
  EXPECT_EQ(*ParseSlurmDurationMs("1-00:00:01"), 86401000);
  EXPECT_EQ(*ParseSlurmDurationMs("2-03"), (2 * 24 + 3) * 3600000LL);
  EXPECT_EQ(*ParseSlurmDurationMs("17"), 17000);  // ElapsedRaw
  EXPECT_FALSE(ParseSlurmDurationMs("").ok());
  EXPECT_FALSE(ParseSlurmDurationMs("1:2:3:4").ok());
  EXPECT_FALSE(ParseSlurmDurationMs("aa:bb").ok());
}

TEST(SlurmStateTest, MemorySizes) {
  EXPECT_EQ(*ParseSlurmMemoryKb("1516K"), 1516);
  EXPECT_EQ(*ParseSlurmMemoryKb("2M"), 2048);
  EXPECT_EQ(*ParseSlurmMemoryKb("1.5G"), 1572864);
  EXPECT_EQ(*ParseSlurmMemoryKb("2048"), 2);  // bytes
  EXPECT_EQ(*ParseSlurmMemoryKb(""), 0);      // a job line has no MaxRSS
  EXPECT_FALSE(ParseSlurmMemoryKb("12Q").ok());
  EXPECT_FALSE(ParseSlurmMemoryKb("x").ok());
}

TEST(SlurmStateTest, SacctJobAndSteps) {
  const char* out =
      "42|COMPLETED|0:0|5|00:01.500|\n"
      "42.batch|COMPLETED|0:0|5|00:01.400|2000K\n"
      "42.extern|COMPLETED|0:0|5|00:00.100|100K\n"
      "420|FAILED|1:0|3|00:00.001|\n";
  auto job = ParseSacct(out, 42);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  ASSERT_TRUE(job->has_value());
  EXPECT_EQ((*job)->state, SlurmJobState::kCompleted);
  EXPECT_EQ((*job)->wall_ms, 5000);
  EXPECT_EQ((*job)->cpu_ms, 1500);
  EXPECT_EQ((*job)->max_rss_kb, 2000);

  auto killed = ParseSacct("43|CANCELLED by 0|0:15|61|00:00.2|\n43.batch|CANCELLED|0:15|61||3M\n", 43);
  ASSERT_TRUE(killed.ok());
  EXPECT_EQ((*killed)->state, SlurmJobState::kCancelled);
  EXPECT_EQ((*killed)->signal, 15);
  EXPECT_EQ((*killed)->max_rss_kb, 3072);

  auto none = ParseSacct("", 44);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_FALSE(ParseSacct("44|COMPLETED\n", 44).ok());
}

TEST(SlurmStateTest, TimeLimitInWholeMinutes) {
  EXPECT_EQ(SlurmTimeLimit(1), "1");
  EXPECT_EQ(SlurmTimeLimit(60000), "1");
  EXPECT_EQ(SlurmTimeLimit(60001), "2");
  EXPECT_EQ(SlurmTimeLimit(3600000), "60");
  EXPECT_EQ(SlurmTimeLimit(0), "1");
}

}  // namespace
}  // namespace cutover
