#include "pipeline/loader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "pipeline/dag.h"
#include "pipeline/starter_pipeline.h"
#include "pipeline/step_paths.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("cutover_loader_test_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "reads");
    for (const char* s : {"b", "a", "c"}) Touch(std::string("reads/") + s + ".fq.gz");
    Touch("reads/notes.txt");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Touch(const std::string& rel, const std::string& content = "x") {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << content;
  }
  Result<Pipeline> Parse(const std::string& yaml) { return ParsePipeline(yaml, "cutover.yaml", root_); }
  std::string Error(const std::string& yaml) {
    auto p = Parse(yaml);
    if (p.ok()) return "<loaded>";
    return p.status().message();
  }
  fs::path root_;
};

constexpr char kSteps[] = R"(
steps:
  qc:
    inputs: {reads: "reads/{sample}.fq.gz"}
    outputs: {html: "qc/{sample}.html"}
    legacy: {command: "fastqc -o {output.html:dir} {input.reads}"}
)";

TEST_F(LoaderTest, GlobGivesSortedSampleNames) {
  auto p = Parse(std::string("samples:\n  glob: \"reads/{sample}.fq.gz\"\n") + kSteps);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->samples.size(), 3u);
  EXPECT_EQ(p->samples[0].name, "a");
  EXPECT_EQ(p->samples[2].name, "c");
  const Step& qc = p->steps[0];
  EXPECT_EQ(qc.legacy.kind, ImplKind::kCommand);
  ASSERT_EQ(qc.legacy.argv.size(), 4u);
  EXPECT_EQ(qc.legacy.argv[3].text, "{input.reads}");
  EXPECT_EQ(qc.timeout_ms, 3600 * 1000);
  EXPECT_EQ(qc.outputs[0].compare.kind, "bytes");
}

TEST_F(LoaderTest, SheetColumnsBecomePlaceholders) {
  Touch("samples.tsv", "sample\tlane\tcondition\na\t1\tctrl\nb\t2\ttreated\n");
  auto p = Parse(R"(
samples: {sheet: samples.tsv}
steps:
  qc:
    inputs: {reads: "reads/{sample}.fq.gz"}
    outputs: {o: "qc/{condition}/{sample}_L{lane}.txt"}
    legacy: {shell: "echo {lane} > {output.o}"}
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->samples.size(), 2u);
  EXPECT_EQ(p->samples[1].columns.at("condition"), "treated");
  auto paths = ResolveStepPaths(*p, p->steps[0], &p->samples[1]);
  ASSERT_TRUE(paths.ok());
  EXPECT_EQ(paths->outputs.at("o"), fs::path("qc/treated/b_L2.txt"));
  EXPECT_EQ(paths->inputs.at("reads")[0], root_ / "reads/b.fq.gz");
}

TEST_F(LoaderTest, CsvSheetWithQuotes) {
  Touch("s.csv", "id,sample\n\"1,5\",a\n2,b\n");
  auto p = Parse(std::string("samples: {sheet: s.csv}\n") + kSteps);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->samples[0].columns.at("id"), "1,5");
}

TEST_F(LoaderTest, SheetErrorsNameTheLine) {
  Touch("bad.tsv", "sample\tlane\na\t1\nb\n");
  EXPECT_NE(Error(std::string("samples: {sheet: bad.tsv}\n") + kSteps).find("bad.tsv:3: 1 fields, the header has 2"),
            std::string::npos);
  Touch("dup.tsv", "sample\na\na\n");
  EXPECT_NE(Error(std::string("samples: {sheet: dup.tsv}\n") + kSteps).find("dup.tsv:3: sample 'a' appears twice"),
            std::string::npos);
  Touch("nocol.tsv", "name\na\n");
  EXPECT_NE(Error(std::string("samples: {sheet: nocol.tsv}\n") + kSteps).find("no 'sample' column"),
            std::string::npos);
}

