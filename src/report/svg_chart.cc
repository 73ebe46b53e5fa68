#include "report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "util/html_escape.h"
#include "util/nice_step.h"

namespace cutover {
namespace {

constexpr double kWidth = 760;
constexpr double kLeft = 64, kRight = 34;
constexpr double kPlotW = kWidth - kLeft - kRight;

std::string Num(double v) { return fmt::format("{:.1f}", v); }

std::string Open(std::string_view title, double height, int marks) {
  return fmt::format(
      "<svg class=\"chart\" data-marks=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n"
      "<text x=\"{}\" y=\"18\" class=\"title\">{}</text>\n",
      marks, kWidth, Num(height), HtmlEscape(title), kWidth / 2, HtmlEscape(title));
}

std::string Mark(std::string_view css_class, double x, double y, double w, double h,
                 std::string_view tooltip) {
  return fmt::format(
      "<rect class=\"mark {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title>"
      "</rect>\n",
      HtmlEscape(css_class), Num(x), Num(y), Num(std::max(w, 0.5)), Num(std::max(h, 0.5)),
      HtmlEscape(tooltip));
}

using LegendItems = std::vector<std::pair<std::string, std::string>>;

// Legend rows are this far apart: more than the page's largest legend font (15 px) is tall.
constexpr double kLegendRowH = 20;

// The width an entry takes: its key, a gap, its label at the page's largest legend font (15 px:
// up to 9.5 px a character on average in DejaVu Sans, Debian's default sans-serif).
double LegendItemWidth(std::string_view name) {
  return 24 + 9.5 * static_cast<double>(name.size());
}

// The legend's entries in rows that fit the chart's width, in order.
std::vector<LegendItems> LegendRows(const LegendItems& items) {
  std::vector<LegendItems> rows(1);
  double x = kLeft;
  for (const auto& item : items) {
    const double w = LegendItemWidth(item.first);
    if (!rows.back().empty() && x + w > kWidth - kRight) {
      rows.emplace_back();
      x = kLeft;
    }
    rows.back().push_back(item);
    x += w;
  }
  return rows;
}

// The legend, its first row's baseline at `y`, one row below another as LegendRows cuts it.
std::string Legend(const LegendItems& items, double y) {
  std::string s;
  for (const LegendItems& row : LegendRows(items)) {
    double x = kLeft;
    for (const auto& [name, css] : row) {
      s += fmt::format(
          "<rect class=\"key {}\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"/>"
          "<text x=\"{}\" y=\"{}\" class=\"legend\">{}</text>\n",
          HtmlEscape(css), Num(x), Num(y - 9), Num(x + 14), Num(y), HtmlEscape(name));
      x += LegendItemWidth(name);
    }
    y += kLegendRowH;
  }
  return s;
}

}  // namespace

std::string StackedBarChart(std::string_view title, const std::vector<std::string>& categories,
                            const std::vector<BarSeries>& series, std::string_view y_label) {
  constexpr double kTop = 32, kPlotH = 150;
  LegendItems legend;
  for (const BarSeries& s : series) legend.emplace_back(s.name, s.css_class);
  const double legend_y = kTop + kPlotH + 46;
  const double kHeight =
      legend_y + 12 + kLegendRowH * static_cast<double>(LegendRows(legend).size() - 1);
  double y_max = 0;
  for (size_t i = 0; i < categories.size(); ++i) {
    double total = 0;
    for (const BarSeries& s : series) total += i < s.values.size() ? s.values[i] : 0;
    y_max = std::max(y_max, total);
  }
  std::string body;
  int marks = 0;
  const double step = NiceStep(y_max, 4);
  const double top = y_max > 0 ? std::ceil(y_max / step) * step : 1;
  auto Y = [&](double v) { return kTop + kPlotH * (1 - v / top); };
  for (double v = 0; v <= top + step / 1000; v += step) {
    body += fmt::format(
        "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"ytick\" x=\"{}\" y=\"{}\">{:g}</text>\n",
        kLeft, kLeft + kPlotW, Num(Y(v)), Num(Y(v)), kLeft - 6, Num(Y(v) + 4), v);
  }
  const size_t n = categories.size();
  const double slot = n > 0 ? kPlotW / static_cast<double>(n) : kPlotW;
  const double bar = std::min(slot * 0.7, 40.0);
  const size_t label_every = n > 16 ? (n + 15) / 16 : 1;
  for (size_t i = 0; i < n; ++i) {
    const double x = kLeft + slot * (static_cast<double>(i) + 0.5) - bar / 2;
    double base = 0;
    for (const BarSeries& s : series) {
      const double v = i < s.values.size() ? s.values[i] : 0;
      if (v <= 0) continue;
      body += Mark(s.css_class, x, Y(base + v), bar, Y(base) - Y(base + v),
                   fmt::format("{}: {} {:g}", categories[i], s.name, v));
      base += v;
      ++marks;
    }
    if (i % label_every == 0) {
      body += fmt::format("<text class=\"xtick\" x=\"{}\" y=\"{}\">{}</text>\n",
                          Num(x + bar / 2), Num(kTop + kPlotH + 14), HtmlEscape(categories[i]));
    }
  }
  if (marks == 0) {
    body += fmt::format("<text class=\"nodata\" x=\"{}\" y=\"{}\">no data in this period</text>\n",
                        kLeft + kPlotW / 2, Num(kTop + kPlotH / 2));
  }
  body += fmt::format(
      "<text class=\"ylabel\" x=\"12\" y=\"{}\" transform=\"rotate(-90 12 {})\">{}</text>\n",
      Num(kTop + kPlotH / 2), Num(kTop + kPlotH / 2), HtmlEscape(y_label));
  body += Legend(legend, legend_y);
  return Open(title, kHeight, marks) + body + "</svg>\n";
}

std::string BoxPlotChart(std::string_view title, const std::vector<BoxRow>& rows,
                         ValueFormat format) {
  constexpr double kTop = 30, kRowH = 34;
  const double plot_h = kRowH * static_cast<double>(std::max<size_t>(rows.size(), 1));
  const double height = kTop + plot_h + 30;
  double lo = 0, hi = 0;
  bool any = false;
  for (const BoxRow& r : rows) {
    if (r.d.empty()) continue;
    lo = any ? std::min(lo, r.d.min) : r.d.min;
    hi = any ? std::max(hi, r.d.max) : r.d.max;
    any = true;
  }
  std::string body;
  int marks = 0;
  const double left = kLeft + 40;  // room for the row labels
  const double width = kWidth - left - kRight;
  const bool log = any && lo > 0 && hi / lo > 30;
  double a = 0, b = 1;
  if (any) {
    if (log) {
      a = std::floor(std::log10(lo));
      b = std::ceil(std::log10(hi));
      if (b <= a) b = a + 1;
    } else {
      const double step = NiceStep(hi, 5);
      b = std::max(step, std::ceil(hi / step) * step);
    }
  }
  auto X = [&](double v) {
    const double t = log ? (std::log10(std::max(v, 1e-9)) - a) / (b - a) : (v - a) / (b - a);
    return left + width * std::clamp(t, 0.0, 1.0);
  };
  // Axis ticks.
  std::vector<double> ticks;
  if (log) {
    for (double e = a; e <= b + 1e-9; e += 1) ticks.push_back(std::pow(10, e));
  } else if (any) {
    const double step = NiceStep(b, 5);
    for (double v = 0; v <= b + step / 1000; v += step) ticks.push_back(v);
  }
  for (double v : ticks) {
    body += fmt::format(
        "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"xtick\" x=\"{}\" y=\"{}\">{}</text>\n",
        Num(X(v)), Num(X(v)), kTop - 4, Num(kTop + plot_h), Num(X(v)), Num(kTop + plot_h + 14),
        HtmlEscape(format(v)));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const BoxRow& r = rows[i];
    const double cy = kTop + kRowH * (static_cast<double>(i) + 0.5);
    body += fmt::format("<text class=\"rowlabel\" x=\"{}\" y=\"{}\">{}</text>\n", Num(left - 8),
                        Num(cy + 4), HtmlEscape(r.label));
    if (r.d.empty()) {
      body += fmt::format("<text class=\"nodata\" x=\"{}\" y=\"{}\">no runs</text>\n",
                          Num(left + width / 2), Num(cy + 4));
      continue;
    }
    const Distribution& d = r.d;
    const std::string tip = fmt::format(
        "{}: n={} min {} · p10 {} · p25 {} · median {} · p75 {} · p90 {} · max {}", r.label, d.n,
        format(d.min), format(d.p10), format(d.p25), format(d.median), format(d.p75),
        format(d.p90), format(d.max));
    body += fmt::format(
        "<line class=\"whisker\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n", Num(X(d.p10)),
        Num(X(d.p90)), Num(cy), Num(cy));
    body += Mark(r.css_class, X(d.p25), cy - 10, X(d.p75) - X(d.p25), 20, tip);
    ++marks;
    body += fmt::format(
        "<line class=\"median\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<circle class=\"extreme\" cx=\"{}\" cy=\"{}\" r=\"2.5\"/>"
        "<circle class=\"extreme\" cx=\"{}\" cy=\"{}\" r=\"2.5\"/>\n",
        Num(X(d.median)), Num(X(d.median)), Num(cy - 12), Num(cy + 12), Num(X(d.min)), Num(cy),
        Num(X(d.max)), Num(cy));
  }
  if (!any) {
    body += fmt::format("<text class=\"nodata\" x=\"{}\" y=\"{}\">no data in this period</text>\n",
                        kWidth / 2, Num(kTop + plot_h / 2));
  }
  return Open(title, height, marks) + body + "</svg>\n";
}

std::string RouteTimelineChart(const std::vector<std::string>& steps,
                               const std::vector<std::string>& weeks,
                               const std::vector<std::vector<TimelineCell>>& cells) {
  constexpr double kTop = 30, kRowH = 26, kLabelW = 150;
  const double height = kTop + kRowH * static_cast<double>(steps.size()) + 80;
  const double width = kWidth - kLabelW - kRight;
  const size_t n = std::max<size_t>(weeks.size(), 1);
  const double col = width / static_cast<double>(n);
  std::string body;
  int marks = 0;
  for (size_t r = 0; r < steps.size(); ++r) {
    const double y = kTop + kRowH * static_cast<double>(r);
    body += fmt::format("<text class=\"rowlabel\" x=\"{}\" y=\"{}\">{}</text>\n", Num(kLabelW - 8),
                        Num(y + kRowH / 2 + 4), HtmlEscape(steps[r]));
    for (size_t c = 0; c < weeks.size() && r < cells.size() && c < cells[r].size(); ++c) {
      const TimelineCell& cell = cells[r][c];
      if (cell.css_class.empty()) continue;
      const double x = kLabelW + col * static_cast<double>(c);
      body += Mark(cell.css_class, x + 1, y + 2, col - 2, kRowH - 4,
                   fmt::format("{} · {}: {}", steps[r], weeks[c], cell.tooltip));
      ++marks;
      const std::string tip = HtmlEscape(cell.marker_tooltip);
      if (cell.changed) {
        body += fmt::format(
            "<circle class=\"marker change\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>{}</title>"
            "</circle>\n",
            Num(x + 7), Num(y + 7), tip);
      }
      if (cell.rollbacks + cell.automatic_rollbacks > 0) {
        // A triangle pointing down: back towards legacy. Red when cutover did it by itself.
        const double cx = x + col / 2;
        body += fmt::format(
            "<path class=\"marker {}\" d=\"M{} {}L{} {}L{} {}Z\"><title>{}</title></path>\n",
            cell.automatic_rollbacks > 0 ? "rollback-auto" : "rollback", Num(cx - 5), Num(y + 3),
            Num(cx + 5), Num(y + 3), Num(cx), Num(y + 11), tip);
      }
      if (cell.drifts > 0) {
        const double cx = x + col - 8, cy = y + 7;
        body += fmt::format(
            "<path class=\"marker drift\" d=\"M{} {}L{} {}L{} {}L{} {}Z\"><title>{}</title></path>\n",
            Num(cx), Num(cy - 5), Num(cx + 5), Num(cy), Num(cx), Num(cy + 5), Num(cx - 5), Num(cy),
            tip);
      }
      if (!cell.label.empty() && col >= 28) {
        body += fmt::format("<text class=\"celllabel\" x=\"{}\" y=\"{}\">{}</text>\n",
                            Num(x + col / 2), Num(y + kRowH / 2 + 4), HtmlEscape(cell.label));
      }
    }
  }
  const double axis_y = kTop + kRowH * static_cast<double>(steps.size()) + 14;
  const size_t label_every = weeks.size() > 14 ? (weeks.size() + 13) / 14 : 1;
  for (size_t c = 0; c < weeks.size(); c += label_every) {
    body += fmt::format("<text class=\"xtick\" x=\"{}\" y=\"{}\">{}</text>\n",
                        Num(kLabelW + col * (static_cast<double>(c) + 0.5)), Num(axis_y),
                        HtmlEscape(weeks[c]));
  }
  body += Legend({{"legacy", "legacy"},
                  {"shadow", "shadow"},
                  {"canary", "canary"},
                  {"new", "new"},
                  {"retired", "retired"}},
                 height - 12 - kLegendRowH);
  // The markers' key, drawn with the markers' own shapes.
  const double ky = height - 12;
  double kx = kLeft;
  auto key_text = [&](std::string_view text) {
    std::string t = fmt::format("<text x=\"{}\" y=\"{}\" class=\"legend\">{}</text>\n",
                                Num(kx + 14), Num(ky), HtmlEscape(text));
    kx += LegendItemWidth(text);
    return t;
  };
  body += fmt::format("<circle class=\"key change\" cx=\"{}\" cy=\"{}\" r=\"3\"/>", Num(kx + 5),
                      Num(ky - 4));
  body += key_text("route moved");
  for (const auto& [css, text] : {std::pair<std::string_view, std::string_view>{"rollback", "rollback"},
                                  {"rollback-auto", "automatic rollback"}}) {
    body += fmt::format("<path class=\"key {}\" d=\"M{} {}L{} {}L{} {}Z\"/>", css, Num(kx),
                        Num(ky - 8), Num(kx + 10), Num(ky - 8), Num(kx + 5), Num(ky));
    body += key_text(text);
  }
  body += fmt::format("<path class=\"key drift\" d=\"M{} {}L{} {}L{} {}L{} {}Z\"/>", Num(kx + 5),
                      Num(ky - 9), Num(kx + 10), Num(ky - 4), Num(kx + 5), Num(ky + 1), Num(kx),
                      Num(ky - 4));
  body += key_text("implementation changed");
  return Open("Routes week by week (the route at the end of each week)", height, marks) + body +
         "</svg>\n";
}

std::string LineChart(std::string_view title, const LineChartAxes& axes,
                      const std::vector<LineSeries>& series, const std::vector<ChartBand>& bands) {
  constexpr double kTop = 32, kPlotH = 170;
  LegendItems legend;
  for (const LineSeries& s : series) legend.emplace_back(s.name, s.css_class);
  const double legend_y = kTop + kPlotH + 36;
  const double height =
      legend_y + 12 + kLegendRowH * static_cast<double>(LegendRows(legend).size() - 1);
  const double x_span = axes.x_to > axes.x_from ? axes.x_to - axes.x_from : 1;
  const double y_span = axes.y_to > axes.y_from ? axes.y_to - axes.y_from : 1;
  auto X = [&](double x) {
    return kLeft + kPlotW * std::clamp((x - axes.x_from) / x_span, 0.0, 1.0);
  };
  auto Y = [&](double y) {
    return kTop + kPlotH * (1 - std::clamp((y - axes.y_from) / y_span, 0.0, 1.0));
  };
  std::string body;
  // Y ticks: multiples of a nice step within the range, with the decimals the step needs.
  const double step = NiceStep(y_span, 4);
  const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
  for (double v = std::ceil(axes.y_from / step - 1e-9) * step; v <= axes.y_to + step * 1e-6;
       v += step) {
    body += fmt::format(
        "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"ytick\" x=\"{}\" y=\"{}\">{:.{}f}</text>\n",
        kLeft, kLeft + kPlotW, Num(Y(v)), Num(Y(v)), kLeft - 6, Num(Y(v) + 4), v, decimals);
  }
  for (const AxisTick& t : axes.x_ticks) {
    if (t.at < axes.x_from || t.at > axes.x_to) continue;
    body += fmt::format("<text class=\"xtick\" x=\"{}\" y=\"{}\">{}</text>\n", Num(X(t.at)),
                        Num(kTop + kPlotH + 14), HtmlEscape(t.label));
  }
  for (const ChartBand& b : bands) {
    const double top = Y(std::max(b.lo, b.hi)), bottom = Y(std::min(b.lo, b.hi));
    body += fmt::format(
        "<rect class=\"band {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
        "<line class=\"edge {}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"edgelabel\" x=\"{}\" y=\"{}\">{}</text>\n",
        HtmlEscape(b.css_class), Num(kLeft), Num(top), Num(kPlotW), Num(std::max(bottom - top, 0.0)),
        HtmlEscape(b.css_class), Num(kLeft), Num(kLeft + kPlotW), Num(Y(b.edge)), Num(Y(b.edge)),
        Num(kLeft + kPlotW - 4), Num(Y(b.edge) - 3), HtmlEscape(b.label));
  }
  int marks = 0;
  for (const LineSeries& s : series) {
    std::string line;
    for (const LinePoint& p : s.points) {
      line += fmt::format("{}{},{}", line.empty() ? "" : " ", Num(X(p.x)), Num(Y(p.y)));
    }
    if (s.points.size() > 1) {
      body += fmt::format("<polyline class=\"line {}\" points=\"{}\"/>\n", HtmlEscape(s.css_class),
                          line);
    }
    for (const LinePoint& p : s.points) {
      if (p.high > p.low) {
        body += fmt::format("<line class=\"range {}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n",
                            HtmlEscape(s.css_class), Num(X(p.x)), Num(X(p.x)), Num(Y(p.high)),
                            Num(Y(p.low)));
      }
      body += fmt::format(
          "<circle class=\"mark {}\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>{}</title></circle>\n",
          HtmlEscape(s.css_class), Num(X(p.x)), Num(Y(p.y)), HtmlEscape(p.tooltip));
      ++marks;
    }
  }
  if (marks == 0) {
    body += fmt::format("<text class=\"nodata\" x=\"{}\" y=\"{}\">no data in this period</text>\n",
                        kLeft + kPlotW / 2, Num(kTop + kPlotH / 2));
  }
  body += fmt::format(
      "<text class=\"ylabel\" x=\"12\" y=\"{}\" transform=\"rotate(-90 12 {})\">{}</text>\n",
      Num(kTop + kPlotH / 2), Num(kTop + kPlotH / 2), HtmlEscape(axes.y_label));
  body += Legend(legend, legend_y);
  return Open(title, height, marks) + body + "</svg>\n";
}

}  // namespace cutover
