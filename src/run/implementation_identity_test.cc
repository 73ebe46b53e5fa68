#include "run/implementation_identity.h"

#include <gtest/gtest.h>

#include "pipeline/loader.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// Answers version commands from a table and counts the calls.
class FakeVersions : public VersionSource {
 public:
  Result<std::string> Version(const std::string& command, const fs::path&) override {
    ++calls;
    auto it = answers.find(command);
    if (it == answers.end()) return Status::Failed("the version command '" + command + "' failed (exit 127)");
    return it->second;
  }
  std::map<std::string, std::string> answers;
  int calls = 0;
};

class IdentityTest : public ::testing::Test {
 protected:
  fs::path Put(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_.path() / rel).parent_path());
    return dir_.Write(rel, text);
  }
  const Pipeline& Load(const std::string& steps) {
    Put("cutover.yaml", "samples: {list: [s1]}\nsteps:\n" + steps);
    auto p = LoadPipeline(dir_.path() / "cutover.yaml");
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
    return pipeline_;
  }
  // A fresh cache (a new run), over `versions` when given.
  ImplementationIdentity Identify(const Step& step, Side side, FakeVersions* versions = nullptr) {
    auto fake = std::make_unique<FakeVersions>();
    if (versions != nullptr) *fake = *versions;
    IdentityCache cache(dir_.path(), dir_.path() / "cutover-binary", std::move(fake));
    auto id = cache.Get(step, side, &pipeline_.samples[0]);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : ImplementationIdentity{};
  }
  static const IdentityPart* Part(const ImplementationIdentity& id, const std::string& name) {
    for (const IdentityPart& p : id.parts) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }
  TestTempDir dir_;
  Pipeline pipeline_;
};

TEST_F(IdentityTest, FindsTheFilesUnderTheRootThatTheCommandNames) {
  Put("new/stats.py", "print(1)\n");
  Put("conf/x.yaml", "a: 1\n");
  Put("lib/helper.sh", "true\n");
  Put("adapters.fa", ">a\nACGT\n");
  fs::create_directories(dir_.path() / "new" / "data");
  const Pipeline& p = Load(
      "  s:\n    outputs: {o: \"out/{sample}.txt\"}\n"
      "    legacy: {shell: \"python3 {root}/new/stats.py --config=conf/x.yaml {sample} > "
      "{output.o}; bash 'lib/helper.sh' | cat /etc/hostname new/data missing.py ../x "
      "" + dir_.path().string() + "/adapters.fa\"}\n"
      "    new: {command: [\"tool\", \"-a\", \"file:adapters.fa\", \"{root}/new/{sample}.py\"]}\n");
  EXPECT_EQ(FilesNamedByCommand(p.steps[0].legacy, dir_.path()),
            (std::vector<std::string>{"adapters.fa", "conf/x.yaml", "lib/helper.sh",
                                      "new/stats.py"}));
  // A word with a placeholder other than {root} names no fixed file.
  EXPECT_EQ(FilesNamedByCommand(*p.steps[0].new_impl, dir_.path()),
            (std::vector<std::string>{"adapters.fa"}));
}

TEST_F(IdentityTest, EditingANamedScriptChangesTheIdentityAndSaysWhich) {
  Put("new/stats.py", "print(1)\n");
  const Pipeline& p = Load(
      "  s:\n    outputs: {o: \"out/{sample}.txt\"}\n"
      "    legacy: {shell: \"python3 {root}/new/stats.py > {output.o}\"}\n");
  const ImplementationIdentity before = Identify(p.steps[0], Side::kLegacy);
  ASSERT_NE(Part(before, "file new/stats.py"), nullptr) << before.Description();
  ASSERT_NE(Part(before, "definition"), nullptr);
  EXPECT_EQ(Identify(p.steps[0], Side::kLegacy).digest, before.digest) << "stable";
  EXPECT_NE(before.FingerprintExtra().find("identity file new/stats.py=xxh3-128:"),
            std::string::npos);

  Put("new/stats.py", "print(2)\n");
  const ImplementationIdentity after = Identify(p.steps[0], Side::kLegacy);
  EXPECT_NE(after.digest, before.digest);
  EXPECT_NE(after.FingerprintExtra(), before.FingerprintExtra());
  const std::string change = DescribeIdentityChange(before, after);
  EXPECT_EQ(change, "file new/stats.py (was " + Part(before, "file new/stats.py")->display +
                        ", now " + Part(after, "file new/stats.py")->display + ")");
  EXPECT_EQ(Part(after, "file new/stats.py")->display.size(), 8u);
  EXPECT_EQ(DescribeIdentityChange(after, after), "");
}

TEST_F(IdentityTest, AnImplementationThatNamesNoFileKeepsItsFingerprintText) {
  const Pipeline& p =
      Load("  s:\n    outputs: {o: \"out/{sample}.txt\"}\n    legacy: {shell: \"echo > {output.o}\"}\n");
  const ImplementationIdentity id = Identify(p.steps[0], Side::kLegacy);
  EXPECT_EQ(id.parts.size(), 1u) << id.Description();
  EXPECT_EQ(id.FingerprintExtra(), "");
}

