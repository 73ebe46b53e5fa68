// Calibration runs through the side runner (a fake process runner), its record in a real
// SQLite ledger, and --apply editing a real pipeline file.
#include "run/calibration.h"

#include <gtest/gtest.h>

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
