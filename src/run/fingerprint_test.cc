#include "run/fingerprint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/loader.h"
#include "testing/temp_dir.h"
#include "util/digest.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

class DigestInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.path() / "a.txt") << "reads of a";
    auto p = ParsePipeline(R"(
samples: {list: [a]}
steps:
  st:
    inputs: {r: "{sample}.txt"}
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "cp {input.r} {output.o}"}
)",
                           "cutover.yaml", dir_.path());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
    auto paths = ResolveStepPaths(pipeline_, pipeline_.steps[0], &pipeline_.samples[0]);
    ASSERT_TRUE(paths.ok()) << paths.status().ToString();
    paths_ = std::move(paths).value();
  }
  TestTempDir dir_;
  Pipeline pipeline_;
  StepPaths paths_;
};

// A file whose state is the one recorded with its earlier digest is not read again (shown with
// a planted digest that reading would replace); a file changed since is.
TEST_F(DigestInputsTest, AnUnchangedFileIsNotReadAgain) {
  const Step& step = pipeline_.steps[0];
  auto first = DigestInputsReusing(step, paths_, nullptr);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->records.size(), 1u);
  EXPECT_EQ(first->records[0].digest, DigestBytes("reads of a"));
  EXPECT_EQ(first->records[0].size, 10);
  EXPECT_FALSE(first->file_states[0].empty());
  EXPECT_EQ(first->records[0].digest, (*DigestInputs(step, paths_))[0].digest);

  InputDigests planted = *first;
  planted.records[0].digest = "planted";
  EXPECT_EQ(DigestInputsReusing(step, paths_, &planted)->records[0].digest, "planted");

  std::ofstream(dir_.path() / "a.txt") << "reads of b";  // same size
  // A write in the same clock tick as the first look keeps the time stamps: moved on here.
  fs::last_write_time(dir_.path() / "a.txt",
                      fs::last_write_time(dir_.path() / "a.txt") + std::chrono::seconds(5));
  auto again = DigestInputsReusing(step, paths_, &planted);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->records[0].digest, DigestBytes("reads of b"));
  EXPECT_NE(again->file_states[0], planted.file_states[0]);

  fs::remove(dir_.path() / "a.txt");
  auto gone = DigestInputsReusing(step, paths_, &planted);
  ASSERT_FALSE(gone.ok());
  EXPECT_NE(gone.status().message().find("input 'r' of step st"), std::string::npos)
      << gone.status().message();
}

}  // namespace
}  // namespace cutover
