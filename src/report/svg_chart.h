// The report's charts, drawn as inline SVG by cutover (no script, no library, nothing fetched:
// the page works offline from a file: URL and prints). Every chart is
// `<svg class="chart" data-marks="N">`, its data-carrying shapes have class "mark" (N of them),
// and colours come from CSS classes, so the page's stylesheet decides the palette. All text is
// escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/distribution.h"

namespace cutover {

struct BarSeries {
  std::string name;       // legend text
  std::string css_class;  // e.g. "match", "mismatch"
  std::vector<double> values;  // one per category
};

// Vertical bars stacked by series, one bar per category (e.g. per week). An empty chart (no
// category or all zero) still draws its axes and says "no data".
std::string StackedBarChart(std::string_view title, const std::vector<std::string>& categories,
                            const std::vector<BarSeries>& series, std::string_view y_label);

struct BoxRow {
  std::string label;      // e.g. "legacy"
  std::string css_class;  // e.g. "legacy"
  Distribution d;
};

// Horizontal box plots on one axis: whiskers p10..p90, box p25..p75, a line at the median, dots
// at min and max. The axis is logarithmic when max/min of all rows exceeds 30.
// `format` turns a value into axis and tooltip text (e.g. "1.2 s", "340 MB").
using ValueFormat = std::string (*)(double);
std::string BoxPlotChart(std::string_view title, const std::vector<BoxRow>& rows,
                         ValueFormat format);

struct TimelineCell {
  std::string css_class;  // route mode: "legacy", "shadow", "canary", "new", "retired"; "" = none
  std::string label;      // short text in the cell ("10%" for a canary), may be empty
  std::string tooltip;    // what happened that week
  bool changed = false;   // the route moved during the week, not back (drawn as a dot)
  int rollbacks = 0;             // manual rollbacks during the week (a dark triangle)
  int automatic_rollbacks = 0;   // automatic rollbacks (a red triangle)
  int drifts = 0;                // implementation or compare: changes (a diamond)
  std::string marker_tooltip;    // what the markers stand for
};

// One row per step, one column per week: the route each step was on at the end of each week,
// with markers for route moves, rollbacks and implementation changes during the week (not
// counted as marks: `data-marks` is the number of cells).
std::string RouteTimelineChart(const std::vector<std::string>& steps,
                               const std::vector<std::string>& weeks,
                               const std::vector<std::vector<TimelineCell>>& cells);

// Lines over a continuous x axis (e.g. time), for concordance figures per comparison.
struct LinePoint {
  double x = 0;
  double y = 0;
  // A range drawn as a vertical whisker through the point (an aggregated point: its lowest and
  // highest value); none when low >= high.
  double low = 0, high = 0;
  std::string tooltip;
};
struct LineSeries {
  std::string name;               // legend text
  std::string css_class;          // e.g. "series-0": the colour of its line, dots and band
  std::vector<LinePoint> points;  // in x order
};
// A horizontal band [lo, hi] (a threshold's acceptable side) with a dashed line at `edge`.
struct ChartBand {
  double lo = 0, hi = 0, edge = 0;
  std::string label;      // shown at the edge, e.g. ">= 0.98"
  std::string css_class;  // the series' class
};
struct AxisTick {
  double at = 0;
  std::string label;
};
struct LineChartAxes {
  double x_from = 0, x_to = 1;  // x_to > x_from
  std::vector<AxisTick> x_ticks;
  double y_from = 0, y_to = 1;  // y_to > y_from; points and bands outside are clamped
  std::string y_label;
};

// Every point is a mark (a dot with its tooltip); consecutive points of a series are joined by
// a line; bands are drawn behind. Y ticks are "nice" steps within [y_from, y_to], printed with
// as many decimals as the step needs. No point: the axes and "no data in this period".
std::string LineChart(std::string_view title, const LineChartAxes& axes,
                      const std::vector<LineSeries>& series, const std::vector<ChartBand>& bands);

}  // namespace cutover
