#include "run/recompare.h"

#include <gtest/gtest.h>

#include <fstream>

#include "evidence/step_rules.h"
#include "ledger/sqlite_ledger.h"
#include "pipeline/loader.h"
#include "run/compare_identity.h"
#include "run/implementation_drift.h"
#include "testing/temp_dir.h"
#include "util/digest.h"

namespace cutover {
namespace {
namespace fs = std::filesystem;

// One task of step "stats" compared at 100 with plain `text`: legacy wrote "v\n" (published),
// new wrote "v\n# x\n" (kept in its scratch folder). The compare: then learns to ignore "# "
// lines.
class RecompareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Load("{kind: text}");
    auto l = OpenSqliteLedger(root() / "ledger.db");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    ASSERT_TRUE(RecordImplementationDrift(*ledger_, "stats", ChangeSubject::kCompare,
                                          CompareIdentityOf(pipeline_.steps[0]), 0, 50)
                    .ok());
    TaskRecord t;
    t.step = "stats";
    t.sample = "a";
    t.started_ms = 90;
    t.status = TaskStatus::kPublished;
    task_ = *ledger_->BeginTask(t);
    legacy_ = Execution(Side::kLegacy, "v\n", /*published=*/true);
    new_ = Execution(Side::kNew, "v\n# x\n", /*published=*/false);
    ComparisonRecord c;
    c.task_id = task_;
    c.step = "stats";
    c.sample = "a";
    c.output = "o";
    c.comparator = "text";
    c.outcome = Outcome::kMismatch;
    c.legacy_execution_id = legacy_;
    c.new_execution_id = new_;
    c.at_ms = 100;
    first_comparison_ = *ledger_->RecordComparison(c);
  }

  fs::path root() const { return dir_.path(); }
  void Load(const std::string& compare) {
    auto p = ParsePipeline(
        "samples: {list: [a]}\nsteps:\n  stats:\n    outputs: {o: {path: out/a.txt, compare: " +
            compare + "}}\n    legacy: {shell: 'true'}\n    new: {shell: 'true'}\n",
        "cutover.yaml", root());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
    auto rules = BuildPipelineRules(pipeline_);
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    rules_ = std::move(rules).value();
  }
  void Write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  int64_t Execution(Side side, const std::string& text, bool published) {
    ExecutionRecord e;
    e.task_id = task_;
    e.step = "stats";
    e.sample = "a";
    e.side = side;
    e.scratch_dir = (root() / ".cutover/scratch/stats/1" / std::string(ToString(side))).string();
    e.status = ExecStatus::kSucceeded;
    e.outputs = {{"o", "out/a.txt", static_cast<int64_t>(text.size()), DigestBytes(text)}};
    Write(published ? root() / "out/a.txt" : fs::path(e.scratch_dir) / "out/a.txt", text);
    e.id = *ledger_->BeginExecution(e);
    EXPECT_TRUE(ledger_->FinishExecution(e).ok());
    return e.id;
  }
  Result<RecompareResult> Run(int64_t now_ms) {
    return Recompare(*ledger_, pipeline_, pipeline_.steps[0], rules_.Of("stats"), 0, now_ms);
  }

  TestTempDir dir_;
  Pipeline pipeline_;
  PipelineRules rules_;
  std::unique_ptr<Ledger> ledger_;
  int64_t task_ = 0, legacy_ = 0, new_ = 0, first_comparison_ = 0;
};

TEST_F(RecompareTest, NothingToDoWhileCompareIsUnchanged) {
  auto r = Run(200);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->changed_at_ms, 0);
  EXPECT_EQ(r->announcement, "");
  EXPECT_TRUE(r->recorded.empty());
}

TEST_F(RecompareTest, JudgesTheKeptOutputsWithTheNewRulesOnce) {
  Load(R"({kind: text, ignore: ["^# "]})");
  auto r = Run(200);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->announcement,
            R"(compare: of stats changed: output o (was text, now text {"ignore":["^# "]}))");
  EXPECT_EQ(r->changed_at_ms, 200);
  EXPECT_EQ(r->tasks, 1);
  ASSERT_EQ(r->recorded.size(), 1u);
  const ComparisonRecord& c = r->recorded[0];
  EXPECT_EQ(c.outcome, Outcome::kNoise);
  EXPECT_EQ(c.task_id, task_);
  EXPECT_EQ(c.at_ms, 200);
  EXPECT_EQ(c.legacy_execution_id, legacy_);
  EXPECT_EQ(c.new_execution_id, new_);
  EXPECT_EQ(c.summary.value("recompared", int64_t{0}), first_comparison_);
  EXPECT_EQ(c.summary.value("compare_digest", std::string()),
            CompareIdentityOf(pipeline_.steps[0]).digest);
  EXPECT_EQ(ledger_->ComparisonsOfTask(task_)->size(), 2u);
  // Judged with the current rules now: not again.
  auto again = Run(300);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->announcement, "");
  EXPECT_EQ(again->tasks, 0);
  EXPECT_EQ(ledger_->ComparisonsOfTask(task_)->size(), 2u);
}

TEST_F(RecompareTest, AnOutputGoneOrChangedSinceIsNamedNotGuessedAt) {
  Load(R"({kind: text, ignore: ["^# "]})");
  // The published output was replaced by a later run: no longer legacy's of this task.
  Write(root() / "out/a.txt", "w\n");
  auto r = Run(200);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tasks, 1);
  EXPECT_TRUE(r->recorded.empty());
  ASSERT_EQ(r->gone.size(), 1u);
  EXPECT_EQ(r->gone[0],
            "task " + std::to_string(task_) +
                " (sample a): legacy's output o is no longer kept "
                "(.cutover/scratch/stats/1/legacy/out/a.txt: gone)");
  EXPECT_EQ(ledger_->ComparisonsOfTask(task_)->size(), 1u);
}

TEST_F(RecompareTest, ALinkInPlaceOfAnOutputIsNotFollowed) {
  Load(R"({kind: text, ignore: ["^# "]})");
  const fs::path kept = root() / ".cutover/scratch/stats/1/new/out/a.txt";
  Write(root() / "elsewhere.txt", "v\n# x\n");  // the same bytes, outside the scratch folder
  fs::remove(kept);
  fs::create_symlink(root() / "elsewhere.txt", kept);
  auto r = Run(200);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->recorded.empty());
  ASSERT_EQ(r->gone.size(), 1u);
  EXPECT_NE(r->gone[0].find("new's output o is no longer kept"), std::string::npos) << r->gone[0];
}

}  // namespace
}  // namespace cutover
