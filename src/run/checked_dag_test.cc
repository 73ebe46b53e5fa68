#include "run/checked_dag.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/loader.h"
#include "testing/temp_dir.h"
#include "util/file.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

class CheckedDagTest : public ::testing::Test {
 protected:
  // A pipeline over the sheet's samples, written and loaded from the temporary folder.
  Pipeline Load(const std::string& sheet, const std::string& steps) {
    std::ofstream(dir_.path() / "samples.tsv") << sheet;
    std::ofstream(dir_.path() / "cutover.yaml") << "samples: {sheet: samples.tsv}\nsteps:\n"
                                                << steps;
    auto p = LoadPipeline((dir_.path() / "cutover.yaml").string());
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(p).value() : Pipeline{};
  }
  fs::path Stamp() const { return dir_.path() / "state" / "dag-checked"; }
  void SetUp() override { fs::create_directories(dir_.path() / "state"); }
  TestTempDir dir_;
};

constexpr const char* kCopy = R"(  copy:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "echo {sample} > {output.o}"}
)";

TEST_F(CheckedDagTest, TheDigestFollowsTheFileTheSamplesAndTheirColumns) {
  const Pipeline a = Load("sample\tlane\ns1\t1\ns2\t2\n", kCopy);
  const std::string digest = *DagCheckDigest(a);
  EXPECT_EQ(*DagCheckDigest(a), digest);
  EXPECT_EQ(digest.rfind("xxh3-128:", 0), 0u);
  EXPECT_NE(*DagCheckDigest(Load("sample\tlane\ns1\t1\ns2\t3\n", kCopy)), digest);
  EXPECT_NE(*DagCheckDigest(Load("sample\tlane\ns1\t1\ns3\t2\n", kCopy)), digest);
  EXPECT_NE(*DagCheckDigest(Load("sample\tlane\ns1\t1\ns2\t2\n", std::string(kCopy) + "\n")),
            digest);
  // Names and values run together differently: still different.
  EXPECT_NE(*DagCheckDigest(Load("sample\tlane\ns1\t12\n", kCopy)),
            *DagCheckDigest(Load("sample\tlane\ns11\t2\n", kCopy)));
}

// The whole check runs once; a problem between two other samples is found by a command about a
// third sample too, until it is fixed.
TEST_F(CheckedDagTest, ACommandAboutOneSampleChecksEveryTaskOncePerPipeline) {
  const fs::path state = dir_.path() / "state";
  // Sample "b/x" writes out/b/x.txt, which is sample "b"'s input: two other samples.
  const std::string steps = R"(  copy:
    inputs: {i: "in/{sample}/x.txt"}
    outputs: {o: "in/{sample}.txt"}
    legacy: {shell: "cp {input.i} {output.o}"}
)";
  fs::create_directories(dir_.path() / "in/a");
  fs::create_directories(dir_.path() / "in/b/x");
  std::ofstream(dir_.path() / "in/a/x.txt") << "a";
  std::ofstream(dir_.path() / "in/b/x.txt") << "b";
  std::ofstream(dir_.path() / "in/b/x/x.txt") << "bx";
  const Pipeline bad = Load("sample\na\nb\nb/x\n", steps);
  auto refused = BuildCheckedDag(bad, DagOptions{true, {"a"}}, state);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("would be overwritten"), std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(fs::exists(Stamp()));

  const Pipeline good = Load("sample\na\nb\n", steps);
  auto dag = BuildCheckedDag(good, DagOptions{true, {"a"}}, state);
  ASSERT_TRUE(dag.ok()) << dag.status().ToString();
  EXPECT_EQ(*ReadFile(Stamp()), *DagCheckDigest(good) + "\n");
  // The command's own tasks are still checked every time: its input gone, it is refused.
  fs::remove(dir_.path() / "in/a/x.txt");
  auto missing = BuildCheckedDag(good, DagOptions{true, {"a"}}, state);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("for sample a"), std::string::npos)
      << missing.status().message();
  // Another sample's missing input is not this command's business.
  EXPECT_TRUE(BuildCheckedDag(good, DagOptions{true, {"b"}}, state).ok());
}

TEST_F(CheckedDagTest, EveryTaskCheckedIsRememberedToo) {
  const fs::path state = dir_.path() / "state";
  const Pipeline p = Load("sample\ns1\ns2\n", kCopy);
  ASSERT_TRUE(BuildCheckedDag(p, DagOptions{}, state).ok());
  EXPECT_EQ(*ReadFile(Stamp()), *DagCheckDigest(p) + "\n");
  // A state folder that cannot be written only costs the check again.
  EXPECT_TRUE(BuildCheckedDag(p, DagOptions{true, {"s1"}}, dir_.path() / "no-such-folder").ok());
}

}  // namespace
}  // namespace cutover
