// `executor:` in cutover.yaml (settings and steps): forms, inheritance, errors with their place.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "pipeline/loader.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

Result<Pipeline> Parse(const std::string& yaml) {
  return ParsePipeline("samples: {list: [a]}\n" + yaml, "cutover.yaml", fs::temp_directory_path());
}
std::string Error(const std::string& yaml) {
  auto p = Parse(yaml);
  return p.ok() ? "<loaded>" : p.status().message();
}

constexpr char kTwoSteps[] = R"(
steps:
  one:
    outputs: {o: "out/{sample}.1"}
    legacy: {shell: "echo > {output.o}"}
  two:
    outputs: {o: "out/{sample}.2"}
    legacy: {shell: "echo > {output.o}"}
)";

TEST(ExecutorConfigTest, LocalByDefault) {
  auto p = Parse(kTwoSteps);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->settings.executor.kind, ExecutorKind::kLocal);
  EXPECT_EQ(p->steps[0].executor.kind, ExecutorKind::kLocal);
}

TEST(ExecutorConfigTest, SettingsApplyToEveryStep) {
  auto p = Parse(std::string(R"(
settings:
  executor: {kind: slurm, partition: debug, cpus: 2, mem: 4G, time: 2h, account: lab, qos: short,
             queue_limit: 30m, sbatch_args: ["--constraint=avx2"]}
)") + kTwoSteps);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  for (const Step& s : p->steps) {
    EXPECT_EQ(s.executor.kind, ExecutorKind::kSlurm);
    EXPECT_EQ(s.executor.partition, "debug");
    EXPECT_EQ(s.executor.cpus, 2);
    EXPECT_EQ(s.executor.mem, "4G");
    EXPECT_EQ(s.executor.time_limit_ms, 2 * 3600 * 1000);
    EXPECT_EQ(s.executor.queue_limit_ms, 30 * 60 * 1000);
    EXPECT_EQ(s.executor.account, "lab");
    EXPECT_EQ(s.executor.qos, "short");
    EXPECT_EQ(s.executor.sbatch_args, std::vector<std::string>{"--constraint=avx2"});
  }
}

TEST(ExecutorConfigTest, StepMappingWithoutKindChangesOnlyItsKeys) {
  auto p = Parse(R"(
settings:
  executor: {kind: slurm, partition: debug, cpus: 1}
steps:
  big:
    outputs: {o: "out/{sample}.1"}
    legacy: {shell: "echo > {output.o}"}
    executor: {cpus: 8, mem: 32G}
  here:
    outputs: {o: "out/{sample}.2"}
    legacy: {shell: "echo > {output.o}"}
    executor: local
  other:
    outputs: {o: "out/{sample}.3"}
    legacy: {shell: "echo > {output.o}"}
    executor: {kind: slurm, partition: long}
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const Step& big = p->steps[0];
  EXPECT_EQ(big.executor.kind, ExecutorKind::kSlurm);
  EXPECT_EQ(big.executor.partition, "debug");
  EXPECT_EQ(big.executor.cpus, 8);
  EXPECT_EQ(big.executor.mem, "32G");
  EXPECT_EQ(big.executor.where.line, 9);
  EXPECT_EQ(p->steps[1].executor.kind, ExecutorKind::kLocal);
  EXPECT_EQ(p->steps[2].executor.partition, "long");
  EXPECT_EQ(p->steps[2].executor.cpus, 0) << "a kind: starts afresh";
}

TEST(ExecutorConfigTest, ErrorsNameTheirPlace) {
  EXPECT_EQ(Error("settings:\n  executor: pbs\n" + std::string(kTwoSteps)),
            "cutover.yaml:3:13: settings.executor: 'pbs' is not an executor (local or slurm)");
  EXPECT_EQ(Error("settings:\n  executor: {kind: slurm, cpu: 2}\n" + std::string(kTwoSteps)),
            "cutover.yaml:3:27: settings.executor.cpu: unknown key 'cpu' (expected one of: kind, "
            "partition, cpus, mem, time, queue_limit, account, qos, sbatch_args)");
  EXPECT_EQ(Error("settings:\n  executor: {kind: slurm, cpus: 0}\n" + std::string(kTwoSteps)),
            "cutover.yaml:3:33: settings.executor.cpus: '0' is not a whole number from 1 to 100000");
  EXPECT_EQ(Error("settings:\n  executor: {kind: slurm, queue_limit: 0s}\n" + std::string(kTwoSteps)),
            "cutover.yaml:3:40: settings.executor.queue_limit: a queue limit must be positive");
  EXPECT_EQ(Error("settings:\n  executor: {kind: slurm, mem: lots}\n" + std::string(kTwoSteps)),
            "cutover.yaml:3:32: settings.executor.mem: 'lots' is not a memory size (a number of "
            "megabytes, or with a K, M, G or T suffix: 4G)");
  EXPECT_EQ(Error("settings:\n  executor: {kind: slurm, time: soon}\n" + std::string(kTwoSteps))
                .rfind("cutover.yaml:3:33: settings.executor.time: ", 0),
            0u);
  EXPECT_EQ(Error("settings:\n  executor: {partition: debug}\n" + std::string(kTwoSteps)),
            "cutover.yaml:3:25: settings.executor.partition: `partition` is a Slurm option, but "
            "this executor is local (add `kind: slurm`)");
  EXPECT_EQ(Error("settings:\n  executor: {kind: slurm, partition: \"a b\"}\n" + std::string(kTwoSteps)),
            "cutover.yaml:3:38: settings.executor.partition: 'a b' is not a Slurm partition name");
  EXPECT_EQ(Error("settings:\n  executor: {kind: slurm, sbatch_args: -x}\n" + std::string(kTwoSteps)),
            "cutover.yaml:3:40: settings.executor.sbatch_args: expected a list of sbatch arguments");
  EXPECT_EQ(Error(R"(
steps:
  one:
    outputs: {o: "out/{sample}.1"}
    legacy: {shell: "echo > {output.o}"}
    executor: [slurm]
)"),
            "cutover.yaml:7:15: steps.one.executor: expected a mapping");
}

}  // namespace
}  // namespace cutover
