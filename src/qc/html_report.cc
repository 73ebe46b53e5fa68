#include "qc/html_report.h"

#include "util/html_escape.h"
#include "util/nice_step.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cutover {
namespace {

// Chart geometry (SVG user units; the SVG scales to the page width).
constexpr double kWidth = 800, kHeight = 480;
constexpr double kLeft = 70, kRight = 20, kTop = 40, kBottom = 80;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;

const char* const kSeriesColours[] = {"#d62728", "#1f77b4", "#2ca02c", "#222222",
                                      "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"};

std::string Num(double v) { return fmt::format("{:.2f}", v); }

struct Frame {
  double y_min, y_max;
  size_t n;  // x categories
  double X(size_t i) const { return kLeft + (n <= 1 ? kPlotW / 2 : kPlotW * (static_cast<double>(i) + 0.5) / static_cast<double>(n)); }
  double Y(double v) const {
    const double t = (v - y_min) / (y_max - y_min);
    return kTop + kPlotH * (1 - std::clamp(t, 0.0, 1.0));
  }
};

std::string OpenSvg(std::string_view title) {
  return fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\">\n<text x=\"{}\" y=\"22\" class=\"title\">{}</text>\n",
      kWidth, kHeight, HtmlEscape(title), kWidth / 2, HtmlEscape(title));
}

std::string YGrid(const Frame& f) {
  std::string s;
  const double step = NiceStep(f.y_max - f.y_min, 8);
  for (double v = f.y_min; v <= f.y_max + step / 1000; v += step) {
    s += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/>"
        "<text x=\"{}\" y=\"{}\" class=\"ytick\">{}</text>\n",
        kLeft, kLeft + kPlotW, Num(f.Y(v)), Num(f.Y(v)), kLeft - 6, Num(f.Y(v) + 4),
        std::fabs(v - std::round(v)) < 1e-9 ? fmt::format("{}", std::llround(v))
                                           : fmt::format("{:g}", v));
  }
  return s;
}

// X labels (thinned to about 40), the plot frame and the x axis title.
std::string XAxis(std::string_view x_title, const std::vector<std::string>& x, const Frame& f) {
  std::string s;
  const size_t every = std::max<size_t>(1, (x.size() + 39) / 40);
  for (size_t i = 0; i < x.size(); i += every) {
    s += fmt::format(
        "<text x=\"{0}\" y=\"{1}\" class=\"xtick\" transform=\"rotate(-45 {0} {1})\">{2}</text>\n",
        Num(f.X(i)), kTop + kPlotH + 14, HtmlEscape(x[i]));
  }
  s += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"frame\"/>\n"
      "<text x=\"{}\" y=\"{}\" class=\"axis\">{}</text>\n",
      kLeft, kTop, kPlotW, kPlotH, kLeft + kPlotW / 2, kHeight - 8, HtmlEscape(x_title));
  return s;
}

}  // namespace

void HtmlReport::Table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  body_ += "<table>\n<thead><tr>";
  for (const std::string& h : header) body_ += "<th>" + HtmlEscape(h) + "</th>";
  body_ += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    body_ += "<tr>";
    for (const std::string& cell : row) body_ += "<td>" + HtmlEscape(cell) + "</td>";
    body_ += "</tr>\n";
  }
  body_ += "</tbody>\n</table>\n";
}

void HtmlReport::Paragraph(std::string_view text) {
  body_ += "<p>" + HtmlEscape(text) + "</p>\n";
}

void HtmlReport::LineChart(std::string_view title, std::string_view x_title,
                           const std::vector<std::string>& x, const std::vector<Series>& series,
                           double y_min, double y_max) {
  if (!(y_max > y_min)) y_max = y_min + 1;
  Frame f{y_min, y_max, x.size()};
  std::string s = OpenSvg(title) + YGrid(f) + XAxis(x_title, x, f);
  for (size_t k = 0; k < series.size(); ++k) {
    const char* colour = kSeriesColours[k % std::size(kSeriesColours)];
    std::string points;
    auto flush = [&] {
      if (!points.empty()) {
        s += fmt::format("<polyline class=\"series\" stroke=\"{}\" points=\"{}\"/>\n", colour,
                         points);
      }
      points.clear();
    };
    for (size_t i = 0; i < series[k].values.size() && i < x.size(); ++i) {
      const double v = series[k].values[i];
      if (std::isnan(v)) {
        flush();
        continue;
      }
      points += Num(f.X(i)) + "," + Num(f.Y(v)) + " ";
    }
    flush();
    s += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"4\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" "
        "class=\"legend\">{}</text>\n",
        kLeft + kPlotW - 230, kTop + 12 + 16 * static_cast<double>(k), colour, kLeft + kPlotW - 212,
        kTop + 17 + 16 * static_cast<double>(k), HtmlEscape(series[k].name));
  }
  s += "</svg>\n";
  AddSvg(std::move(s));
}

