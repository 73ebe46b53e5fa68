#include "run/implementation_driver.h"

#include <gtest/gtest.h>

#include "pipeline/loader.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

class ImplementationDriverTest : public ::testing::Test {
 protected:
  void Load(const std::string& yaml) {
    auto p = ParsePipeline(yaml, "cutover.yaml", dir_.path());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
  }
  Result<PreparedCommand> Prepare(const Implementation& impl) {
    const Step& step = pipeline_.steps.at(0);
    const Sample* sample = pipeline_.FindSample("a b");
    Bindings b = SampleBindings(sample);
    b["output.o"] = {"/scratch/out/o.txt"};
    SideLayout layout;
    layout.work_dir = dir_.path() / "work";
    const std::filesystem::path self = "/opt/cutover";
    SideInvocation side{step, impl, sample, b, layout, dir_.path(), self, 60000};
    return DriverFor(impl.kind).Prepare(side);
  }

  TestTempDir dir_;
  Pipeline pipeline_;
};

TEST_F(ImplementationDriverTest, CommandWordsAreWholeArguments) {
  Load(R"(
samples: {list: ["a b"]}
steps:
  st:
    outputs: {o: "out/o.txt"}
    legacy: {command: "tool --name {sample} {output.o}"}
)");
  auto cmd = Prepare(pipeline_.steps[0].legacy);
  ASSERT_TRUE(cmd.ok()) << cmd.status().ToString();
  EXPECT_EQ(cmd->argv, (std::vector<std::string>{"tool", "--name", "a b", "/scratch/out/o.txt"}));
  EXPECT_TRUE(cmd->env.empty());
}

TEST_F(ImplementationDriverTest, BuiltinRunsThisBinary) {
  Load(R"(
samples: {list: ["a b"]}
steps:
  st:
    outputs: {o: "out/o.txt"}
    legacy: {cutover: "qc {output.o}"}
)");
  auto cmd = Prepare(pipeline_.steps[0].legacy);
  ASSERT_TRUE(cmd.ok()) << cmd.status().ToString();
  EXPECT_EQ(cmd->argv, (std::vector<std::string>{"/opt/cutover", "qc", "/scratch/out/o.txt"}));
}

TEST_F(ImplementationDriverTest, ShellQuotesEveryValue) {
  Load(R"(
samples: {list: ["a b"]}
steps:
  st:
    outputs: {o: "out/o.txt"}
    legacy: {shell: "echo {sample} > {output.o}"}
)");
  auto cmd = Prepare(pipeline_.steps[0].legacy);
  ASSERT_TRUE(cmd.ok()) << cmd.status().ToString();
  ASSERT_EQ(cmd->argv.size(), 3u);
  EXPECT_EQ(cmd->argv[0], "/bin/sh");
  EXPECT_EQ(cmd->argv[1], "-c");
  EXPECT_EQ(cmd->argv[2], "echo 'a b' > '/scratch/out/o.txt'");
}

TEST_F(ImplementationDriverTest, DescribeChangesWithWhatDecidesTheOutput) {
  Load(R"(
samples: {list: ["a b"]}
steps:
  st:
    outputs: {o: "out/o.txt"}
    legacy: {command: "tool {output.o}", env: {X: "1"}, timeout: 1m}
)");
  const Implementation& impl = pipeline_.steps[0].legacy;
  const std::string d = DriverFor(impl.kind).Describe(impl, nullptr, dir_.path());
  EXPECT_EQ(d, "kind=command\narg=tool\narg={output.o}\nenv X=1\ntimeout=60000\n");
  Implementation other = impl;
  other.env["X"].text = "2";
  EXPECT_NE(DriverFor(other.kind).Describe(other, nullptr, dir_.path()), d);
}

TEST_F(ImplementationDriverTest, EveryKindHasItsDriverAndChecksPass) {
  Load(R"(
samples: {list: ["a b"]}
steps:
  st:
    outputs: {o: "out/o.txt"}
    legacy: {shell: "true"}
    new: {command: "true"}
)");
  EXPECT_TRUE(CheckImplementations(pipeline_).ok());
  ProcessResult exited;
  exited.end = ProcessEnd::kExited;
  exited.exit_code = 0;
  for (ImplKind kind : {ImplKind::kCommand, ImplKind::kShell, ImplKind::kBuiltin}) {
    EXPECT_EQ(DriverFor(kind).InspectEnd(exited, SideLayout{}), "") << ToString(kind);
  }
  // The notebook driver finds the failure itself: no executed notebook was written.
  EXPECT_NE(DriverFor(ImplKind::kNotebook).InspectEnd(exited, SideLayout{}), "");
}

}  // namespace
}  // namespace cutover