TEST_F(LoaderTest, ErrorsNameFileLineColumnAndKey) {
  EXPECT_EQ(Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n    legacy: {shell: \"true\"}\n    timout: 5m\n"),
            "cutover.yaml:6:5: steps.qc.timout: unknown key 'timout' (expected one of: description, "
            "scope, inputs, outputs, legacy, new, env, timeout, shadow_timeout, "
            "max_consecutive_failures, policy, executor)");
  EXPECT_EQ(Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n    legacy: {shell: \"true\"}\n    timeout: soon\n"),
            "cutover.yaml:6:14: steps.qc.timeout: 'soon' is not a duration (e.g. 30s, 10m, 2h)");
  EXPECT_NE(Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n").find("cutover.yaml:3:3: steps.qc: missing `legacy:`"),
            std::string::npos);
  EXPECT_NE(Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n    legacy: {shell: \"true\", command: \"true\"}\n")
                .find("give exactly one of command, shell, cutover or notebook"),
            std::string::npos);
  EXPECT_NE(Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: /etc/passwd}\n    legacy: {shell: \"true\"}\n")
                .find("outputs must be relative"),
            std::string::npos);
  EXPECT_NE(Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: ../x}\n    legacy: {shell: \"true\"}\n")
                .find("must not leave the pipeline folder"),
            std::string::npos);
  EXPECT_NE(Error("samples: {glob: \"reads/{sample}.bam\"}\n" + std::string(kSteps)).find("no samples"),
            std::string::npos);
  EXPECT_NE(Error("samples: [a, b]\n" + std::string(kSteps)).find("cutover.yaml:1:10: samples: expected a mapping"),
            std::string::npos);
  EXPECT_NE(Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n    legacy: {command: \"echo 'unbalanced\"}\n")
                .find("unterminated ' quote"),
            std::string::npos);
}

TEST_F(LoaderTest, NumbersAndDurationsAreRangeChecked) {
  const std::string head = "samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n    legacy: {shell: \"true\"}\n";
  // 2^32 used to wrap to 0: a rollback on the very first failure.
  EXPECT_EQ(Error(head + "    max_consecutive_failures: 4294967296\n"),
            "cutover.yaml:6:31: steps.qc.max_consecutive_failures: '4294967296' is not a whole "
            "number from 1 to 1000000");
  EXPECT_NE(Error(head + "    max_consecutive_failures: 2.5\n"), "<loaded>");
  EXPECT_EQ(Error(head + "    timeout: nan\n"),
            "cutover.yaml:6:14: steps.qc.timeout: 'nan' is not a duration (e.g. 30s, 10m, 2h)");
  EXPECT_NE(Error(head + "    timeout: inf\n"), "<loaded>");
  EXPECT_EQ(Error(head + "    timeout: 10ms\n"),
            "cutover.yaml:6:14: steps.qc.timeout: '10ms' is too short: at least 1.0s");
  EXPECT_NE(Error(head + "    shadow_timeout: 0\n"), "<loaded>");
  EXPECT_NE(Error(head + "    timeout: 99999d\n").find("longer than ten years"), std::string::npos);
  EXPECT_NE(Error("settings: {retain_scratch: 99999999999999999999}\n" + head.substr(21)), "<loaded>");
  EXPECT_EQ(Error(head + "    timeout: 90s\n"), "<loaded>");
}

TEST_F(LoaderTest, RepeatedStepsAndKeysNameBothPlaces) {
  std::string e = Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n    legacy: {shell: \"true\"}\n"
                        "  qc:\n    outputs: {o: y}\n    legacy: {shell: \"false\"}\n");
  EXPECT_NE(e.find("cutover.yaml:6:3: key 'qc' appears twice in the same mapping (first at line 3)"),
            std::string::npos) << e;
  e = Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n    legacy: {shell: \"true\"}\n    legacy: {shell: \"x\"}\n");
  EXPECT_NE(e.find("key 'legacy' appears twice"), std::string::npos) << e;
}

