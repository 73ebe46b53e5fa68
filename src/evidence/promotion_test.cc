#include "evidence/promotion.h"

#include <gtest/gtest.h>

#include "evidence/route_change.h"
#include "ledger/sqlite_ledger.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

constexpr int64_t kDay = 86400000;

class PromotionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto l = OpenSqliteLedger(dir_.path() / "ledger.db");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    step_.name = "qc";
    step_.new_impl = Implementation{};
    policy_.min_comparisons = 2;
    policy_.min_samples = 2;
    policy_.min_days = 1;
    policy_.clean_last = 0;
    policy_.canary_steps = {50};
  }
  void RouteTo(RouteMode mode, int64_t at_ms) {
    RouteChange c;
    c.to = {mode, 0};
    c.user = "alice";
    c.at_ms = at_ms;
    c.reason = "test";
    ASSERT_TRUE(ChangeStepRoute(*ledger_, step_, c).ok());
  }
  // A finished shadow task of qc for `sample` at `at_ms` whose one output compared `outcome`.
  void Compared(const std::string& sample, int64_t at_ms, Outcome outcome) {
    TaskRecord t;
    t.step = "qc";
    t.sample = sample;
    t.started_ms = at_ms;
    t.route = {RouteMode::kShadow, 0};
    auto id = ledger_->BeginTask(t);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    t.id = *id;
    ComparisonRecord c;
    c.task_id = t.id;
    c.step = "qc";
    c.sample = sample;
    c.output = "report";
    c.comparator = "bytes";
    c.outcome = outcome;
    c.at_ms = at_ms;
    ASSERT_TRUE(ledger_->RecordComparison(c).ok());
    t.status = TaskStatus::kPublished;
    t.served_by = Side::kLegacy;
    t.finished_ms = at_ms + 1;
    ASSERT_TRUE(ledger_->FinishTask(t).ok());
  }
  PromotionRequest Request(int64_t now_ms) {
    PromotionRequest r;
    r.user = "bob";
    r.now_ms = now_ms;
    return r;
  }

  TestTempDir dir_;
  std::unique_ptr<Ledger> ledger_;
  Step step_;
  GatePolicy policy_;
};

TEST_F(PromotionTest, LegacyToShadowNeedsNoGate) {
  auto p = Promote(*ledger_, step_, policy_, Request(kDay));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->outcome, PromotionOutcome::kPromoted);
  EXPECT_FALSE(p->gated);
  EXPECT_EQ(p->evidence, "no gate from legacy to shadow");
  EXPECT_EQ(p->change.to.mode, RouteMode::kShadow);
  EXPECT_EQ(p->change.reason, "promoted: gate not needed");
  EXPECT_FALSE(p->change.forced);
  EXPECT_EQ(ledger_->GetRoute("qc")->mode, RouteMode::kShadow);
}

TEST_F(PromotionTest, NotReadyChangesNothing) {
  RouteTo(RouteMode::kShadow, 1000);
  Compared("a", kDay / 2, Outcome::kMatch);
  auto p = Promote(*ledger_, step_, policy_, Request(2 * kDay));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->outcome, PromotionOutcome::kNotReady);
  EXPECT_TRUE(p->gated);
  EXPECT_EQ(p->to.mode, RouteMode::kCanary);
  EXPECT_EQ(p->to.percent, 50);
  EXPECT_EQ(p->gate.evaluation.Summary(), "1 of 2 comparisons (need 1 more), 1 of 2 samples (need 1 more)");
  EXPECT_EQ(ledger_->GetRoute("qc")->mode, RouteMode::kShadow);
}

TEST_F(PromotionTest, GateHoldsPromotesWithEvidence) {
  RouteTo(RouteMode::kShadow, 1000);
  Compared("a", kDay / 2, Outcome::kMatch);
  Compared("b", kDay / 2 + 1, Outcome::kNoise);
  PromotionRequest r = Request(2 * kDay);
  r.reason = "looks good";
  auto p = Promote(*ledger_, step_, policy_, r);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->outcome, PromotionOutcome::kPromoted);
  EXPECT_FALSE(p->change.forced);
  EXPECT_EQ(p->change.user, "bob");
  EXPECT_EQ(p->change.reason,
            "promoted: gate holds: looks good (2 comparisons on 2 samples over 2.0 days, 0 "
            "unexplained)");
  EXPECT_EQ(p->change.evidence.at("comparisons"), 2);
  EXPECT_EQ(p->change.evidence.at("policy").at("min_samples"), 2);
  EXPECT_EQ(ledger_->GetRoute("qc")->mode, RouteMode::kCanary);
}

TEST_F(PromotionTest, DryRunChangesNothing) {
  PromotionRequest r = Request(kDay);
  r.dry_run = true;
  auto p = Promote(*ledger_, step_, policy_, r);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->outcome, PromotionOutcome::kWouldPromote);
  EXPECT_EQ(p->to.mode, RouteMode::kShadow);
  EXPECT_EQ(ledger_->GetRoute("qc")->mode, RouteMode::kLegacy);
}

TEST_F(PromotionTest, ForceNeedsAReasonAndIsRecorded) {
  RouteTo(RouteMode::kShadow, 1000);
  PromotionRequest r = Request(kDay);
  r.force = true;
  auto refused = Promote(*ledger_, step_, policy_, r);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  r.reason = "deadline";
  auto p = Promote(*ledger_, step_, policy_, r);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->outcome, PromotionOutcome::kPromoted);
  EXPECT_TRUE(p->change.forced);
  EXPECT_EQ(p->change.reason.rfind("forced past the gate (0 of 2 comparisons", 0), 0u)
      << p->change.reason;
  EXPECT_NE(p->change.reason.find("): deadline"), std::string::npos) << p->change.reason;
  auto history = ledger_->History("qc");
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->back().forced);
}

TEST_F(PromotionTest, NothingToPromote) {
  Step without = step_;
  without.new_impl.reset();
  auto p = Promote(*ledger_, without, policy_, Request(kDay));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  RouteTo(RouteMode::kNew, 0);
  auto done = Promote(*ledger_, step_, policy_, Request(kDay));
  ASSERT_FALSE(done.ok());
  EXPECT_NE(done.status().message().find("already on new"), std::string::npos);
}

}  // namespace
}  // namespace cutover
