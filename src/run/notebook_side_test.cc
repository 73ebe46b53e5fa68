// Notebook sides without running Jupyter: parameters, the parameterised copy, the command
// line, the pre-run checks, the fingerprint text and reading an executed notebook back. The
// real nbconvert runs in tests/e2e/notebook.sh.
#include "run/notebook_side.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include <fmt/format.h>

#include "notebook/notebook_file.h"
#include "pipeline/loader.h"
#include "pipeline/step_paths.h"
#include "testing/beside_binary.h"
#include "util/file.h"

namespace cutover {
namespace {
namespace fs = std::filesystem;

constexpr const char* kNotebook = R"NB({
 "cells": [
  {"cell_type": "code", "execution_count": null, "id": "p", "metadata": {"tags": ["parameters"]},
   "outputs": [], "source": ["reads = None\n", "threads = 1"]},
  {"cell_type": "code", "execution_count": null, "id": "w", "metadata": {}, "outputs": [],
   "source": ["print(reads)"]}
 ],
 "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
 "nbformat": 4, "nbformat_minor": 5
})NB";

class NotebookSideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("cutover_notebook_side_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
    fs::create_directories(root_ / "nb");
    for (const char* s : {"a", "b"}) std::ofstream(root_ / "in" / (std::string(s) + ".fq")) << s;
    std::ofstream(root_ / "nb" / "qc.ipynb") << kNotebook;
  }
  void TearDown() override { fs::remove_all(root_); }

  Status Load(const std::string& yaml) {
    auto p = ParsePipeline(yaml, "cutover.yaml", root_);
    if (!p.ok()) return p.status();
    pipeline_ = std::move(p).value();
    return Status::Ok();
  }
  // Bindings as side_command.cc makes them, for one side laid out under root_/scratch.
  Bindings SideBindingsFor(const Step& step, const Sample* sample, const SideLayout& layout,
                           const StepPaths& paths) {
    Bindings b = SampleBindings(sample);
    b["root"] = {root_.string()};
    for (const std::string& name : paths.input_order) {
      for (const fs::path& p : paths.inputs.at(name)) {
        b["input." + name].push_back(p.string());
        b["input"].push_back(p.string());
      }
    }
    for (const std::string& name : paths.output_order) {
      b["output." + name] = {layout.outputs.at(name).string()};
      b["output"].push_back(layout.outputs.at(name).string());
    }
    b["scratch"] = {layout.work_dir.string()};
    (void)step;
    return b;
  }

  fs::path root_;
  Pipeline pipeline_;
};

constexpr const char* kPerSample = R"(
samples: {glob: "in/{sample}.fq"}
steps:
  qc:
    inputs: {reads: "in/{sample}.fq"}
    outputs: {report: "out/{sample}.txt"}
    legacy:
      notebook: nb/qc.ipynb
      parameters:
        reads: "{input.reads}"
        report: "{output.report}"
        sample: "{sample}"
        threads: 4
        ratio: 0.25
        strict: true
        quoted_number: "4"
        files: "{input}"
        label: "{sample} run"
)";

TEST_F(NotebookSideTest, ParametersAreTypedListsOrStrings) {
  ASSERT_TRUE(Load(kPerSample).ok());
  const Step& step = pipeline_.steps[0];
  const Sample* a = pipeline_.FindSample("a");
  auto paths = ResolveStepPaths(pipeline_, step, a);
  ASSERT_TRUE(paths.ok());
  SideLayout layout = MakeSideLayout(root_ / "scratch", 7, Side::kLegacy, *paths);
  auto params = RenderNotebookParameters(step, step.legacy, SideBindingsFor(step, a, layout, *paths));
  ASSERT_TRUE(params.ok()) << params.status().ToString();
  std::map<std::string, nlohmann::json> got;
  for (const auto& p : *params) got[p.name] = p.value;
  EXPECT_EQ(got["reads"], (root_ / "in" / "a.fq").string());
  EXPECT_EQ(got["report"], (root_ / "scratch" / "7" / "legacy" / "out" / "a.txt").string());
  EXPECT_EQ(got["sample"], "a");
  EXPECT_EQ(got["threads"], 4);
  EXPECT_EQ(got["ratio"], 0.25);
  EXPECT_EQ(got["strict"], true);
  EXPECT_EQ(got["quoted_number"], "4");  // quoted in YAML: a string
  EXPECT_EQ(got["files"], nlohmann::json::array({(root_ / "in" / "a.fq").string()}));
  EXPECT_EQ(got["label"], "a run");
}

