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
