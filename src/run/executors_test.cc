#include "run/executors.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(ExecutorsTest, SlurmOptionsComeFromTheSpec) {
  ExecutorSpec spec;
  spec.kind = ExecutorKind::kSlurm;
  spec.partition = "debug";
  spec.cpus = 4;
  spec.mem = "8G";
  spec.time_limit_ms = 7200000;
  spec.queue_limit_ms = 600000;
  spec.account = "lab";
  spec.qos = "short";
  spec.sbatch_args = {"--gres=gpu:1"};
  SlurmOptions o = SlurmOptionsFor(spec, "/opt/cutover", "/shared/.cutover/jobs", "node1 42");
  EXPECT_EQ(o.partition, "debug");
  EXPECT_EQ(o.cpus, 4);
  EXPECT_EQ(o.mem, "8G");
  EXPECT_EQ(o.time_limit_ms, 7200000);
  EXPECT_EQ(o.queue_limit_ms, 600000);
  EXPECT_EQ(o.account, "lab");
  EXPECT_EQ(o.qos, "short");
  EXPECT_EQ(o.sbatch_args, spec.sbatch_args);
  EXPECT_EQ(o.self_exe, "/opt/cutover");
  EXPECT_EQ(o.job_root, "/shared/.cutover/jobs");
  EXPECT_EQ(o.submitter, "node1 42");
  spec.time_limit_ms.reset();
  EXPECT_EQ(SlurmOptionsFor(spec, "", "").time_limit_ms, 0) << "0 = from the side's timeout";
}

TEST(ExecutorsTest, OnlySlurmStepsGetTheirOwnRunner) {
  Pipeline p;
  p.steps.resize(3);
  p.steps[0].name = "here";
  p.steps[1].name = "there";
  p.steps[1].executor.kind = ExecutorKind::kSlurm;
  p.steps[2].name = "also_there";
  p.steps[2].executor.kind = ExecutorKind::kSlurm;
  auto local = MakeLocalProcessRunner();
  StepRunners r = MakeStepRunners(p, local.get(), "/opt/cutover", "/tmp/jobs", "node1 42");
  EXPECT_EQ(r.owned.size(), 2u);
  EXPECT_EQ(r.by_step.count("here"), 0u);
  ASSERT_EQ(r.by_step.count("there"), 1u);
  EXPECT_NE(r.by_step.at("there"), local.get());
  EXPECT_NE(r.by_step.at("there"), r.by_step.at("also_there"));
}

}  // namespace
}  // namespace cutover
