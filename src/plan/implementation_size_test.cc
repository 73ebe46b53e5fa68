#include "plan/implementation_size.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"
#include "pipeline/loader.h"
#include "util/file.h"

namespace cutover {
namespace {

class ImplementationSizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = dir_.path();
    std::filesystem::create_directories(root_ / "legacy");
    // 3 code lines: the shebang and comments and blank lines do not count.
    ASSERT_TRUE(WriteFileAtomic(root_ / "legacy/qc.sh",
                                "#!/bin/sh\n# run fastqc\n\nset -eu\nfastqc \"$1\"\n  // x\nmv a b\n")
                    .ok());
    // Code cells only: 2 + 1 lines; the markdown cell does not count.
    ASSERT_TRUE(WriteFileAtomic(root_ / "legacy/report.ipynb", R"({"cells": [
      {"cell_type": "markdown", "source": ["# Weekly report\n", "text\n"]},
      {"cell_type": "code", "source": ["import os\n", "# comment\n", "print(1)\n"]},
      {"cell_type": "code", "source": "x = 2\n\n"}], "nbformat": 4, "nbformat_minor": 5,
      "metadata": {}})")
                    .ok());
  }

  Implementation Parse(const std::string& legacy_yaml) {
    auto p = ParsePipeline("samples: {list: [s]}\nsteps:\n  a:\n    outputs: {o: out.txt}\n"
                           "    legacy: " + legacy_yaml + "\n",
                           "cutover.yaml", root_);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? p->steps[0].legacy : Implementation{};
  }

  TestTempDir dir_;
  std::filesystem::path root_;
};

TEST_F(ImplementationSizeTest, CountsTheScriptsACommandRuns) {
  ImplementationSize s = MeasureImplementation(
      Parse("{command: \"{root}/legacy/qc.sh {sample} {output.o}\"}"), root_);
  EXPECT_TRUE(s.known);
  EXPECT_EQ(s.lines, 3);
  EXPECT_EQ(s.files, (std::vector<std::string>{"{root}/legacy/qc.sh"}));
  // A relative path resolves against the root too.
  EXPECT_EQ(MeasureImplementation(Parse("{command: \"sh legacy/qc.sh {output.o}\"}"), root_).lines, 3);
}

TEST_F(ImplementationSizeTest, ProgramsOnPathAreNotCounted) {
  ImplementationSize s = MeasureImplementation(Parse("{command: \"fastqc {output.o}\"}"), root_);
  EXPECT_FALSE(s.known);
  EXPECT_EQ(s.lines, 0);
}

TEST_F(ImplementationSizeTest, ShellCountsItselfAndTheScriptsItNames) {
  ImplementationSize s = MeasureImplementation(
      Parse("{shell: \"legacy/qc.sh x | gzip > {output.o}\"}"), root_);
  EXPECT_TRUE(s.known);
  EXPECT_EQ(s.lines, 1 + 3);
}

TEST_F(ImplementationSizeTest, NotebooksCountTheirCodeCells) {
  ImplementationSize s = MeasureImplementation(
      Parse("{notebook: legacy/report.ipynb, parameters: {out: \"{output.o}\"}}"), root_);
  EXPECT_TRUE(s.known);
  EXPECT_EQ(s.lines, 3);
}

TEST_F(ImplementationSizeTest, BuiltinsAreCutoverItself) {
  ImplementationSize s = MeasureImplementation(Parse("{cutover: \"qc {output.o}\"}"), root_);
  EXPECT_FALSE(s.known);
}

}  // namespace
}  // namespace cutover