void HtmlReport::QualityBoxPlot(std::string_view title, const std::vector<std::string>& x,
                                const std::vector<Box>& boxes, double y_max) {
  Frame f{0, y_max, x.size()};
  std::string s = OpenSvg(title);
  // FastQC's background: good (>= 28) green, reasonable (20-28) orange, poor (< 20) red.
  struct Band {
    double lo, hi;
    const char* cls;
  };
  for (Band b : {Band{0, 20, "poor"}, Band{20, 28, "fair"}, Band{28, y_max, "good"}}) {
    if (b.hi > y_max) b.hi = y_max;
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"{}\"/>\n", kLeft,
                     Num(f.Y(b.hi)), kPlotW, Num(f.Y(b.lo) - f.Y(b.hi)), b.cls);
  }
  s += YGrid(f) + XAxis("Position in read (bp)", x, f);
  const double w = std::max(1.0, kPlotW / static_cast<double>(std::max<size_t>(1, x.size())) * 0.7);
  std::string mean_points;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& b = boxes[i];
    const double cx = f.X(i);
    if (!std::isnan(b.median)) {
      s += fmt::format(
          "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" class=\"whisker\"/>"
          "<rect x=\"{3}\" y=\"{4}\" width=\"{5}\" height=\"{6}\" class=\"box\"/>"
          "<line x1=\"{3}\" x2=\"{7}\" y1=\"{8}\" y2=\"{8}\" class=\"median\"/>\n",
          Num(cx), Num(f.Y(b.p90)), Num(f.Y(b.p10)), Num(cx - w / 2), Num(f.Y(b.upper)), Num(w),
          Num(std::max(0.5, f.Y(b.lower) - f.Y(b.upper))), Num(cx + w / 2), Num(f.Y(b.median)));
    }
    mean_points += Num(cx) + "," + Num(f.Y(b.mean)) + " ";
  }
  s += "<polyline class=\"series\" stroke=\"#1f3fbf\" points=\"" + mean_points + "\"/>\n</svg>\n";
  AddSvg(std::move(s));
}

void HtmlReport::TileHeatMap(std::string_view title, const std::vector<std::string>& x,
                             const std::vector<int>& tiles,
                             const std::vector<std::vector<double>>& values) {
  Frame f{0, 1, x.size()};
  std::string s = OpenSvg(title);
  const double cw = kPlotW / static_cast<double>(std::max<size_t>(1, x.size()));
  const double ch = kPlotH / static_cast<double>(std::max<size_t>(1, tiles.size()));
  // Colour: blue when a tile is at or above the mean, through green and yellow to red at 10
  // below (FastQC's hot/cold scale of the deviation).
  for (size_t t = 0; t < values.size(); ++t) {
    for (size_t i = 0; i < values[t].size(); ++i) {
      const double d = std::clamp(-values[t][i] / 10.0, 0.0, 1.0);
      const int hue = static_cast<int>(240 * (1 - d));
      s += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"hsl({},80%,50%)\"/>", Num(kLeft + cw * static_cast<double>(i)),
          Num(kTop + ch * static_cast<double>(t)), Num(cw + 0.3), Num(ch + 0.3), hue);
    }
    s += "\n";
  }
  const size_t every = std::max<size_t>(1, (tiles.size() + 29) / 30);
  for (size_t t = 0; t < tiles.size(); t += every) {
    s += fmt::format("<text x=\"{}\" y=\"{}\" class=\"ytick\">{}</text>\n", kLeft - 6,
                     Num(kTop + ch * (static_cast<double>(t) + 0.5) + 4), tiles[t]);
  }
  s += XAxis("Position in read (bp)", x, f) + "</svg>\n";
  AddSvg(std::move(s));
}

void HtmlReport::AddSvg(std::string svg) {
  body_ += svg;
  svgs_.push_back(std::move(svg));
}

HtmlReport::ModuleSection HtmlReport::TakeSection(std::string name, Verdict verdict) {
  ModuleSection section{std::move(name), verdict, std::move(body_), std::move(svgs_)};
  body_.clear();
  svgs_.clear();
  return section;
}

