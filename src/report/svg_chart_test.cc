#include "report/svg_chart.h"

#include <gtest/gtest.h>

#include "util/strings.h"

namespace cutover {
namespace {

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

TEST(SvgChartTest, StackedBarsDrawOneMarkPerNonZeroValue) {
  std::string svg = StackedBarChart("comparisons", {"w1", "w2", "w3"},
                                    {{"match", "match", {3, 0, 5}}, {"mismatch", "mismatch", {1, 2, 0}}},
                                    "count");
  EXPECT_EQ(Count(svg, "<rect class=\"mark "), 4);
  EXPECT_NE(svg.find("data-marks=\"4\""), std::string::npos);
  EXPECT_NE(svg.find("<title>w1: mismatch 1</title>"), std::string::npos);
  EXPECT_EQ(svg.find("no data"), std::string::npos);
  // The tallest stack (w3: 5) sets the axis: ticks every 2 (about 4 divisions) up to 6.
  EXPECT_NE(svg.find(">6</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">8</text>"), std::string::npos);
}

TEST(SvgChartTest, EmptyChartSaysNoData) {
  std::string svg = StackedBarChart("x", {}, {{"match", "match", {}}}, "n");
  EXPECT_NE(svg.find("no data in this period"), std::string::npos);
  EXPECT_NE(svg.find("data-marks=\"0\""), std::string::npos);
}

TEST(SvgChartTest, EverythingTextualIsEscaped) {
  const std::string evil = "<img src=x onerror=alert(1)>";
  std::string bars = StackedBarChart(evil, {evil}, {{evil, "a\"b", {1}}}, evil);
  std::string boxes = BoxPlotChart(evil, {{evil, evil, Summarize({1, 2})}}, FormatMs);
  std::string timeline = RouteTimelineChart({evil}, {evil}, {{{"new", evil, evil, true}}});
  for (const std::string& svg : {bars, boxes, timeline}) {
    EXPECT_EQ(svg.find("<img"), std::string::npos) << svg;
    EXPECT_NE(svg.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  }
  EXPECT_EQ(bars.find("a\"b"), std::string::npos);
}

TEST(SvgChartTest, BoxPlotUsesALogAxisForWideRanges) {
  std::string wide = BoxPlotChart("t", {{"legacy", "legacy", Summarize({20000, 30000})},
                                        {"new", "new", Summarize({100, 150})}},
                                  FormatMs);
  // Decades from 100 ms to 100 s (the powers of ten around 100 and 30000 ms).
  EXPECT_NE(wide.find(">100 ms</text>"), std::string::npos);
  EXPECT_NE(wide.find(">1 s</text>"), std::string::npos);
  EXPECT_NE(wide.find(">10 s</text>"), std::string::npos);
  EXPECT_NE(wide.find(">1.67 min</text>"), std::string::npos);
  EXPECT_EQ(Count(wide, "<rect class=\"mark "), 2);
  std::string missing = BoxPlotChart("t", {{"legacy", "legacy", Summarize({5})},
                                           {"new", "new", Summarize({})}},
                                     FormatMs);
  EXPECT_NE(missing.find("no runs"), std::string::npos);
  EXPECT_EQ(Count(missing, "<rect class=\"mark "), 1);
}

TEST(SvgChartTest, TimelineOneMarkPerRoutedWeek) {
  std::string svg = RouteTimelineChart(
      {"fastqc", "trim"}, {"W1", "W2"},
      {{{"legacy", "", "legacy", false}, {"shadow", "", "to shadow", true}},
       {{"", "", "", false}, {"canary", "10%", "canary 10%", true}}});
  EXPECT_EQ(Count(svg, "<rect class=\"mark "), 3);
  EXPECT_EQ(Count(svg, "class=\"change\""), 2);
  EXPECT_NE(svg.find(">10%</text>"), std::string::npos);
}

}  // namespace
}  // namespace cutover
