#include "pipeline/dag.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "pipeline/loader.h"
#include "pipeline/step_paths.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

class DagTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("cutover_dag_test_" + std::to_string(::getpid()));
    fs::create_directories(root_ / "in");
    std::ofstream(root_ / "in/a.txt") << "a";
    std::ofstream(root_ / "in/b.txt") << "b";
  }
  void TearDown() override { fs::remove_all(root_); }
  Result<Dag> Build(const std::string& steps, const DagOptions& options = {}) {
    auto p = ParsePipeline("samples: {glob: \"in/{sample}.txt\"}\nsteps:\n" + steps, "cutover.yaml", root_);
    if (!p.ok()) return p.status();
    pipeline_ = std::move(p).value();
    return BuildDag(pipeline_, options);
  }
  fs::path root_;
  Pipeline pipeline_;
};

TEST_F(DagTest, OrderFollowsOutputsFeedingInputs) {
  auto dag = Build(R"(
  report:
    scope: all
    inputs: {counts: "out/{sample}.n"}
    outputs: {r: "out/report.txt"}
    legacy: {shell: "cat {input.counts} > {output.r}"}
  count:
    inputs: {up: "out/{sample}.up"}
    outputs: {n: "out/{sample}.n"}
    legacy: {shell: "wc -c < {input.up} > {output.n}"}
  upper:
    inputs: {t: "in/{sample}.txt"}
    outputs: {up: "out/{sample}.up"}
    legacy: {shell: "tr a-z A-Z < {input.t} > {output.up}"}
)");
  ASSERT_TRUE(dag.ok()) << dag.status().ToString();
  EXPECT_EQ(dag->order, (std::vector<size_t>{2, 1, 0}));  // upper, count, report
  ASSERT_EQ(dag->edges.size(), 2u);
  EXPECT_EQ(dag->upstream[0], std::vector<size_t>{1});
  EXPECT_EQ(dag->downstream[2], std::vector<size_t>{1});
  std::string text = DescribeDag(pipeline_, *dag);
  EXPECT_NE(text.find("<- count.n"), std::string::npos) << text;
  EXPECT_NE(text.find("once over all samples"), std::string::npos) << text;
}

TEST_F(DagTest, OutputsCannotLandOnControlFilesOrClimb) {
  auto climb = Build(R"(
  s:
    outputs: {o: "out/../../{sample}.txt"}
    legacy: {shell: "true"}
)");
  ASSERT_FALSE(climb.ok());  // the template itself, at load (sample names: the e2e test)
  EXPECT_NE(climb.status().message().find("must not leave the pipeline folder"), std::string::npos)
      << climb.status().message();
  auto state = Build(R"(
  s:
    outputs: {o: ".cutover/{sample}.db"}
    legacy: {shell: "true"}
)");
  ASSERT_FALSE(state.ok());
  EXPECT_NE(state.status().message().find("inside the state folder"), std::string::npos);
  auto file = Build(R"(
  s:
    scope: all
    outputs: {o: "cutover.yaml"}
    legacy: {shell: "true"}
)");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("the pipeline file"), std::string::npos)
      << file.status().message();
  auto fine = Build(R"(
  s:
    outputs: {o: "out/./{sample}/x.txt"}
    legacy: {shell: "true"}
)");
  EXPECT_TRUE(fine.ok()) << fine.status().ToString();
}

TEST_F(DagTest, AStepWritingItsOwnInputIsRefused) {
  // (one sample's output over another sample's input: tests/e2e/hardening_control_files.sh)
  auto self = Build(R"(
  s:
    inputs: {t: "in/{sample}.txt"}
    outputs: {o: "in/{sample}.txt"}
    legacy: {shell: "true"}
)");
  ASSERT_FALSE(self.ok());
  EXPECT_NE(self.status().message().find("would be overwritten by output o of step s"),
            std::string::npos)
      << self.status().message();
}

TEST_F(DagTest, AggregateInputsExpandOverSamples) {
  auto dag = Build(R"(
  report:
    scope: all
    inputs: {texts: "in/{sample}.txt"}
    outputs: {r: "out/report.txt"}
    legacy: {shell: "cat {input.texts} > {output.r}"}
)");
  ASSERT_TRUE(dag.ok()) << dag.status().ToString();
  auto paths = ResolveStepPaths(pipeline_, pipeline_.steps[0], nullptr);
  ASSERT_TRUE(paths.ok());
  EXPECT_EQ(paths->inputs.at("texts"), (std::vector<fs::path>{root_ / "in/a.txt", root_ / "in/b.txt"}));
}

