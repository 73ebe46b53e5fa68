#include "report/sprint_summary.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "report/report_fixture.h"

namespace cutover {
namespace {

using namespace cutover::testing;

TEST(SprintSummaryTest, SaysWhatMovedWhatIsReadyWhatBlocksAndTheSpeedUps) {
  ReportFixture f;
  auto report = BuildMigrationReport(f.ledger(), f.pipeline(), f.rules(), kNow, kWeek2);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::string md = RenderSprintSummary(*report);
  EXPECT_NE(md.find("# Migration update, 2026-01-12 to 2026-01-21"), std::string::npos) << md;
  // Served in the period: 3 (week 2) + 1 (week 3), all legacy.
  EXPECT_NE(md.find("**0% of step executions were served by the new system** this period (0 of 4)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- `qc`: legacy → shadow on 2026-01-13 by alice: “cutover qc ready”"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("## Ready to cut over\n\n- Nothing yet."), std::string::npos) << md;
  EXPECT_NE(md.find("- `qc` (shadow): the gate is missing"), std::string::npos) << md;
  EXPECT_NE(md.find(fmt::format("1 unexplained mismatch (latest on sample "
                                "\\<img src=x onerror=alert\\(1\\)\\>: `cutover diff {}`)",
                                f.mismatch_id())),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- `qc`: 1 new-side failure, 0 fallbacks, 0 automatic rollbacks."),
            std::string::npos)
      << md;
  // Run times, the latest runs whatever the period: legacy 1000, 3000, 2000 x4; new 100/200/300.
  EXPECT_NE(md.find("| `qc` | 2 s | 200 ms | 10.0× | 200 MB → 10 MB |"), std::string::npos) << md;
  EXPECT_NE(md.find("- `trim`: on legacy, no new implementation yet."), std::string::npos) << md;
  // Every angle bracket from the data is backslash-escaped (rendered as text, never as HTML).
  for (size_t p = md.find('<'); p != std::string::npos; p = md.find('<', p + 1)) {
    EXPECT_TRUE(p > 0 && md[p - 1] == '\\') << md.substr(p > 20 ? p - 20 : 0, 40);
  }
}

TEST(SprintSummaryTest, ReadyGateIsListed) {
  ReportFixture f;
  // Accepting the mismatch leaves 1 unexplained (the failed new side) of 4 compared tasks: 25%,
  // within a policy that tolerates 50% and does not require a clean tail.
  ASSERT_TRUE(f.ledger().AcceptComparison(f.mismatch_id(), kNow, "bob", "expected").ok());
  Pipeline pipeline = f.pipeline();
  pipeline.steps[0].policy["max_mismatch_rate"] = 0.5;
  pipeline.steps[0].policy["clean_last"] = 0;
  auto report = BuildMigrationReport(f.ledger(), pipeline, RulesOf(pipeline), kNow, kWeek2);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::string md = RenderSprintSummary(*report);
  EXPECT_NE(md.find("- `qc` (shadow): the gate holds — 4 comparisons over 3 samples, 8.0 days in "
                    "validation. Next: `cutover promote qc`."),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("unexplained mismatch"), std::string::npos) << md;
}

TEST(SprintSummaryTest, ACutOverStepIsWatchedNotBlocking) {
  ReportFixture f;
  Route neu;
  neu.mode = RouteMode::kNew;
  RouteChange cut;
  cut.step = "qc";
  cut.at_ms = kWeek3 + 1000;
  cut.user = "alice";
  cut.to = neu;
  cut.reason = "done";
  cut.forced = true;
  ASSERT_TRUE(f.ledger().ChangeRoute(cut).ok());
  ImplementationChange drift;
  drift.step = "qc";
  drift.subject = ChangeSubject::kCompare;
  drift.at_ms = kWeek3 + 2000;
  drift.from_digest = "1";
  drift.to_digest = "2";
  drift.change = "output report: kind text (was bytes)";
  ASSERT_TRUE(f.ledger().RecordImplementationChange(drift).ok());
  ASSERT_TRUE(f.ledger().AcceptComparison(f.mismatch_id(), kNow, "bob", "a_known rounding").ok());
  auto report = BuildMigrationReport(f.ledger(), f.pipeline(), f.rules(), kNow, kWeek2);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const std::string md = RenderSprintSummary(*report);
  EXPECT_NE(md.find("## Blocking\n\n- Nothing blocks.\n"), std::string::npos) << md;
  EXPECT_NE(md.find("## Cut over, to watch\n\n- `qc`: 1 new-side failure, 0 fallbacks, 0 "
                    "automatic rollbacks.\n"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("the gate is missing"), std::string::npos) << md;
  EXPECT_NE(md.find("- `qc`: compare changed on 2026-01-19: output report: kind text \\(was "
                    "bytes\\) (comparisons made before it no longer count)."),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("## Accepted differences\n\n- `qc` "), std::string::npos) << md;
  EXPECT_NE(md.find("accepted by bob: “a\\_known rounding”"), std::string::npos) << md;
}

TEST(SprintSummaryTest, MarkdownEscape) {
  EXPECT_EQ(MarkdownEscape("a_b*c|d<e>\nf"), "a\\_b\\*c\\|d\\<e\\> f");
  EXPECT_EQ(MarkdownEscape("[x](javascript:1)"), "\\[x\\]\\(javascript:1\\)");
}

}  // namespace
}  // namespace cutover
