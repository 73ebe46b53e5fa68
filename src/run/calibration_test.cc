// Calibration runs through the side runner (a fake process runner), its record in a real
// SQLite ledger, and --apply editing a real pipeline file.
#include "run/calibration.h"

#include <gtest/gtest.h>

#include <chrono>

#include "ledger/sqlite_ledger.h"
#include "pipeline/loader.h"
#include "testing/fake_clock.h"
#include "testing/fake_process_runner.h"
#include "testing/temp_dir.h"
#include "util/clock.h"
#include "util/file.h"

namespace cutover {
namespace {

constexpr char kPipeline[] = R"(# the lab's pipeline
samples: {list: [a]}
steps:
  st:
    outputs:
      o: "out/{sample}.txt"   # the report
    legacy: {command: "write {output.o} same"}
)";

class CalibrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = dir_.path() / "cutover.yaml";
    ASSERT_TRUE(WriteFileAtomic(file_, kPipeline).ok());
    auto p = LoadPipeline(file_.string());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
    auto l = OpenSqliteLedger(dir_.path() / ".cutover" / "ledger.db");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    ctx_.pipeline = &pipeline_;
    ctx_.ledger = ledger_.get();
    ctx_.runner = &runner_;
    ctx_.clock = &clock_;
    ctx_.cancel = &cancel_;
    ctx_.progress = progress_.get();
    ctx_.state_dir = dir_.path() / ".cutover";
    ctx_.user = "tester";
  }

  TestTempDir dir_;
  std::filesystem::path file_;
  Pipeline pipeline_;
  std::unique_ptr<Ledger> ledger_;
  testing::FakeProcessRunner runner_;
  FakeClock clock_{1'700'000'000'000};
  CancelToken cancel_;
  std::unique_ptr<ProgressSink> progress_ = MakeSilentProgress();
  RunContext ctx_;
};

TEST_F(CalibrationTest, DeterministicLegacyIsRecordedWithNoProposal) {
  const Step& st = *pipeline_.FindStep("st");
  CalibrationOptions options;
  options.runs = 3;
  options.min_spacing_ms = 0;
  auto result = Calibrate(ctx_, st, pipeline_.FindSample("a"), options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(runner_.calls().size(), 3u);
  EXPECT_TRUE(result->deterministic());
  EXPECT_TRUE(ProposedSpecs(*result).empty());
  auto id = RecordCalibration(ctx_, st, *result);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto stored = ledger_->Calibrations("st");
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().runs, 3);
  EXPECT_TRUE(stored->front().deterministic);
  EXPECT_EQ(stored->front().user, "tester");
  EXPECT_EQ(stored->front().details.size(), 2u);  // run 1 against runs 2 and 3
  EXPECT_FALSE(result->new_ran);
  EXPECT_EQ(result->new_note, "the step has no new side");
  EXPECT_FALSE(result->outputs.at(0).between_sides.has_value());
}

constexpr char kWithNew[] = R"(samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} same"}
    new: {command: "write {output.o} other"}
)";

TEST_F(CalibrationTest, TheNewSideRunsOnceAndIsJudgedUnderTheProposal) {
  auto p = ParsePipeline(kWithNew, file_.string(), dir_.path());
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  pipeline_ = std::move(p).value();
  const Step& st = *pipeline_.FindStep("st");
  CalibrationOptions options;
  options.min_spacing_ms = 150;
  const auto start = std::chrono::steady_clock::now();
  auto result = Calibrate(ctx_, st, pipeline_.FindSample("a"), options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  // Two legacy runs and one new run, each started 150 ms after the one before.
  ASSERT_EQ(runner_.calls().size(), 3u);
  EXPECT_NE(runner_.calls().back().argv.back().find("other"), std::string::npos);
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));
  EXPECT_TRUE(result->new_ran);
  EXPECT_TRUE(result->deterministic());
  const OutputCalibration& o = result->outputs.at(0);
  ASSERT_TRUE(o.between_sides.has_value());
  EXPECT_EQ(o.between_sides->outcome, Outcome::kMismatch);
  // The difference between the sides is reported, never made a rule.
  EXPECT_TRUE(ProposedSpecs(*result).empty());
  ASSERT_TRUE(RecordCalibration(ctx_, st, *result).ok());
  auto stored = ledger_->Calibrations("st");
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->front().details.size(), 2u);
  EXPECT_EQ(stored->front().details[1]["runs"], nlohmann::json::array({1, "new"}));
  EXPECT_EQ(stored->front().details[1]["proposed"]["outcome"], "mismatch");

  const size_t before = runner_.calls().size();
  options.with_new = false;
  options.min_spacing_ms = 0;
  auto legacy_only = Calibrate(ctx_, st, pipeline_.FindSample("a"), options);
  ASSERT_TRUE(legacy_only.ok());
  EXPECT_EQ(runner_.calls().size() - before, 2u);
  EXPECT_FALSE(legacy_only->new_ran);
  EXPECT_EQ(legacy_only->new_note, "the new side was not run (--legacy-only)");
  const std::vector<std::string> limits = CalibrationLimits(*legacy_only);
  ASSERT_EQ(limits.size(), 4u);
  EXPECT_EQ(limits[2], "other input: it ran on sample a only (`--sample` picks another)");
  EXPECT_EQ(limits[3], "the new side's output: the new side was not run (--legacy-only)");
}

