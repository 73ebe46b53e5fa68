#include "report/svg_chart.h"

#include <fmt/format.h>
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
  std::string svg = StackedBarChart(
      "comparisons", {"w1", "w2", "w3"},
      {{"match", "match", {3, 0, 5}}, {"mismatch", "mismatch", {1, 2, 0}}}, "count");
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
  std::string wide = BoxPlotChart(
      "t", {{"legacy", "legacy", Summarize({20000, 30000})}, {"new", "new", Summarize({100, 150})}},
      FormatMs);
  // Decades from 100 ms to 100 s (the powers of ten around 100 and 30000 ms).
  EXPECT_NE(wide.find(">100 ms</text>"), std::string::npos);
  EXPECT_NE(wide.find(">1 s</text>"), std::string::npos);
  EXPECT_NE(wide.find(">10 s</text>"), std::string::npos);
  EXPECT_NE(wide.find(">1.67 min</text>"), std::string::npos);
  EXPECT_EQ(Count(wide, "<rect class=\"mark "), 2);
  std::string missing = BoxPlotChart(
      "t", {{"legacy", "legacy", Summarize({5})}, {"new", "new", Summarize({})}}, FormatMs);
  EXPECT_NE(missing.find("no runs"), std::string::npos);
  EXPECT_EQ(Count(missing, "<rect class=\"mark "), 1);
}

TEST(SvgChartTest, TimelineOneMarkPerRoutedWeek) {
  std::string svg =
      RouteTimelineChart({"fastqc", "trim"}, {"W1", "W2"},
                         {{{"legacy", "", "legacy", false}, {"shadow", "", "to shadow", true}},
                          {{"", "", "", false}, {"canary", "10%", "canary 10%", true}}});
  EXPECT_EQ(Count(svg, "<rect class=\"mark "), 3);
  EXPECT_EQ(Count(svg, "class=\"marker change\""), 2);
  EXPECT_EQ(Count(svg, "class=\"marker "), 2);  // no rollback, no drift
  EXPECT_NE(svg.find(">10%</text>"), std::string::npos);
}

TEST(SvgChartTest, TimelineMarksRollbacksAndDriftApartFromMoves) {
  TimelineCell manual{"legacy", "", "canary 10% → legacy", false};
  manual.rollbacks = 1;
  manual.marker_tooltip = "rolled back by ana";
  TimelineCell automatic{"legacy", "", "new → legacy automatically", true};
  automatic.automatic_rollbacks = 1;
  automatic.rollbacks = 1;
  TimelineCell drifted{"shadow", "", "shadow all week", false};
  drifted.drifts = 2;
  drifted.marker_tooltip = "legacy changed: file a.sh <was 1, now 2>";
  std::string svg = RouteTimelineChart({"qc"}, {"W1", "W2", "W3"}, {{manual, automatic, drifted}});
  EXPECT_EQ(Count(svg, "<rect class=\"mark "), 3);  // markers are not marks
  EXPECT_EQ(Count(svg, "class=\"marker rollback\""), 1);
  EXPECT_EQ(Count(svg, "class=\"marker rollback-auto\""), 1);  // red wins in a week with both
  EXPECT_EQ(Count(svg, "class=\"marker drift\""), 1);
  EXPECT_EQ(Count(svg, "class=\"marker change\""), 1);
  EXPECT_NE(svg.find("<title>rolled back by ana</title>"), std::string::npos);
  EXPECT_NE(svg.find("file a.sh &lt;was 1, now 2&gt;"), std::string::npos);  // escaped
  // The key names every marker.
  for (const char* key :
       {">route moved<", ">rollback<", ">automatic rollback<", ">implementation changed<"}) {
    EXPECT_NE(svg.find(key), std::string::npos) << key;
  }
}

