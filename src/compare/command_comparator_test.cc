#include "compare/command_comparator.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/temp_dir.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::unique_ptr<Comparator> Command(const json& options) {
  auto c = CommandComparator::FromOptions(options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

// The command's output as kept in the comparison ("" when there is none).
std::string OutputOf(const Comparison& c) {
  if (c.differences.empty()) return "";
  EXPECT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].location, "output");
  EXPECT_FALSE(c.differences[0].in_legacy);
  return c.differences[0].new_side;
}

TEST(CommandComparatorTest, CmpIdenticalIsAMatch) {
  TestTempDir dir;
  Comparison c =
      Command({{"run", "cmp"}})->Compare(dir.Write("a", "abc\n"), dir.Write("b", "abc\n"));
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(c.message, "identical according to cmp (exit 0)");
  EXPECT_EQ(c.counts, (json{{"exit_code", 0}, {"output_bytes", 0}}));
  EXPECT_TRUE(c.differences.empty());
}

TEST(CommandComparatorTest, CmpDifferentIsAMismatchWithItsOutput) {
  TestTempDir dir;
  auto a = dir.Write("a", "abc\n");
  auto b = dir.Write("b", "abd\n");
  Comparison c = Command({{"run", {"cmp"}}})->Compare(a, b);
  EXPECT_EQ(c.outcome, Outcome::kMismatch) << c.message;
  // The message carries what the command said first (cmp's only line: the first difference).
  EXPECT_EQ(c.message, "differ according to cmp (exit 1): " + a.string() + " " + b.string() +
                           " differ: byte 3, line 1");
  EXPECT_EQ(c.counts["exit_code"], 1);
  // cmp appends the paths (no placeholder given) and names the first difference.
  EXPECT_EQ(OutputOf(c), a.string() + " " + b.string() + " differ: byte 3, line 1\n");
  EXPECT_EQ(c.counts["output_bytes"], OutputOf(c).size());
}

TEST(CommandComparatorTest, DiffWithPlaceholders) {
  TestTempDir dir;
  auto a = dir.Write("a", "x\nb\n");
  auto b = dir.Write("b", "x\nc\n");
  Comparison c =
      Command({{"run", "diff -u --label=old {legacy} --label=new {new}"}})->Compare(a, b);
  EXPECT_EQ(c.outcome, Outcome::kMismatch) << c.message;
  EXPECT_EQ(OutputOf(c), "--- old\n+++ new\n@@ -1,2 +1,2 @@\n x\n-b\n+c\n");
  EXPECT_EQ(c.message, "differ according to diff (exit 1): --- old");
  Comparison same = Command({{"run", "diff -u {legacy} {new}"}})->Compare(a, a);
  EXPECT_EQ(same.outcome, Outcome::kMatch) << same.message;
}

TEST(CommandComparatorTest, OtherExitCodesAreErrors) {
  TestTempDir dir;
  auto a = dir.Write("a", "1");
  Comparison c = Command({{"run", {"sh", "-c", "echo checking; echo 'bad input' >&2; exit 3"}}})
                     ->Compare(a, a);
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_EQ(c.message, "comparator command sh failed with exit code 3: bad input");
  EXPECT_EQ(c.counts["exit_code"], 3);
  EXPECT_EQ(OutputOf(c), "checking\nbad input\n");  // stdout and stderr, in order

  // diff's own "trouble" exit code, 2, for a missing file.
  Comparison missing = Command({{"run", "diff"}})->Compare(a, dir.path() / "none");
  EXPECT_EQ(missing.outcome, Outcome::kError);
  EXPECT_EQ(missing.counts["exit_code"], 2);
  EXPECT_NE(missing.message.find("No such file or directory"), std::string::npos)
      << missing.message;
}

TEST(CommandComparatorTest, KilledBySignalIsAnError) {
  TestTempDir dir;
  auto a = dir.Write("a", "1");
  Comparison c = Command({{"run", {"sh", "-c", "kill -9 $$"}}})->Compare(a, a);
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_EQ(c.message, "comparator command sh was killed by signal 9 (SIGKILL)");
  EXPECT_EQ(c.counts["exit_code"], nullptr);
  EXPECT_EQ(c.counts["signal"], 9);
}