TEST_F(DagTest, CycleIsAnError) {
  auto dag = Build(R"(
  x:
    inputs: {i: "out/{sample}.y"}
    outputs: {o: "out/{sample}.x"}
    legacy: {shell: "true"}
  y:
    inputs: {i: "out/{sample}.x"}
    outputs: {o: "out/{sample}.y"}
    legacy: {shell: "true"}
)");
  ASSERT_FALSE(dag.ok());
  EXPECT_NE(dag.status().message().find("cutover.yaml:4:3: steps.x: steps depend on each other in a cycle: x, y"),
            std::string::npos) << dag.status().message();
}

TEST_F(DagTest, TwoWritersOfOnePathIsAnError) {
  auto dag = Build(R"(
  x:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "true"}
  y:
    outputs: {p: "out/{sample}.txt"}
    legacy: {shell: "true"}
)");
  ASSERT_FALSE(dag.ok());
  EXPECT_NE(dag.status().message().find("out/a.txt is written both by x.o and by y.p"), std::string::npos)
      << dag.status().message();
}

TEST_F(DagTest, MissingInputNamesSampleAndPath) {
  auto dag = Build(R"(
  x:
    inputs: {r: "in/{sample}.fastq"}
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "true"}
)");
  ASSERT_FALSE(dag.ok());
  EXPECT_NE(dag.status().message().find("cutover.yaml:5:17: steps.x.inputs.r: input 'r' of step x for sample a"),
            std::string::npos) << dag.status().message();
  EXPECT_NE(dag.status().message().find("in/a.fastq"), std::string::npos);
  EXPECT_TRUE(BuildDag(pipeline_, DagOptions{false}).ok());
}

// A command about one sample checks that sample's tasks (and the aggregates) only: the edges
// are those of its rendering, and a problem only another sample has is left to `validate`.
TEST_F(DagTest, OnlySomeSamplesRendersTheirTasksAndTheAggregates) {
  const std::string steps = R"(
  report:
    scope: all
    inputs: {counts: "out/{sample}.n"}
    outputs: {r: "out/report.txt"}
    legacy: {shell: "cat {input.counts} > {output.r}"}
  count:
    inputs: {t: "in/{sample}.txt", extra: "in/{sample}.extra"}
    outputs: {n: "out/{sample}.n"}
    legacy: {shell: "wc -c < {input.t} > {output.n}"}
)";
  std::ofstream(root_ / "in/a.extra") << "only sample a has it";
  auto whole = Build(steps);
  ASSERT_FALSE(whole.ok());
  EXPECT_NE(whole.status().message().find("for sample b"), std::string::npos)
      << whole.status().message();

  auto only_a = Build(steps, DagOptions{true, {"a"}});
  ASSERT_TRUE(only_a.ok()) << only_a.status().ToString();
  EXPECT_EQ(only_a->order, (std::vector<size_t>{1, 0}));  // count, then report
  ASSERT_EQ(only_a->edges.size(), 1u);
  EXPECT_EQ(only_a->edges[0].from, 1u);
  EXPECT_EQ(only_a->edges[0].to, 0u);

  // Sample b's own problem is still found when b is among the samples.
  auto only_b = Build(steps, DagOptions{true, {"b", "not-a-sample"}});
  ASSERT_FALSE(only_b.ok());
  EXPECT_NE(only_b.status().message().find("in/b.extra"), std::string::npos)
      << only_b.status().message();
}

TEST_F(DagTest, OnlySomeSamplesStillFindsTwoWritersAmongThem) {
  auto dag = Build(R"(
  x:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "true"}
  y:
    outputs: {p: "out/{sample}.txt"}
    legacy: {shell: "true"}
)",
                   DagOptions{true, {"b"}});
  ASSERT_FALSE(dag.ok());
  EXPECT_NE(dag.status().message().find("out/b.txt is written both by x.o and by y.p"),
            std::string::npos)
      << dag.status().message();
}

}  // namespace
}  // namespace cutover