TEST_F(LoaderTest, EmptyFilesAndSecondDocumentsAreErrorsWithALine) {
  EXPECT_EQ(Error(""), "cutover.yaml:1: no content: the file is empty (expected a YAML document)");
  EXPECT_NE(Error("# nothing yet\n").find("cutover.yaml:1: no content"), std::string::npos);
  EXPECT_NE(Error(std::string("samples: {list: [a]}\n") + kSteps + "---\nmore: 1\n")
                .find("a second YAML document"), std::string::npos);
  EXPECT_EQ(Error("~\n"), "cutover.yaml:1:1: expected a mapping with `samples:` and `steps:`");
}

TEST_F(LoaderTest, ASampleSheetThatIsNotARegularFileIsRefused) {
  ASSERT_EQ(::mkfifo((root_ / "sheet.tsv").c_str(), 0600), 0);
  std::string e = Error(std::string("samples: {sheet: sheet.tsv}\n") + kSteps);
  EXPECT_NE(e.find("is not a regular file"), std::string::npos) << e;
  e = Error(std::string("samples: {sheet: /dev/zero}\n") + kSteps);
  EXPECT_NE(e.find("is not a regular file"), std::string::npos) << e;
}

TEST_F(LoaderTest, UnknownPlaceholderListsKnownOnes) {
  std::string e = Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: x}\n    legacy: {command: \"cp {input.reads} {output.o}\"}\n");
  EXPECT_NE(e.find("cutover.yaml:5:23: steps.qc.legacy.command: unknown placeholder {input.reads} (known: input, output, output.o, root, sample, scratch)"),
            std::string::npos) << e;
  // Output paths may only use sample values.
  e = Error("samples: {list: [a]}\nsteps:\n  qc:\n    outputs: {o: \"{output}/x\"}\n    legacy: {shell: \"true\"}\n");
  EXPECT_NE(e.find("unknown placeholder {output}"), std::string::npos) << e;
}

TEST_F(LoaderTest, CompareSpecAndOptionsAsJson) {
  auto p = Parse(R"(
samples: {list: [a]}
steps:
  qc:
    outputs:
      o:
        path: "x/{sample}.txt"
        compare: {kind: text, ignore: ["^date"], max_differences: 5, ignore_trailing_whitespace: true, label: "007"}
    legacy: {shell: "true"}
    new: {cutover: "qc {output.o}"}
    shadow_timeout: 90s
    max_consecutive_failures: 5
    policy: {min_comparisons: 10}
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const Step& s = p->steps[0];
  EXPECT_EQ(s.outputs[0].compare.kind, "text");
  EXPECT_EQ(s.outputs[0].compare.options["max_differences"], 5);
  EXPECT_EQ(s.outputs[0].compare.options["ignore_trailing_whitespace"], true);
  EXPECT_EQ(s.outputs[0].compare.options["ignore"][0], "^date");
  EXPECT_EQ(s.outputs[0].compare.options["label"], "007");  // quoted: stays a string
  ASSERT_TRUE(s.new_impl.has_value());
  EXPECT_EQ(s.new_impl->kind, ImplKind::kBuiltin);
  EXPECT_EQ(s.shadow_timeout_ms, 90000);
  EXPECT_EQ(s.max_consecutive_failures, 5);
  EXPECT_EQ(s.policy["min_comparisons"], 10);
}

TEST_F(LoaderTest, YamlSyntaxErrorIsAStatus) {
  std::string e = Error("samples: {list: [a]\nsteps: x\n");
  EXPECT_NE(e.find("cutover.yaml:"), std::string::npos);
  EXPECT_NE(e.find("invalid YAML"), std::string::npos);
}

TEST_F(LoaderTest, StarterFileLoads) {
  Touch("reads/s1.fastq.gz");
  auto p = Parse(StarterPipelineYaml());
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->samples.size(), 1u);
  EXPECT_TRUE(BuildDag(*p).ok());
}

TEST_F(LoaderTest, MissingFileIsNotFound) {
  auto p = LoadPipeline(root_ / "nope.yaml");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kNotFound);
  EXPECT_NE(p.status().message().find("nope.yaml"), std::string::npos);
}

}  // namespace
}  // namespace cutover
