#include "exec/slurm_job.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

#include <stdlib.h>

#include <fstream>

#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

TEST(SlurmJobTest, SpecRoundTrip) {
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", "echo 'x y' \"$A\""};
  spec.cwd = "/shared/scratch/qc/7/new";
  spec.env = {{"A", "1,2=3"}, {"CUTOVER_SAMPLE", "s 1"}};
  spec.timeout_ms = 1234;
  spec.kill_grace_ms = 50;
  spec.stdout_path = "/shared/out";
  spec.stderr_path = "/shared/err";
  spec.stderr_tail_bytes = 99;
  auto back = ProcessSpecFromJson(ProcessSpecToJson(spec));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->argv, spec.argv);
  EXPECT_EQ(back->cwd, spec.cwd);
  EXPECT_EQ(back->env, spec.env);
  EXPECT_EQ(back->timeout_ms, 1234);
  EXPECT_EQ(back->kill_grace_ms, 50);
  EXPECT_EQ(back->stdout_path, spec.stdout_path);
  EXPECT_EQ(back->stderr_path, spec.stderr_path);
  EXPECT_EQ(back->stderr_tail_bytes, 99u);
}

TEST(SlurmJobTest, ResultRoundTripKeepsArbitraryBytes) {
  ProcessResult r;
  r.end = ProcessEnd::kSignaled;
  r.exit_code = -1;
  r.signal = 9;
  r.wall_ms = 10;
  r.cpu_ms = 5;
  r.max_rss_kb = 2048;
  r.stderr_tail = std::string("caf\xe9 \xff\x00 end", 11);
  r.error = "";
  auto back = ProcessResultFromJson(ProcessResultToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->end, ProcessEnd::kSignaled);
  EXPECT_EQ(back->signal, 9);
  EXPECT_EQ(back->wall_ms, 10);
  EXPECT_EQ(back->cpu_ms, 5);
  EXPECT_EQ(back->max_rss_kb, 2048);
  EXPECT_EQ(back->stderr_tail, r.stderr_tail);
}

TEST(SlurmJobTest, RejectsForeignFiles) {
  EXPECT_FALSE(ProcessSpecFromJson("{}").ok());
  EXPECT_FALSE(ProcessSpecFromJson("not json").ok());
  EXPECT_FALSE(ProcessResultFromJson(R"({"format": "cutover-slurm-job 1"})").ok());
  EXPECT_FALSE(ProcessResultFromJson(R"({"format": "cutover-slurm-job 1", "end": "exploded",
      "exit_code": 0, "signal": 0, "wall_ms": 0, "cpu_ms": 0, "max_rss_kb": 0,
      "stderr_tail_latin1": "", "error": ""})").ok());
}

TEST(SlurmJobTest, ScriptQuotesPaths) {
  std::string s = SlurmJobScript("/opt/cut over/cutover", "/shared/it's/job");
  EXPECT_EQ(s.rfind("#!/bin/sh\n", 0), 0u);
  EXPECT_NE(s.find("exec '/opt/cut over/cutover' slurm-job '/shared/it'\\''s/job'\n"),
            std::string::npos)
      << s;
}

TEST(SlurmJobTest, RunsTheSpecAndWritesTheResult) {
  TestTempDir tmp;
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", "echo out; echo oops >&2; exit 3"};
  spec.cwd = tmp.path();
  spec.stdout_path = tmp.path() / "side.stdout";
  spec.stderr_path = tmp.path() / "side.stderr";
  SlurmJobFiles files{tmp.path() / "job"};
  ASSERT_TRUE(WriteFileAtomic(files.spec(), ProcessSpecToJson(spec)).ok());
  auto runner = MakeLocalProcessRunner();
  CancelToken cancel;
  auto r = RunSlurmJobInside(files.dir, *runner, cancel);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->end, ProcessEnd::kExited);
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(WrapperExitCode(*r), 3);
  auto text = ReadFile(files.result());
  ASSERT_TRUE(text.ok());
  auto stored = ProcessResultFromJson(*text);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->exit_code, 3);
  EXPECT_EQ(stored->stderr_tail, "oops\n");
  EXPECT_EQ(*ReadFile(spec.stdout_path), "out\n");
}

TEST(SlurmJobTest, ASignalFromOutsideIsReportedAsCancelled) {
  TestTempDir tmp;
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", "exit 0"};
  spec.cwd = tmp.path();
  SlurmJobFiles files{tmp.path()};
  ASSERT_TRUE(WriteFileAtomic(files.spec(), ProcessSpecToJson(spec)).ok());
  auto runner = MakeLocalProcessRunner();
  CancelToken cancel;
  cancel.Cancel();
  auto r = RunSlurmJobInside(files.dir, *runner, cancel);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->end, ProcessEnd::kCancelled);
  EXPECT_EQ(WrapperExitCode(*r), 1);
  EXPECT_TRUE(fs::exists(files.result()));
}

TEST(SlurmJobTest, MissingSpecIsAnError) {
  TestTempDir tmp;
  auto runner = MakeLocalProcessRunner();
  CancelToken cancel;
  EXPECT_FALSE(RunSlurmJobInside(tmp.path() / "nothing", *runner, cancel).ok());
}

TEST(SlurmJobTest, WrapperExitCodes) {
  ProcessResult r;
  r.end = ProcessEnd::kSignaled;
  r.signal = 11;
  EXPECT_EQ(WrapperExitCode(r), 139);
  r.end = ProcessEnd::kTimedOut;
  EXPECT_EQ(WrapperExitCode(r), 1);
  r.end = ProcessEnd::kExited;
  r.exit_code = 0;
  EXPECT_EQ(WrapperExitCode(r), 0);
}

}  // namespace
}  // namespace cutover
