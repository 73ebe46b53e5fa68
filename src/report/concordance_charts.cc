#include "report/concordance_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "report/svg_chart.h"
#include "util/clock.h"
#include "util/nice_step.h"

namespace cutover {
namespace {

constexpr int kSeriesColours = 8;  // .series-0 .. .series-7 in the page's stylesheet

std::optional<double> ValueOf(const MetricRecord& r, const std::string& metric) {
  auto it = r.metrics.find(metric);
  if (it == r.metrics.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string Value(double v) {
  return v == std::floor(v) && std::fabs(v) < 1e15 ? fmt::format("{:.0f}", v)
                                                    : fmt::format("{:.4f}", v);
}

std::string When(int64_t ms) { return FormatUtc(ms).substr(0, 16); }

// The points of one metric: one per comparison, or per time bucket when there are too many.
std::vector<LinePoint> Points(const OutputConcordance& output, const std::string& metric,
                              int64_t from_ms, int64_t to_ms) {
  struct Measured {
    const MetricRecord* record;
    double value;
  };
  std::vector<Measured> all;
  for (const MetricRecord& r : output.comparisons) {
    if (auto v = ValueOf(r, metric)) all.push_back({&r, *v});
  }
  std::vector<LinePoint> points;
  if (all.size() <= kMaxMetricPoints) {
    for (const Measured& m : all) {
      points.push_back({static_cast<double>(m.record->at_ms), m.value, 0, 0,
                        fmt::format("{} · {} · {} {} (comparison {})", When(m.record->at_ms),
                                    m.record->sample, metric, Value(m.value),
                                    m.record->comparison_id)});
    }
    return points;
  }
  const double width =
      std::max(1.0, static_cast<double>(to_ms - from_ms) / static_cast<double>(kMaxMetricPoints));
  size_t i = 0;
  while (i < all.size()) {
    const auto bucket = static_cast<int64_t>(static_cast<double>(all[i].record->at_ms - from_ms) / width);
    size_t j = i;
    while (j < all.size() &&
           static_cast<int64_t>(static_cast<double>(all[j].record->at_ms - from_ms) / width) == bucket) {
      ++j;
    }
    std::vector<const Measured*> in(j - i);
    for (size_t k = i; k < j; ++k) in[k - i] = &all[k];
    std::sort(in.begin(), in.end(),
              [](const Measured* a, const Measured* b) { return a->value < b->value; });
    const Measured& lo = *in.front();
    const Measured& hi = *in.back();
    const double median = in[in.size() / 2]->value;
    points.push_back(
        {static_cast<double>(all[i].record->at_ms + all[j - 1].record->at_ms) / 2, median,
         lo.value, hi.value,
         fmt::format("{} to {} · {} comparisons · {} median {}, lowest {} ({}, comparison {}), "
                     "highest {} ({}, comparison {})",
                     When(all[i].record->at_ms), When(all[j - 1].record->at_ms), in.size(), metric,
                     Value(median), Value(lo.value), lo.record->sample, lo.record->comparison_id,
                     Value(hi.value), hi.record->sample, hi.record->comparison_id)});
    i = j;
  }
  return points;
}

std::vector<AxisTick> WeekTicks(const std::vector<int64_t>& weeks) {
  std::vector<AxisTick> ticks;
  const size_t every = weeks.size() > 12 ? (weeks.size() + 11) / 12 : 1;
  for (size_t i = 0; i < weeks.size(); i += every) {
    ticks.push_back({static_cast<double>(weeks[i]), WeekLabel(weeks[i]).substr(5)});
  }
  return ticks;
}

std::string ColourOf(size_t index) {
  return fmt::format("series-{}", index % kSeriesColours);
}

ChartBand BandOf(const MetricLimit& limit, double y_from, double y_to, const std::string& css) {
  ChartBand b;
  b.edge = limit.bound;
  b.lo = limit.is_min ? limit.bound : y_from;
  b.hi = limit.is_min ? y_to : limit.bound;
  b.label = limit.metric + " " + LimitText(limit);
  b.css_class = css;
  return b;
}

}  // namespace

std::string LimitText(const MetricLimit& limit) {
  return fmt::format("{} {:g}", limit.is_min ? "≥" : "≤", limit.bound);
}

LimitSummary SummarizeLimit(const OutputConcordance& output, const MetricLimit& limit) {
  LimitSummary s;
  s.limit = limit;
  for (const MetricRecord& r : output.comparisons) {
    auto v = ValueOf(r, limit.metric);
    if (!v) continue;
    const bool worse = s.measured == 0 || (limit.is_min ? *v < s.worst : *v > s.worst);
    ++s.measured;
    if (limit.is_min ? *v < limit.bound : *v > limit.bound) ++s.missed;
    if (worse) {
      s.worst = *v;
      s.worst_comparison = r.comparison_id;
      s.worst_sample = r.sample;
    }
  }
  return s;
}

std::vector<std::string> ConcordanceCharts(const std::string& step, const OutputConcordance& output,
                                           int64_t from_ms, int64_t to_ms,
                                           const std::vector<int64_t>& weeks) {
  std::vector<std::string> charts;
  LineChartAxes axes;
  axes.x_from = static_cast<double>(from_ms);
  axes.x_to = static_cast<double>(std::max(to_ms, from_ms + 1));
  axes.x_ticks = WeekTicks(weeks);

  // Each metric keeps its colour in every chart of the output.
  std::vector<std::string> names = output.fraction_metrics;
  for (const MetricLimit& l : output.limits) {
    if (std::find(names.begin(), names.end(), l.metric) == names.end()) names.push_back(l.metric);
  }
  auto colour = [&](const std::string& metric) {
    return ColourOf(static_cast<size_t>(std::find(names.begin(), names.end(), metric) - names.begin()));
  };

  // Every fraction metric measured in the period, 0 to 1.
  std::vector<LineSeries> series;
  for (const std::string& metric : output.fraction_metrics) {
    LineSeries s{metric, colour(metric), Points(output, metric, from_ms, to_ms)};
    if (!s.points.empty()) series.push_back(std::move(s));
  }
  if (!series.empty()) {
    axes.y_from = 0;
    axes.y_to = 1;
    axes.y_label = "fraction";
    std::vector<ChartBand> bands;
    for (const MetricLimit& l : output.limits) {
      const bool drawn = std::any_of(series.begin(), series.end(),
                                     [&](const LineSeries& s) { return s.name == l.metric; });
      if (drawn) bands.push_back(BandOf(l, 0, 1, colour(l.metric)));
    }
    charts.push_back(LineChart(
        fmt::format("{} · {}: concordance per comparison ({})", step, output.output,
                    output.comparator),
        axes, series, bands));
  }

  // One chart per limited metric, zoomed to its values and its threshold.
  for (const MetricLimit& l : output.limits) {
    std::vector<LinePoint> points = Points(output, l.metric, from_ms, to_ms);
    if (points.empty()) continue;
    double lo = l.bound, hi = l.bound;
    for (const LinePoint& p : points) {
      lo = std::min({lo, p.y, p.high > p.low ? p.low : p.y});
      hi = std::max({hi, p.y, p.high > p.low ? p.high : p.y});
    }
    double span = hi - lo;
    if (span <= 0) span = std::max(std::fabs(hi) * 0.01, 0.001);
    lo -= span * 0.2;
    hi += span * 0.2;
    const bool fraction = std::find(output.fraction_metrics.begin(), output.fraction_metrics.end(),
                                    l.metric) != output.fraction_metrics.end();
    if (fraction) {
      lo = std::max(lo, 0.0);
      hi = std::min(hi, 1.0);
    }
    const double step_size = NiceStep(hi - lo, 4);
    axes.y_from = std::floor(lo / step_size) * step_size;
    axes.y_to = std::ceil(hi / step_size) * step_size;
    if (axes.y_to <= axes.y_from) axes.y_to = axes.y_from + step_size;
    axes.y_label = l.metric;
    const std::string css = colour(l.metric);
    charts.push_back(LineChart(
        fmt::format("{} · {}: {} (threshold {})", step, output.output, l.metric, LimitText(l)),
        axes, {LineSeries{l.metric, css, std::move(points)}},
        {BandOf(l, axes.y_from, axes.y_to, css)}));
  }
  return charts;
}

}  // namespace cutover
