#include "report/html_page.h"

#include <gtest/gtest.h>

#include "report/report_fixture.h"

namespace cutover {
namespace {

using namespace cutover::testing;

std::string Page() {
  ReportFixture f;
  auto report = BuildMigrationReport(f.ledger(), f.pipeline(), f.rules(), kNow, 0);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return report.ok() ? RenderReportHtml(*report) : "";
}

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

TEST(HtmlPageTest, SelfContainedAndScriptFree) {
  std::string html = Page();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
}

TEST(HtmlPageTest, ShowsTheLedgersNumbers) {
  std::string html = Page();
  // Progress: 0 of 7 served by new; 0 of 2 steps cut over; 1 in validation; 3 comparisons with
  // 1 unexplained.
  EXPECT_NE(html.find("<b>0.0%</b>of step executions served by the new system (0 of 7)"),
            std::string::npos);
  EXPECT_NE(html.find("<b>0 / 2</b>steps cut over"), std::string::npos);
  EXPECT_NE(html.find("<b>1</b>in validation"), std::string::npos);
  EXPECT_NE(html.find("<b>3</b>comparisons, 1 unexplained"), std::string::npos);
  // The qc row: 6 tasks, 6 by legacy, 0 by new, 0 failed, 1 new failure, 0 fallbacks,
  // 0 rollbacks, 3 comparisons (2 match, 0 noise, 1 mismatch, 0 error, 0 accepted): 33.3%.
  EXPECT_NE(html.find("<td class=\"num\">6</td><td class=\"num\">6</td><td class=\"num\">0</td>"
                      "<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                      "<td class=\"num\">0</td><td class=\"num\">3</td><td class=\"num\">2</td>"
                      "<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                      "<td class=\"num\">0</td><td class=\"num\">33.3%</td>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("new is 10.0× faster"), std::string::npos);
  EXPECT_NE(html.find("missing "), std::string::npos);
  EXPECT_NE(html.find("cutover qc ready"), std::string::npos);
  EXPECT_NE(html.find("<code>cutover diff " + std::to_string(ReportFixture().mismatch_id()) +
                      "</code>"),
            std::string::npos);
  // Charts: the timeline, the served chart, then 4 per step.
  EXPECT_EQ(Count(html, "<svg class=\"chart\""), 2 + 4 * 2);
}

// The fixture, then in week 3: the mismatch accepted, qc's legacy changed (drift), an automatic
// rollback to legacy (from a canary) and a manual one (shadow -> legacy).
std::string StoryPage() {
  ReportFixture f;
  Ledger& ledger = f.ledger();
  EXPECT_TRUE(ledger.AcceptComparison(f.mismatch_id(), kWeek3 + 1000, "bob",
                                      "<em>known</em>: names with brackets")
                  .ok());
  ImplementationChange drift;
  drift.step = "qc";
  drift.subject = ChangeSubject::kLegacy;
  drift.at_ms = kWeek3 + 2000;
  drift.from_digest = "3f2a1b2c";
  drift.to_digest = "9b1c2d3e";
  drift.description = "file legacy/qc.sh 9b1c2d3e";
  drift.change = "file legacy/qc.sh (was 3f2a1b2c, now 9b1c2d3e)";
  EXPECT_TRUE(ledger.RecordImplementationChange(drift).ok());
  Route canary;
  canary.mode = RouteMode::kCanary;
  canary.percent = 10;
  RouteChange up;
  up.step = "qc";
  up.at_ms = kWeek3 + 3000;
  up.user = "alice";
  up.to = canary;
  up.reason = "gate held";
  EXPECT_TRUE(ledger.ChangeRoute(up).ok());
  RouteChange automatic;
  automatic.step = "qc";
  automatic.at_ms = kWeek3 + 4000;
  automatic.user = "cutover";
  automatic.to = Route{};
  automatic.reason = "3 consecutive failures";
  automatic.automatic = true;
  EXPECT_TRUE(ledger.ChangeRoute(automatic).ok());
  auto report = BuildMigrationReport(ledger, f.pipeline(), f.rules(), kNow, 0);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return report.ok() ? RenderReportHtml(*report) : "";
}

TEST(HtmlPageTest, TellsTheWholeStory) {
  const std::string html = StoryPage();
  // Accepted mismatches: their own colour in the chart (week 2: the one accepted), and listed
  // with their reasons.
  EXPECT_NE(html.find("<rect class=\"mark accepted\""), std::string::npos) << html;
  EXPECT_NE(html.find("<h3>Accepted differences</h3>"), std::string::npos);
  EXPECT_NE(html.find("&lt;em&gt;known&lt;/em&gt;: names with brackets"), std::string::npos);
  EXPECT_EQ(html.find("<rect class=\"mark mismatch\""), std::string::npos)
      << "the only mismatch is accepted";
  // The timeline: the move to canary, the automatic rollback (red), the drift; with what each
  // was in its tooltip.
  EXPECT_EQ(Count(html, "class=\"marker rollback-auto\""), 1);
  EXPECT_EQ(Count(html, "class=\"marker drift\""), 1);
  EXPECT_NE(html.find("canary 10% → legacy: automatic rollback (3 consecutive failures)"),
            std::string::npos);
  EXPECT_NE(html.find("legacy changed: file legacy/qc.sh (was 3f2a1b2c, now 9b1c2d3e)"),
            std::string::npos);
  EXPECT_NE(html.find("<h3>Implementation changes</h3>"), std::string::npos);
  // The summary card counts in words that agree with the number.
  EXPECT_NE(html.find("<b>0</b>fallbacks, 1 automatic rollback</div>"), std::string::npos);
  // A step with no rewrite has no speed-up to tell.
  EXPECT_NE(html.find("Run time (successful runs; no new side yet)"), std::string::npos);
  EXPECT_EQ(html.find("new is –"), std::string::npos);
}

TEST(HtmlPageTest, AManualRollbackIsMarkedDark) {
  ReportFixture f;
  RouteChange back;
  back.step = "qc";
  back.at_ms = kWeek3 + 1000;
  back.user = "ana";
  back.to = Route{};
  back.reason = "the rewrite is wrong on paired reads";
  ASSERT_TRUE(f.ledger().ChangeRoute(back).ok());
  auto report = BuildMigrationReport(f.ledger(), f.pipeline(), f.rules(), kNow, 0);
  ASSERT_TRUE(report.ok());
  const std::string html = RenderReportHtml(*report);
  EXPECT_EQ(Count(html, "class=\"marker rollback\""), 1);
  EXPECT_EQ(Count(html, "class=\"marker rollback-auto\""), 0);
  EXPECT_NE(html.find("shadow → legacy: rollback by ana"), std::string::npos);
}

TEST(HtmlPageTest, UserTextIsEscaped) {
  std::string html = Page();
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert(2)"), std::string::npos);
  EXPECT_EQ(html.find("differs <b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(2)&lt;/script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace cutover