TEST_F(CalibrationTest, ANewSideThatFailsIsNotedNotFatal) {
  auto p = ParsePipeline(R"(samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} same"}
    new: {command: "fail 3"}
)",
                         file_.string(), dir_.path());
  ASSERT_TRUE(p.ok());
  pipeline_ = std::move(p).value();
  CalibrationOptions options;
  options.min_spacing_ms = 0;
  auto result = Calibrate(ctx_, *pipeline_.FindStep("st"), pipeline_.FindSample("a"), options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->new_ran);
  EXPECT_EQ(result->new_note, "new failed: exit 3 — boom");
}

// A recorded calibration as `cutover calibrate` leaves it: a proposal for `o`, made while its
// compare: was `configured`.
CalibrationRecord Recorded(const std::string& sample, const nlohmann::json& configured) {
  CalibrationRecord rec;
  rec.step = "st";
  rec.sample = sample;
  rec.at_ms = 1'700'000'000'000;
  rec.user = "tester";
  rec.runs = 2;
  rec.proposal = {{"o", {{"kind", "text"}, {"ignore", {"^# run "}}}}};
  rec.details = nlohmann::json::array(
      {{{"output", "o"}, {"runs", {1, 2}}, {"configured_spec", configured}}});
  return rec;
}

TEST_F(CalibrationTest, ApplyRecordedWritesTheLatestProposalWithoutRunning) {
  const Step& st = *pipeline_.FindStep("st");
  auto none = ApplyRecordedCalibration(*ledger_, pipeline_, st, "");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(none.status().message(),
            "no calibration of step st is recorded: run `cutover calibrate st` first");

  ASSERT_TRUE(ledger_->RecordCalibration(Recorded("a", {{"kind", "bytes"}})).ok());
  auto applied = ApplyRecordedCalibration(*ledger_, pipeline_, st, "");
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(applied->sample, "a");
  EXPECT_TRUE(runner_.calls().empty());  // nothing ran
  auto reloaded = LoadPipeline(file_.string());
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  EXPECT_EQ(reloaded->FindStep("st")->outputs.at(0).compare.options.at("ignore"),
            nlohmann::json::array({"^# run "}));

  // Another sample asked for: none recorded for it.
  auto other = ApplyRecordedCalibration(*ledger_, pipeline_, st, "b");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
}

TEST_F(CalibrationTest, ApplyRecordedRefusesWhenTheRulesChangedSince) {
  ASSERT_TRUE(
      ledger_->RecordCalibration(Recorded("a", {{"kind", "text"}, {"ignore", {"^#"}}})).ok());
  auto applied = ApplyRecordedCalibration(*ledger_, pipeline_, *pipeline_.FindStep("st"), "");
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.status().code(), StatusCode::kFailed);
  EXPECT_NE(applied.status().message().find("the compare: of output o changed since calibration"),
            std::string::npos)
      << applied.status().message();
  EXPECT_EQ(*ReadFile(file_), kPipeline);  // nothing written
}

TEST_F(CalibrationTest, FailedRunNamesTheRunAndWhy) {
  auto p = ParsePipeline(R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "fail 4"}
)",
                         file_.string(), dir_.path());
  ASSERT_TRUE(p.ok());
  pipeline_ = std::move(p).value();
  auto result = Calibrate(ctx_, *pipeline_.FindStep("st"), pipeline_.FindSample("a"), {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "legacy run 1 of step st on sample a failed: exit 4 — boom");
}

TEST_F(CalibrationTest, ApplyEditsTheFileKeepingComments) {
  nlohmann::json proposal = {{"o", {{"kind", "text"}, {"ignore", {"^# date"}}}}};
  ASSERT_TRUE(ApplyCalibration(pipeline_, "st", proposal).ok());
  auto text = ReadFile(file_);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("# the lab's pipeline"), std::string::npos) << *text;
  EXPECT_NE(text->find("# the report"), std::string::npos) << *text;
  auto reloaded = LoadPipeline(file_.string());
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  const CompareSpec& spec = reloaded->FindStep("st")->outputs.at(0).compare;
  EXPECT_EQ(spec.kind, "text");
  EXPECT_EQ(spec.options.at("ignore"), nlohmann::json::array({"^# date"}));
}

TEST_F(CalibrationTest, ApplyWritesNothingThatWouldNotLoad) {
  nlohmann::json proposal = {{"o", {{"kind", "no-such-comparator"}}}};
  Status s = ApplyCalibration(pipeline_, "st", proposal);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("nothing written"), std::string::npos) << s.message();
  EXPECT_EQ(*ReadFile(file_), kPipeline);
}

}  // namespace
}  // namespace cutover