TEST(SvgChartTest, LineChartOneMarkPerPointBandsBehind) {
  LineChartAxes axes;
  axes.x_from = 0;
  axes.x_to = 100;
  axes.x_ticks = {{0, "W1"}, {50, "W2"}, {200, "beyond"}};
  axes.y_from = 0.97;
  axes.y_to = 1.0;
  axes.y_label = "recall";
  std::string svg =
      LineChart("recall", axes,
                {{"recall",
                  "series-0",
                  {{10, 0.99, 0, 0, "a"}, {20, 0.98, 0.975, 0.995, "b"}, {30, 0.5, 0, 0, "c"}}},
                 {"precision", "series-1", {{40, 1, 0, 0, "d"}}}},
                {{0.98, 1.0, 0.98, "recall >= 0.98", "series-0"}});
  EXPECT_NE(svg.find("data-marks=\"4\""), std::string::npos);
  EXPECT_EQ(Count(svg, "<circle class=\"mark "), 4);
  EXPECT_EQ(Count(svg, "<polyline class=\"line "), 1);  // a single point draws no line
  EXPECT_EQ(Count(svg, "<line class=\"range "), 1);     // the aggregated point's whisker
  EXPECT_EQ(Count(svg, "<rect class=\"band series-0\""), 1);
  EXPECT_LT(svg.find("class=\"band "), svg.find("class=\"mark "));  // behind the points
  EXPECT_NE(svg.find(">W2</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">beyond</text>"), std::string::npos);
  // Ticks every 0.01 (two decimals) from 0.97 to 1.00.
  EXPECT_NE(svg.find(">0.97</text>"), std::string::npos);
  EXPECT_NE(svg.find(">1.00</text>"), std::string::npos);
  // 0.5 is below the axis: clamped to its bottom (y = 32 + 170).
  EXPECT_NE(svg.find("cy=\"202.0\""), std::string::npos) << svg;
  EXPECT_NE(LineChart("t", axes, {}, {}).find("no data in this period"), std::string::npos);
  std::string evil = LineChart("<img>", axes, {{"<img>", "x\"y", {{1, 1, 0, 0, "<img>"}}}},
                               {{0, 1, 1, "<img>", "z"}});
  EXPECT_EQ(evil.find("<img"), std::string::npos);
  EXPECT_EQ(evil.find("x\"y"), std::string::npos);
}

// The y of every legend label, in order.
std::vector<std::string> LegendYs(const std::string& svg) {
  std::vector<std::string> ys;
  const std::string tail = "\" class=\"legend\"";
  for (size_t p = svg.find(tail); p != std::string::npos; p = svg.find(tail, p + 1)) {
    const size_t q = svg.rfind("y=\"", p);
    ys.push_back(svg.substr(q + 3, p - q - 3));
  }
  return ys;
}

TEST(SvgChartTest, LegendWrapsIntoRowsThatFitTheWidthAndTheChartGrows) {
  std::vector<BarSeries> one = {{"a series named at length", "match", {1}}};
  std::vector<BarSeries> six;
  for (int i = 0; i < 6; ++i)
    six.push_back({fmt::format("series {} named at length", i), "match", {1}});
  const std::string small = StackedBarChart("t", {"W1"}, one, "n");
  const std::string wide = StackedBarChart("t", {"W1"}, six, "n");
  // 24 characters: 24 + 9.5 * 24 = 252 units an entry, 662 units of room: two entries a row.
  const std::vector<std::string> ys = LegendYs(wide);
  ASSERT_EQ(ys.size(), 6u);
  EXPECT_EQ(ys[0], ys[1]);
  EXPECT_NE(ys[1], ys[2]);
  EXPECT_EQ(ys[2], ys[3]);
  EXPECT_NE(ys[3], ys[4]);
  EXPECT_EQ(std::stod(ys[2]) - std::stod(ys[0]), 20);  // rows 20 apart: taller than the font
  // Two more rows than one series: the chart is 40 units taller.
  EXPECT_NE(small.find("viewBox=\"0 0 760 240.0\""), std::string::npos) << small.substr(0, 200);
  EXPECT_NE(wide.find("viewBox=\"0 0 760 280.0\""), std::string::npos) << wide.substr(0, 200);
}

}  // namespace
}  // namespace cutover
