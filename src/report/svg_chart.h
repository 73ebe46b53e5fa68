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
  bool changed = false;   // the route changed during the week (drawn with a marker)
};

// One row per step, one column per week: the route each step was on at the end of each week.
std::string RouteTimelineChart(const std::vector<std::string>& steps,
                               const std::vector<std::string>& weeks,
                               const std::vector<std::vector<TimelineCell>>& cells);


}  // namespace cutover
