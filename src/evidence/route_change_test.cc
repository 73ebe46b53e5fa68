#include "evidence/route_change.h"

#include <gtest/gtest.h>

#include "ledger/sqlite_ledger.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

class RouteChangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto l = OpenSqliteLedger(dir_.path() / "ledger.db");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    step_.name = "qc";
    step_.new_impl = Implementation{};
    step_.max_consecutive_failures = 2;
  }
  RouteChange To(RouteMode mode, int percent = 0) {
    RouteChange c;
    c.to = {mode, percent};
    c.user = "alice";
    c.at_ms = 1000;
    c.reason = "because";
    return c;
  }
  // A task of qc whose new side served and failed.
  void NewFailure(const std::string& sample) {
    TaskRecord t;
    t.step = "qc";
    t.sample = sample;
    t.serving = Side::kNew;
    auto task = ledger_->BeginTask(t);
    ASSERT_TRUE(task.ok()) << task.status().ToString();
    ExecutionRecord e;
    e.task_id = *task;
    e.step = "qc";
    e.sample = sample;
    e.side = Side::kNew;
    e.role = Role::kServing;
    auto id = ledger_->BeginExecution(e);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    e.id = *id;
    e.status = ExecStatus::kFailed;
    e.exit_code = 1;
    ASSERT_TRUE(ledger_->FinishExecution(e).ok());
  }

  TestTempDir dir_;
  std::unique_ptr<Ledger> ledger_;
  Step step_;
};

TEST(MovesForwardTest, OnlyMovesThatLetTheNewSideServeMore) {
  const Route legacy{RouteMode::kLegacy, 0}, shadow{RouteMode::kShadow, 0},
      canary10{RouteMode::kCanary, 10}, canary50{RouteMode::kCanary, 50}, fresh{RouteMode::kNew, 0},
      retired{RouteMode::kRetired, 0};
  EXPECT_FALSE(MovesForward(legacy, shadow));  // shadowing is how evidence starts
  EXPECT_TRUE(MovesForward(shadow, canary10));
  EXPECT_TRUE(MovesForward(canary10, canary50));
  EXPECT_TRUE(MovesForward(legacy, fresh));
  EXPECT_TRUE(MovesForward(shadow, retired));
  EXPECT_FALSE(MovesForward(canary50, canary10));
  EXPECT_FALSE(MovesForward(fresh, retired));  // both serve everything
  EXPECT_FALSE(MovesForward(fresh, legacy));
  EXPECT_FALSE(MovesForward(canary50, shadow));
}

TEST_F(RouteChangeTest, RecordsWhoWhyAndFrom) {
  auto done = ChangeStepRoute(*ledger_, step_, To(RouteMode::kShadow));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->step, "qc");
  EXPECT_EQ(done->from.mode, RouteMode::kLegacy);
  EXPECT_EQ(done->to.mode, RouteMode::kShadow);
  auto history = ledger_->History("qc");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().user, "alice");
  EXPECT_EQ(history->front().reason, "because");
  EXPECT_EQ(ledger_->GetRoute("qc")->mode, RouteMode::kShadow);
}

TEST_F(RouteChangeTest, WithoutNewOnlyLegacy) {
  step_.new_impl.reset();
  auto refused = ChangeStepRoute(*ledger_, step_, To(RouteMode::kShadow));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("can only be routed to legacy"), std::string::npos);
  EXPECT_EQ(ledger_->GetRoute("qc")->mode, RouteMode::kLegacy);
  EXPECT_TRUE(ChangeStepRoute(*ledger_, step_, To(RouteMode::kLegacy)).ok());
}

TEST_F(RouteChangeTest, NeedsAReason) {
  RouteChange c = To(RouteMode::kShadow);
  c.reason.clear();
  auto refused = ChangeStepRoute(*ledger_, step_, c);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RouteChangeTest, ExpectedRouteIsChecked) {
  RouteChange c = To(RouteMode::kNew);
  c.expect_from = Route{RouteMode::kCanary, 10};
  auto refused = ChangeStepRoute(*ledger_, step_, c);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kBusy);
}

TEST_F(RouteChangeTest, RollsBackOnlyAtTheLimitWhereNewServes) {
  ASSERT_TRUE(ChangeStepRoute(*ledger_, step_, To(RouteMode::kNew)).ok());
  NewFailure("s1");
  auto none = RollBackIfFailing(*ledger_, step_, "s1", "exit 1", 2000);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());  // 1 of 2
  NewFailure("s2");
  auto done = RollBackIfFailing(*ledger_, step_, "s2", "exit 1 — boom", 3000);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_TRUE(done->has_value());
  EXPECT_EQ((*done)->from.mode, RouteMode::kNew);
  EXPECT_EQ((*done)->to.mode, RouteMode::kLegacy);
  EXPECT_TRUE((*done)->automatic);
  EXPECT_EQ((*done)->user, "cutover");
  EXPECT_EQ((*done)->reason,
            "automatic rollback: 2 consecutive new-side failures (limit 2); last on sample s2: "
            "exit 1 — boom");
  EXPECT_EQ(ledger_->GetRoute("qc")->mode, RouteMode::kLegacy);
  // Back on legacy: nothing more to roll back.
  auto again = RollBackIfFailing(*ledger_, step_, "s2", "exit 1", 4000);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
}

}  // namespace
}  // namespace cutover