TEST_F(NotebookSideTest, AggregateInputsAreListsEvenForOneSample) {
  ASSERT_TRUE(Load(R"(
samples: {list: [a]}
steps:
  report:
    scope: all
    inputs: {reads: "in/{sample}.fq", fixed: "in/b.fq"}
    outputs: {html: "out/report.html"}
    legacy:
      notebook: nb/qc.ipynb
      parameters: {reads: "{input.reads}", fixed: "{input.fixed}", names: "{input.reads:name}"}
)").ok());
  const Step& step = pipeline_.steps[0];
  auto paths = ResolveStepPaths(pipeline_, step, nullptr);
  ASSERT_TRUE(paths.ok());
  SideLayout layout = MakeSideLayout(root_ / "scratch", 1, Side::kLegacy, *paths);
  auto params =
      RenderNotebookParameters(step, step.legacy, SideBindingsFor(step, nullptr, layout, *paths));
  ASSERT_TRUE(params.ok()) << params.status().ToString();
  std::map<std::string, nlohmann::json> got;
  for (const auto& p : *params) got[p.name] = p.value;
  EXPECT_EQ(got["reads"], nlohmann::json::array({(root_ / "in" / "a.fq").string()}));
  EXPECT_EQ(got["names"], nlohmann::json::array({"a.fq"}));
  EXPECT_EQ(got["fixed"], (root_ / "in" / "b.fq").string());  // no {sample}: one path
}

TEST_F(NotebookSideTest, PrepareWritesTheParameterisedCopyAndTheCommand) {
  ASSERT_TRUE(Load(kPerSample).ok());
  const Step& step = pipeline_.steps[0];
  const Sample* b = pipeline_.FindSample("b");
  auto paths = ResolveStepPaths(pipeline_, step, b);
  ASSERT_TRUE(paths.ok());
  SideLayout layout = MakeSideLayout(root_ / "scratch", 3, Side::kLegacy, *paths);
  auto before = ReadFile(root_ / "nb" / "qc.ipynb");
  auto argv = PrepareNotebookSide(step, step.legacy, b, SideBindingsFor(step, b, layout, *paths),
                                  layout, root_, 600'000);
  ASSERT_TRUE(argv.ok()) << argv.status().ToString();
  EXPECT_EQ(*argv, (std::vector<std::string>{
                       "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                       "--ExecutePreprocessor.timeout=540", "--KernelManager.transport=ipc",
                       "--ExecutePreprocessor.startup_timeout=300", "--output",
                       (root_ / "scratch" / "3" / "legacy.ipynb").string(), "qc.ipynb"}));
  EXPECT_EQ(*ReadFile(root_ / "nb" / "qc.ipynb"), *before);  // the user's notebook is untouched
  auto copy = ReadNotebook(layout.work_dir / "qc.ipynb");
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  ASSERT_EQ((*copy)["cells"].size(), 3u);
  std::string src;
  for (const auto& line : (*copy)["cells"][1]["source"]) src += line.get<std::string>();
  EXPECT_NE(src.find("sample = \"b\"\n"), std::string::npos) << src;
  EXPECT_NE(src.find("\nthreads = 4"), std::string::npos) << src;
  EXPECT_NE(src.find("strict = True"), std::string::npos) << src;
}

TEST_F(NotebookSideTest, AnOutputNamedNotebookReceivesTheExecutedNotebook) {
  ASSERT_TRUE(Load(R"(
samples: {list: [a]}
steps:
  qc:
    outputs: {notebook: "out/{sample}.ipynb", other: "out/{sample}.txt"}
    legacy: {notebook: nb/qc.ipynb}
)").ok());
  auto paths = ResolveStepPaths(pipeline_, pipeline_.steps[0], pipeline_.FindSample("a"));
  ASSERT_TRUE(paths.ok());
  SideLayout layout = MakeSideLayout(root_ / "s", 1, Side::kNew, *paths);
  EXPECT_EQ(layout.notebook, root_ / "s" / "1" / "new" / "out" / "a.ipynb");
}

TEST_F(NotebookSideTest, CellTimeoutLeavesCutoverAMargin) {
  EXPECT_EQ(CellTimeoutSeconds(3600'000), 3540);  // 1 h: 60 s margin
  EXPECT_EQ(CellTimeoutSeconds(600'000), 540);    // 10 min: 10 %
  EXPECT_EQ(CellTimeoutSeconds(5'000), 4);        // at least 1 s of margin
  EXPECT_EQ(CellTimeoutSeconds(1'000), 1);        // never 0 (which nbclient reads as no limit)
  EXPECT_EQ(CellTimeoutSeconds(0), -1);
}

TEST_F(NotebookSideTest, PreRunChecksNameTheYamlLocationAndTheFile) {
  ASSERT_TRUE(Load(kPerSample).ok());
  EXPECT_TRUE(CheckImplementations(pipeline_).ok());

  ASSERT_TRUE(Load(R"(
samples: {list: [a]}
steps:
  qc:
    outputs: {o: "out/{sample}.txt"}
    legacy:
      notebook: nb/missing.ipynb
)").ok());
  Status s = CheckImplementations(pipeline_);
  EXPECT_EQ(s.message(), "cutover.yaml:7:17: steps.qc.legacy.notebook: notebook " +
                             (root_ / "nb" / "missing.ipynb").string() + " does not exist");

  std::ofstream(root_ / "nb" / "broken.ipynb") << "{\"cells\": [";
  std::ofstream(root_ / "nb" / "v3.ipynb") << R"({"worksheets": [], "metadata": {}, "nbformat": 3})";
  for (const char* name : {"broken", "v3"}) {
    ASSERT_TRUE(Load(fmt::format(R"(
samples: {{list: [a]}}
steps:
  qc:
    outputs: {{o: "out/{{sample}}.txt"}}
    legacy: {{command: "true"}}
    new:
      notebook: "nb/{}.ipynb"
)", name)).ok());
    s = CheckImplementations(pipeline_);
    EXPECT_NE(s.message().find("cutover.yaml:8:17: steps.qc.new.notebook: notebook " +
                               (root_ / "nb" / name).string() + ".ipynb: "),
              std::string::npos)
        << s.message();
  }
  EXPECT_NE(s.message().find("nbformat 3 is not supported"), std::string::npos);

  ASSERT_TRUE(Load(R"(
samples: {list: [a]}
steps:
  qc:
    outputs: {o: "out/{sample}.txt"}
    legacy:
      notebook: nb/qc.ipynb
      parameters: {out-dir: x}
)").ok());
  s = CheckImplementations(pipeline_);
  EXPECT_NE(s.message().find("steps.qc.legacy.parameters.out-dir: 'out-dir' is not a Python variable name"),
            std::string::npos)
      << s.message();
}

TEST_F(NotebookSideTest, NotebookPathPerSample) {
  fs::create_directories(root_ / "nb" / "a");
  std::ofstream(root_ / "nb" / "a" / "x.ipynb") << kNotebook;
  ASSERT_TRUE(Load(R"(
samples: {list: [a, b]}
steps:
  qc:
    outputs: {o: "out/{sample}.txt"}
    legacy: {notebook: "{root}/nb/{sample}/x.ipynb"}
)").ok());
  auto p = ResolveNotebookPath(pipeline_.steps[0].legacy, pipeline_.FindSample("a"), root_);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, root_ / "nb" / "a" / "x.ipynb");
  Status s = CheckImplementations(pipeline_);  // b's notebook is missing
  EXPECT_NE(s.message().find((root_ / "nb" / "b" / "x.ipynb").string() + " does not exist"),
            std::string::npos)
      << s.message();
}

TEST_F(NotebookSideTest, FingerprintTextFollowsTheNotebookContent) {
  ASSERT_TRUE(Load(kPerSample).ok());
  const Implementation& impl = pipeline_.steps[0].legacy;
  const Sample* a = pipeline_.FindSample("a");
  std::string before = DescribeImplementation(impl, a, root_);
  EXPECT_NE(before.find("notebook-digest="), std::string::npos);
  EXPECT_EQ(DescribeImplementation(impl, a, root_), before);
  std::ofstream(root_ / "nb" / "qc.ipynb", std::ios::app) << "\n";
  EXPECT_NE(DescribeImplementation(impl, a, root_), before);
}

TEST_F(NotebookSideTest, InspectExecutedNotebook) {
  SideLayout layout;
  layout.notebook = BesideTestBinary(CUTOVER_NOTEBOOK_TESTDATA) / "failing.executed.ipynb";
  Status s = InspectExecutedNotebook(layout);
  EXPECT_EQ(s.code(), StatusCode::kFailed);
  EXPECT_EQ(s.message().substr(0, 50), "notebook cell 4 (In [4]): ValueError: too many rea");
  EXPECT_NE(s.message().find("; executed notebook: " + layout.notebook.string()), std::string::npos);

  layout.notebook = root_ / "nb" / "qc.ipynb";  // no error outputs
  EXPECT_TRUE(InspectExecutedNotebook(layout).ok());

  layout.notebook = root_ / "none.ipynb";
  EXPECT_EQ(InspectExecutedNotebook(layout).message(),
            "jupyter nbconvert exited 0 but wrote no executed notebook at " +
                (root_ / "none.ipynb").string());
}

TEST_F(NotebookSideTest, NbconvertErrorLine) {
  EXPECT_EQ(NbconvertErrorLine("[NbConvertApp] Converting\nTraceback (most recent call last):\n"
                               "  File \"x\", line 1\nnbclient.exceptions.CellTimeoutError: A cell "
                               "timed out while it was being executed, after 2 seconds.\nThe "
                               "message was: Cell execution timed out.\n-----\n"),
            "nbclient.exceptions.CellTimeoutError: A cell timed out while it was being executed, "
            "after 2 seconds.");
  EXPECT_EQ(NbconvertErrorLine("[NbConvertApp] WARNING | x\nnothing here\n"), "");
}

}  // namespace
}  // namespace cutover