TEST(CommandComparatorTest, TimeoutIsAnError) {
  TestTempDir dir;
  auto a = dir.Write("a", "1");
  // The paths go to sh's $1 and $2, so `sleep` gets no stray arguments.
  Comparison c =
      Command({{"run", {"sh", "-c", "echo started; sleep 60", "sh", "{legacy}", "{new}"}},
               {"timeout", "200ms"}})
          ->Compare(a, a);
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_EQ(c.message, "comparator command sh timed out after 200ms and was killed");
  EXPECT_EQ(c.counts["exit_code"], nullptr);
  EXPECT_EQ(OutputOf(c), "started\n");
}

TEST(CommandComparatorTest, MissingProgramIsAnError) {
  TestTempDir dir;
  auto a = dir.Write("a", "1");
  Comparison c = Command({{"run", "cutover-no-such-comparator --flag"}})->Compare(a, a);
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_TRUE(c.message.starts_with("cannot run the comparator command: ")) << c.message;
  EXPECT_NE(c.message.find("cutover-no-such-comparator"), std::string::npos) << c.message;
  EXPECT_EQ(c.counts["exit_code"], nullptr);
  EXPECT_TRUE(c.differences.empty());
}

TEST(CommandComparatorTest, PathsStayOneArgumentEach) {
  TestTempDir dir;
  auto a = dir.Write("with space;$(touch pwned)", "1");
  auto b = dir.Write("{new} 'quoted'", "1");
  Comparison c =
      Command({{"run", {"sh", "-c", "printf '<%s>' \"$@\"", "sh", "--a={legacy}", "{new}"}}})
          ->Compare(a, b);
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(OutputOf(c), "<--a=" + a.string() + "><" + b.string() + ">");
  EXPECT_FALSE(fs::exists("pwned"));
  EXPECT_FALSE(fs::exists(dir.path() / "pwned"));
}

TEST(CommandComparatorTest, Argv) {
  auto options = ParseCommandOptions({{"run", "tool --x {legacy}:{new} -q"}});
  ASSERT_TRUE(options.ok()) << options.status().ToString();
  CommandComparator with(*options, MakeLocalProcessRunner());
  EXPECT_EQ(with.Argv("l/a.txt", "n/{legacy}.txt"),
            (std::vector<std::string>{"tool", "--x", "l/a.txt:n/{legacy}.txt", "-q"}));
  CommandComparator without(CommandOptions{{"cmp", "-s"}}, MakeLocalProcessRunner());
  EXPECT_EQ(without.Argv("a", "b"), (std::vector<std::string>{"cmp", "-s", "a", "b"}));
  CommandComparator quoted(*ParseCommandOptions({{"run", "cmp 'a file' \"{new}\""}}),
                           MakeLocalProcessRunner());
  EXPECT_EQ(quoted.Argv("x", "y"), (std::vector<std::string>{"cmp", "a file", "y"}));
}

TEST(CommandComparatorTest, LongOutputKeepsItsTailFromALineStart) {
  TestTempDir dir;
  auto a = dir.Write("a", "1");
  // 1000 lines "line N\n": 9 * 7 + 90 * 8 + 900 * 9 + 10 = 8893 bytes.
  Comparison c = Command({{"run", {"sh", "-c", "seq 1 1000 | sed 's/^/line /'; exit 1"}},
                          {"max_output_bytes", 40}})
                     ->Compare(a, a);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["output_bytes"], 8893);
  // The last 40 bytes start with "96\n" of "line 996"; the kept part starts at the next line
  // and is 4 * 9 + 1 = 37 bytes.
  EXPECT_EQ(OutputOf(c), "[…8856 bytes]\nline 997\nline 998\nline 999\nline 1000\n");
}

TEST(CommandComparatorTest, NoOutputKeptWhenMaxOutputBytesIsZero) {
  TestTempDir dir;
  auto a = dir.Write("a", "1");
  Comparison c = Command({{"run", {"sh", "-c", "echo differ; exit 1"}}, {"max_output_bytes", 0}})
                     ->Compare(a, a);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["output_bytes"], 7);
  EXPECT_TRUE(c.differences.empty());
}