namespace {

std::string Icon(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "<svg class=\"icon\" viewBox=\"0 0 20 20\" role=\"img\" aria-label=\"[PASS]\">"
             "<circle cx=\"10\" cy=\"10\" r=\"9\" fill=\"#3c9a3c\"/><path d=\"M5 10.5l3.2 3.2 "
             "6.5-7\" stroke=\"#fff\" stroke-width=\"2.4\" fill=\"none\"/></svg>";
    case Verdict::kWarn:
      return "<svg class=\"icon\" viewBox=\"0 0 20 20\" role=\"img\" aria-label=\"[WARN]\">"
             "<path d=\"M10 1.5l9 16.5H1z\" fill=\"#f0a30a\"/><path d=\"M10 7v5.5M10 14.5v1.8\" "
             "stroke=\"#fff\" stroke-width=\"2.2\"/></svg>";
    case Verdict::kFail:
      return "<svg class=\"icon\" viewBox=\"0 0 20 20\" role=\"img\" aria-label=\"[FAIL]\">"
             "<circle cx=\"10\" cy=\"10\" r=\"9\" fill=\"#d9302c\"/><path d=\"M6 6l8 8M14 6l-8 8\" "
             "stroke=\"#fff\" stroke-width=\"2.4\"/></svg>";
  }
  return "";
}

constexpr const char* kStyle = R"css(
body { font-family: Arial, Helvetica, sans-serif; margin: 0; color: #222; }
.header { background: #eee; border-bottom: 1px solid #999; padding: 8px 16px; position: fixed;
  top: 0; left: 0; right: 0; height: 52px; z-index: 2; }
#header_title { font-size: 26px; font-weight: bold; float: left; }
#header_filename { float: right; text-align: right; font-size: 14px; }
.summary { position: fixed; top: 70px; left: 0; width: 260px; padding: 0 12px; }
.summary ul { list-style: none; padding: 0; }
.summary li { margin: 6px 0; }
.summary a { color: #222; }
.main { margin: 70px 16px 40px 290px; }
.module { margin-bottom: 30px; }
h2 { font-size: 20px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
.icon { width: 18px; height: 18px; vertical-align: -3px; margin-right: 6px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #bbb; padding: 3px 8px; text-align: left; font-size: 13px; }
th { background: #0b2c6f; color: #fff; }
svg.chart { width: 100%; max-width: 820px; height: auto; display: block; background: #fff; }
svg .title { font-size: 15px; text-anchor: middle; }
svg .axis { font-size: 13px; text-anchor: middle; }
svg .ytick { font-size: 11px; text-anchor: end; }
svg .xtick { font-size: 10px; text-anchor: end; }
svg .legend { font-size: 12px; }
svg .grid { stroke: #e3e3e3; stroke-width: 1; }
svg .frame { fill: none; stroke: #888; }
svg .series { fill: none; stroke-width: 1.6; }
svg .poor { fill: #f2c4c4; } svg .fair { fill: #f6e3bf; } svg .good { fill: #c8e8c8; }
svg .box { fill: #ffe83c; stroke: #444; stroke-width: 0.6; }
svg .whisker { stroke: #333; stroke-width: 0.8; }
svg .median { stroke: #c00; stroke-width: 1.2; }
.footer { clear: both; margin-left: 290px; color: #666; font-size: 12px; padding: 12px 16px; }
)css";

}  // namespace

std::string HtmlReport::Document(std::string_view file_name, std::string_view date,
                                 const std::vector<ModuleSection>& sections,
                                 std::string_view version, std::string_view fastqc_version) {
  std::string s;
  s += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>";
  s += HtmlEscape(file_name) + " FastQC Report</title>\n<style>" + kStyle + "</style>\n</head>\n";
  s += "<body>\n<div class=\"header\"><div id=\"header_title\">FastQC Report</div>"
       "<div id=\"header_filename\">" +
       HtmlEscape(date) + "<br>" + HtmlEscape(file_name) + "</div></div>\n";
  s += "<div class=\"summary\"><h2>Summary</h2><ul>\n";
  for (size_t i = 0; i < sections.size(); ++i) {
    s += fmt::format("<li>{}<a href=\"#M{}\">{}</a></li>\n", Icon(sections[i].verdict), i,
                     HtmlEscape(sections[i].name));
  }
  s += "</ul></div>\n<div class=\"main\">\n";
  for (size_t i = 0; i < sections.size(); ++i) {
    s += fmt::format("<div class=\"module\"><h2 id=\"M{}\">{}{}</h2>\n", i,
                     Icon(sections[i].verdict), HtmlEscape(sections[i].name));
    s += sections[i].body;
    s += "</div>\n";
  }
  s += "</div>\n<div class=\"footer\">Produced by cutover qc " + HtmlEscape(version) +
       " (FastQC " + HtmlEscape(fastqc_version) + " compatible)</div>\n</body></html>\n";
  return s;
}

}  // namespace cutover