TEST_F(IdentityTest, WatchedPatternsAndFolders) {
  const Pipeline& p = Load(
      "  s:\n    outputs: {o: \"out/{sample}.txt\"}\n"
      "    legacy: {shell: \"echo > {output.o}\", watch: [\"lib/*.py\", env.lock, models]}\n");
  const ImplementationIdentity none = Identify(p.steps[0], Side::kLegacy);
  EXPECT_EQ(Part(none, "watch lib/*.py")->value, "no match");
  EXPECT_EQ(Part(none, "watch env.lock")->value, "no match");
  EXPECT_EQ(Part(none, "watch models")->value, "no match");

  Put("lib/a.py", "a\n");
  Put("lib/b.txt", "not watched\n");
  Put("models/deep/m.bin", "weights\n");
  const ImplementationIdentity some = Identify(p.steps[0], Side::kLegacy);
  EXPECT_NE(Part(some, "watch lib/*.py")->value, "no match");
  EXPECT_NE(Part(some, "watch lib/*.py")->display.find("(1 file)"), std::string::npos);
  EXPECT_NE(Part(some, "watch models")->display.find("(1 file)"), std::string::npos);
  EXPECT_EQ(DescribeIdentityChange(none, some).find("watch env.lock"), std::string::npos);

  Put("lib/b.txt", "changed, still not watched\n");
  EXPECT_EQ(Identify(p.steps[0], Side::kLegacy).digest, some.digest);
  Put("lib/c.py", "c\n");  // a file added to the pattern
  const ImplementationIdentity more = Identify(p.steps[0], Side::kLegacy);
  EXPECT_NE(more.digest, some.digest);
  EXPECT_NE(DescribeIdentityChange(some, more).find("watch lib/*.py (was "), std::string::npos);
  Put("models/deep/m.bin", "new weights\n");
  EXPECT_NE(Identify(p.steps[0], Side::kLegacy).digest, more.digest);
}

TEST_F(IdentityTest, TheVersionCommandRunsOncePerRunAndItsFailureNamesTheStep) {
  const Pipeline& p = Load(
      "  a:\n    outputs: {o: \"out/{sample}.a\"}\n"
      "    legacy: {shell: \"fastqc > {output.o}\", version: \"fastqc --version\"}\n"
      "  b:\n    outputs: {o: \"out/{sample}.b\"}\n"
      "    legacy: {shell: \"fastqc -q > {output.o}\", version: \"fastqc --version\"}\n"
      "    new: {shell: \"other > {output.o}\", version: \"other --version\"}\n");
  auto versions = std::make_unique<FakeVersions>();
  versions->answers["fastqc --version"] = "FastQC v0.11.9\nmore\n";
  FakeVersions* seen = versions.get();
  IdentityCache cache(dir_.path(), dir_.path() / "cutover-binary", std::move(versions));
  auto a = cache.Get(p.steps[0], Side::kLegacy, &p.samples[0]);
  auto b = cache.Get(p.steps[1], Side::kLegacy, &p.samples[0]);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(seen->calls, 1);
  EXPECT_EQ(Part(*a, "version")->display, "FastQC v0.11.9");
  EXPECT_NE(a->Description().find("version FastQC v0.11.9"), std::string::npos) << a->Description();
  auto failed = cache.Get(p.steps[1], Side::kNew, &p.samples[0]);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("cutover.yaml:"), std::string::npos)
      << failed.status().message();
  EXPECT_NE(failed.status().message().find("'other --version' failed"), std::string::npos);

  FakeVersions upgraded;
  upgraded.answers["fastqc --version"] = "FastQC v0.12.1\n";
  const ImplementationIdentity after = Identify(p.steps[0], Side::kLegacy, &upgraded);
  EXPECT_NE(after.digest, a->digest);
  EXPECT_EQ(DescribeIdentityChange(*a, after),
            "version (was FastQC v0.11.9, now FastQC v0.12.1)");
}

TEST_F(IdentityTest, BuiltinsAreIdentifiedByCutoversVersionAndBinary) {
  Put("cutover-binary", "build 1");
  const Pipeline& p = Load(
      "  s:\n    outputs: {o: \"out/{sample}.txt\"}\n"
      "    legacy: {shell: \"echo > {output.o}\"}\n"
      "    new: {cutover: \"qc -o {output.o}\"}\n");
  const ImplementationIdentity one = Identify(p.steps[0], Side::kNew);
  ASSERT_NE(Part(one, "cutover"), nullptr) << one.Description();
  EXPECT_EQ(Part(one, "cutover")->display.rfind("0.1.0 (binary ", 0), 0u);
  Put("cutover-binary", "build 2");
  EXPECT_NE(Identify(p.steps[0], Side::kNew).digest, one.digest);
  EXPECT_EQ(Part(Identify(p.steps[0], Side::kLegacy), "cutover"), nullptr);
}

TEST_F(IdentityTest, TheCacheKeepsTheFirstAnswerOfTheRun) {
  Put("run.sh", "v1\n");
  const Pipeline& p =
      Load("  s:\n    outputs: {o: \"out/{sample}.txt\"}\n    legacy: {shell: \"sh {root}/run.sh\"}\n");
  IdentityCache cache(dir_.path(), dir_.path() / "cutover-binary", std::make_unique<FakeVersions>());
  auto first = cache.Get(p.steps[0], Side::kLegacy, &p.samples[0]);
  Put("run.sh", "v2\n");
  auto second = cache.Get(p.steps[0], Side::kLegacy, &p.samples[0]);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->digest, second->digest);
}

TEST_F(IdentityTest, BadWatchAndVersionEntriesAreRefusedWithTheirLine) {
  for (const std::string& bad :
       {std::string("watch: [\"../secret\"]"), std::string("watch: [\"/etc/passwd\"]"),
        std::string("watch: [\"{sample}.py\"]"), std::string("version: \"\"")}) {
    Put("cutover.yaml", "samples: {list: [s1]}\nsteps:\n  s:\n    outputs: {o: out/x}\n"
                        "    legacy: {shell: \"true\", " + bad + "}\n");
    auto loaded = LoadPipeline(dir_.path() / "cutover.yaml");
    ASSERT_FALSE(loaded.ok()) << bad;
    EXPECT_NE(loaded.status().message().find("cutover.yaml:5:"), std::string::npos)
        << loaded.status().message();
  }
}

}  // namespace
}  // namespace cutover