TEST(CommandComparatorTest, BinaryOutputIsKeptAsValidUtf8) {
  TestTempDir dir;
  auto a = dir.Write("a", "1");
  Comparison c = Command({{"run", {"sh", "-c", "printf 'x\\377y'; exit 1"}}})->Compare(a, a);
  EXPECT_EQ(OutputOf(c), "x\\xffy");
  EXPECT_NO_THROW(c.ToJson().dump());
}

// Records the spec it is given and ends as told.
class FakeRunner : public ProcessRunner {
 public:
  explicit FakeRunner(ProcessResult result) : result_(std::move(result)) {}
  ProcessResult Run(const ProcessSpec& spec, const CancelToken&) override {
    spec_ = spec;
    return result_;
  }
  ProcessSpec spec_;

 private:
  ProcessResult result_;
};

TEST(CommandComparatorTest, SpecGivenToTheRunner) {
  ProcessResult exited;
  exited.end = ProcessEnd::kExited;
  exited.exit_code = 0;
  auto runner = std::make_shared<FakeRunner>(exited);
  CommandOptions options;
  options.run = {"cmp"};
  options.timeout_ms = 1234;
  CommandComparator c(options, runner);
  Comparison r = c.Compare("a", "b");
  EXPECT_EQ(r.outcome, Outcome::kMatch);
  EXPECT_EQ(runner->spec_.argv, (std::vector<std::string>{"cmp", "a", "b"}));
  EXPECT_EQ(runner->spec_.timeout_ms, 1234);
  EXPECT_FALSE(runner->spec_.stdout_path.empty());
  EXPECT_EQ(runner->spec_.stdout_path, runner->spec_.stderr_path);
  EXPECT_FALSE(fs::exists(runner->spec_.stdout_path));  // the temporary output is removed
}

TEST(CommandComparatorTest, Options) {
  auto defaults = ParseCommandOptions({{"run", "cmp"}});
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  EXPECT_EQ(defaults->timeout_ms, 10 * 60 * 1000);
  EXPECT_EQ(defaults->max_output_bytes, 64 << 10);
  auto set = ParseCommandOptions(
      {{"run", {"diff", "-u"}}, {"timeout", "90s"}, {"max_output_bytes", "100"}});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->run, (std::vector<std::string>{"diff", "-u"}));
  EXPECT_EQ(set->timeout_ms, 90000);
  EXPECT_EQ(set->max_output_bytes, 100);
  auto seconds = ParseCommandOptions({{"run", "cmp"}, {"timeout", 5}});
  ASSERT_TRUE(seconds.ok()) << seconds.status().ToString();
  EXPECT_EQ(seconds->timeout_ms, 5000);
}

TEST(CommandComparatorTest, BadOptionsNameTheOption) {
  auto message = [](const json& options) {
    auto r = CommandComparator::FromOptions(options);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << options.dump();
    return r.status().message();
  };
  EXPECT_EQ(message(json::object()),
            "comparator 'command': option 'run' is required (the command, e.g. run: \"cmp "
            "{legacy} {new}\")");
  EXPECT_EQ(message({{"run", "cmp"}, {"tmeout", "1s"}}),
            "comparator 'command': unknown option 'tmeout' (known: run, timeout, "
            "max_output_bytes)");
  EXPECT_EQ(message({{"run", ""}}),
            "comparator 'command': option 'run' must be a command (its first word the program), "
            "got \"\"");
  EXPECT_EQ(message({{"run", json::array()}}),
            "comparator 'command': option 'run' must be a command (its first word the program), "
            "got []");
  EXPECT_NE(message({{"run", "cmp 'unbalanced"}}).find("option 'run': "), std::string::npos);
  EXPECT_EQ(message({{"run", {"cmp", 1}}}),
            "comparator 'command': option 'run' must be a string or a list of strings, got "
            "[\"cmp\",1]");
  EXPECT_EQ(message({{"run", "cmp"}, {"timeout", "soon"}}),
            "comparator 'command': option 'timeout' must be a duration such as \"60s\" or "
            "\"10m\", got \"soon\"");
  EXPECT_NE(message({{"run", "cmp"}, {"timeout", "0s"}}), "");
  EXPECT_NE(message({{"run", "cmp"}, {"max_output_bytes", -1}}), "");
}

}  // namespace
}  // namespace cutover
