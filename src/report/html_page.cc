#include "report/html_page.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/concordance_charts.h"
#include "report/svg_chart.h"
#include "util/clock.h"
#include "util/html_escape.h"
#include "util/strings.h"

namespace cutover {
namespace {

constexpr std::string_view kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:16px 32px}
header h1{margin:0;font-size:22px} header p{margin:4px 0 0;color:#cfd8dc}
main{max-width:1100px;margin:0 auto;padding:8px 32px 48px}
section{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:12px 20px;margin:16px 0}
h2{font-size:18px;margin:8px 0} h3{font-size:15px;margin:14px 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid #e0e0e0;border-radius:6px;padding:8px 14px;min-width:130px;background:#fff}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}
th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5} td.num{text-align:right;font-variant-numeric:tabular-nums}
code{background:#f1f1f1;padding:1px 4px;border-radius:3px;font-size:12px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff}
.ready{color:#2e7d32;font-weight:600} .missing{color:#c62828}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:8px}
svg.chart{width:100%;height:auto;display:block}
svg .title{font-size:13px;text-anchor:middle;font-weight:600}
svg .grid{stroke:#e0e0e0} svg .whisker{stroke:#555} svg .median{stroke:#000;stroke-width:2}
svg .extreme{fill:#555} svg .change{fill:#000}
svg text{font-size:11px;fill:#333} svg .ytick{text-anchor:end} svg .xtick{text-anchor:middle}
svg .rowlabel{text-anchor:end} svg .celllabel{text-anchor:middle;font-size:10px}
svg .nodata{text-anchor:middle;fill:#999} svg .ylabel{text-anchor:middle}
.legacy{fill:#9e9e9e;background:#9e9e9e} .shadow{fill:#64b5f6;background:#64b5f6}
.canary{fill:#ffb74d;background:#ffb74d} .new{fill:#66bb6a;background:#66bb6a}
.retired{fill:#2e7d32;background:#2e7d32}
.match{fill:#66bb6a} .noise{fill:#aed581} .mismatch{fill:#e53935} .error{fill:#fb8c00}
.accepted{fill:#5c6bc0}
svg .rollback{fill:#37474f} svg .rollback-auto{fill:#d50000} svg .drift{fill:#00838f}
.served-legacy{fill:#9e9e9e} .served-new{fill:#43a047} .fallback{fill:#8e24aa}
pre{white-space:pre-wrap;font-size:12px;margin:0}
svg polyline.line{fill:none;stroke-width:1.5} svg line.range{stroke-width:1.5}
svg rect.band{fill-opacity:0.13;stroke:none} svg line.edge{stroke-width:1;stroke-dasharray:5 3}
svg .edgelabel{text-anchor:end;font-size:10px}
.series-0{fill:#1e88e5;stroke:#1e88e5} .series-1{fill:#e53935;stroke:#e53935}
.series-2{fill:#43a047;stroke:#43a047} .series-3{fill:#fb8c00;stroke:#fb8c00}
.series-4{fill:#8e24aa;stroke:#8e24aa} .series-5{fill:#00897b;stroke:#00897b}
.series-6{fill:#6d4c41;stroke:#6d4c41} .series-7{fill:#546e7a;stroke:#546e7a}
svg rect.key{stroke:none}
.charts svg text{font-size:15px} .charts svg .title{font-size:17px}
)css";

std::string E(std::string_view text) { return HtmlEscape(text); }

std::string Pct(int64_t part, int64_t whole) {
  if (whole <= 0) return "–";
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string Badge(const Route& route) {
  return fmt::format("<span class=\"badge {}\">{}</span>", ToString(route.mode),
                     E(ToString(route)));
}

std::string Ratio(double r) {
  if (r <= 0) return "–";
  if (r > 0.95 && r < 1.05) return "about as fast";
  return r >= 1 ? fmt::format("{:.1f}× faster", r) : fmt::format("{:.1f}× slower", 1 / r);
}

int64_t Disagreements(const WeeklyActivity& a) {
  return a.comparisons_mismatch + a.comparisons_error;
}
int64_t Comparisons(const WeeklyActivity& a) {
  return a.comparisons_match + a.comparisons_noise + a.comparisons_mismatch + a.comparisons_error;
}

// The route in force at `at_ms` (the latest change before it), legacy when none.
Route RouteAt(const std::vector<RouteChange>& history, int64_t at_ms) {
  Route r;
  for (const RouteChange& c : history) {
    if (c.at_ms < at_ms) r = c.to;
  }
  return r;
}

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string Timeline(const MigrationReport& report) {
  std::vector<std::string> steps, weeks;
  std::vector<std::vector<TimelineCell>> cells;
  for (int64_t w : report.weeks) weeks.push_back(WeekLabel(w).substr(5));
  for (const StepReport& s : report.steps) {
    steps.push_back(s.name);
    std::vector<TimelineCell> row;
    for (int64_t w : report.weeks) {
      const int64_t end = std::min(w + kWeekMs, report.now_ms + 1);
      const Route r = RouteAt(s.history, end);
      TimelineCell cell;
      cell.css_class = std::string(ToString(r.mode));
      if (r.mode == RouteMode::kCanary) cell.label = fmt::format("{}%", r.percent);
      std::vector<std::string> what;
      for (const RouteChange& c : s.history) {
        if (c.at_ms < w || c.at_ms >= w + kWeekMs) continue;
        const bool back = IsRollback(c);
        if (!back) cell.changed = true;
        if (back && c.automatic) ++cell.automatic_rollbacks;
        if (back && !c.automatic) ++cell.rollbacks;
        what.push_back(fmt::format("{} {} → {}{} ({})", FormatUtc(c.at_ms).substr(5, 11),
                                   ToString(c.from), ToString(c.to),
                                   back ? (c.automatic ? ": automatic rollback" : ": rollback by " + c.user)
                                        : "",
                                   c.reason));
      }
      for (const ImplementationChange& d : s.drifts) {
        if (d.at_ms < w || d.at_ms >= w + kWeekMs) continue;
        ++cell.drifts;
        what.push_back(fmt::format("{} {} changed: {}", FormatUtc(d.at_ms).substr(5, 11),
                                   ToString(d.subject), d.change));
      }
      cell.tooltip = what.empty() ? fmt::format("{} all week", ToString(r)) : Join(what, "; ");
      cell.marker_tooltip = Join(what, "; ");
      row.push_back(std::move(cell));
    }
    cells.push_back(std::move(row));
  }
  return RouteTimelineChart(steps, weeks, cells);
}

std::string ServedChart(const MigrationReport& report) {
  std::vector<std::string> weeks;
  BarSeries legacy{"served by legacy", "served-legacy", {}};
  BarSeries neu{"served by new", "served-new", {}};
  for (size_t i = 0; i < report.weeks.size(); ++i) {
    int64_t l = 0, n = 0;
    for (const StepReport& s : report.steps) {
      l += s.weeks[i].served_legacy;
      n += s.weeks[i].served_new;
    }
    weeks.push_back(WeekLabel(report.weeks[i]).substr(5));
    legacy.values.push_back(static_cast<double>(l));
    neu.values.push_back(static_cast<double>(n));
  }
  return StackedBarChart("Step executions served, by system, per week", weeks, {legacy, neu},
                         "tasks");
}

// The step's concordance figures: the charts of each output, and per threshold how the period's
// comparisons fared.
std::string ConcordanceSection(const StepReport& s, const MigrationReport& report) {
  if (s.concordance.empty()) return "";
  std::string h = "<h3>Concordance</h3>\n";
  for (const OutputConcordance& c : s.concordance) {
    std::string rows;
    for (const MetricLimit& l : c.limits) {
      const LimitSummary sum = SummarizeLimit(c, l);
      if (sum.measured == 0) continue;
      rows += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td>{}</td><td><code>cutover diff {}</code> ({})</td></tr>\n",
          E(l.metric), E(LimitText(l)), E(Join(l.sources, ", ")), sum.measured,
          sum.missed == 0 ? "<span class=\"ready\">none</span>"
                          : fmt::format("<span class=\"missing\">{}</span>", sum.missed),
          fmt::format("{:.4f}", sum.worst), sum.worst_comparison, E(sum.worst_sample));
    }
    h += fmt::format("<p>Output <code>{}</code> ({}): {} comparisons with figures in this period.</p>\n",
                     E(c.output), E(c.comparator), c.comparisons.size());
    if (!rows.empty()) {
      h += "<table class=\"limits\"><tr><th>metric</th><th>threshold</th><th>from</th>"
           "<th>comparisons</th><th>beyond it</th><th>worst</th><th>worst comparison</th></tr>\n" +
           rows + "</table>\n";
    }
    h += "<div class=\"charts\">\n";
    for (const std::string& chart :
         ConcordanceCharts(s.name, c, report.since_ms, report.now_ms, report.weeks)) {
      h += chart;
    }
    h += "</div>\n";
  }
  return h;
}

std::string StepSection(const StepReport& s, const MigrationReport& report) {
  std::string h;
  h += fmt::format("<section class=\"step\" id=\"step-{}\">\n<h2>{} {}</h2>\n", E(s.name),
                   E(s.name), Badge(s.route));
  if (!s.has_new) h += "<p>No <code>new:</code> implementation yet: the step runs on legacy only.</p>\n";
  const WeeklyActivity& p = s.period;
  const int64_t comparisons = Comparisons(p);
  h += "<table class=\"numbers\"><tr><th>tasks</th><th>served by legacy</th><th>served by new</th>"
       "<th>failed tasks</th><th>new-side failures</th><th>fallbacks</th><th>automatic rollbacks</th>"
       "<th>comparisons</th><th>match</th><th>noise</th><th>mismatch</th><th>error</th>"
       "<th>accepted</th><th>mismatch rate</th></tr>\n";
  h += fmt::format(
      "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr></table>\n",
      p.tasks, p.served_legacy, p.served_new, p.tasks_failed, p.failures_new, p.fallbacks,
      s.automatic_rollbacks, comparisons, p.comparisons_match, p.comparisons_noise,
      p.comparisons_mismatch, p.comparisons_error, p.comparisons_accepted,
      Pct(Disagreements(p) - p.comparisons_accepted, comparisons));

  const GateEvaluation& g = s.gate.evaluation;
  if (g.applies) {
    h += fmt::format(
        "<p>Gate for <code>cutover promote {}</code>: {} — {} comparisons over {} samples in this "
        "stage, {:.1f} days since shadowing began, stage mismatch rate {:.1f}%.</p>\n",
        E(s.name),
        g.ready ? "<span class=\"ready\">ready</span>"
                : "<span class=\"missing\">missing " + E(g.Summary()) + "</span>",
        g.comparisons, g.samples, g.days, 100 * g.mismatch_rate);
  } else if (s.route.mode == RouteMode::kLegacy) {
    h += fmt::format("<p>On legacy: <code>cutover route {} shadow</code> starts gathering "
                     "evidence{}.</p>\n",
                     E(s.name), s.has_new ? "" : " once a new implementation exists");
  } else {
    h += "<p>Cut over: the new system serves.</p>\n";
  }

  std::vector<std::string> weeks;
  for (int64_t w : report.weeks) weeks.push_back(WeekLabel(w).substr(5));
  // Accepted mismatches and errors are explained: their own colour, apart from the unexplained.
  BarSeries match{"match", "match", {}}, noise{"noise", "noise", {}},
      accepted{"accepted", "accepted", {}}, mismatch{"mismatch", "mismatch", {}},
      error{"error", "error", {}};
  for (const WeeklyActivity& a : s.weeks) {
    const int64_t accepted_mismatch = a.comparisons_accepted - a.comparisons_accepted_error;
    match.values.push_back(static_cast<double>(a.comparisons_match));
    noise.values.push_back(static_cast<double>(a.comparisons_noise));
    accepted.values.push_back(static_cast<double>(a.comparisons_accepted));
    mismatch.values.push_back(static_cast<double>(a.comparisons_mismatch - accepted_mismatch));
    error.values.push_back(static_cast<double>(a.comparisons_error - a.comparisons_accepted_error));
  }
  h += "<div class=\"charts\">\n";
  h += StackedBarChart("Comparisons per week, by outcome", weeks,
                       {match, noise, accepted, mismatch, error}, "comparisons");
  BarSeries served_l{"legacy", "served-legacy", {}}, served_n{"new", "served-new", {}},
      fallback{"fallback", "fallback", {}};
  for (const WeeklyActivity& a : s.weeks) {
    served_l.values.push_back(static_cast<double>(a.served_legacy - a.fallbacks));
    fallback.values.push_back(static_cast<double>(a.fallbacks));
    served_n.values.push_back(static_cast<double>(a.served_new));
  }
  h += StackedBarChart("Served per week (fallback: new failed, legacy served)", weeks,
                       {served_l, fallback, served_n}, "tasks");
  std::string speed;
  if (!s.has_new) {
    speed = "; no new side yet";
  } else if (s.SpeedUp() > 0) {
    speed = "; new is " + Ratio(s.SpeedUp());
  }
  h += BoxPlotChart(fmt::format("Run time (successful runs{})", speed),
                    {{"legacy", "legacy", s.wall_legacy}, {"new", "new", s.wall_new}}, FormatMs);
  h += BoxPlotChart("Peak memory (largest process)",
                    {{"legacy", "legacy", s.rss_legacy}, {"new", "new", s.rss_new}}, FormatKb);
  h += "</div>\n";
  h += ConcordanceSection(s, report);

  if (!s.failures.empty()) {
    h += "<h3>Recent failures</h3>\n<table><tr><th>when</th><th>sample</th><th>side</th>"
         "<th>role</th><th>status</th><th>what happened</th></tr>\n";
    for (const ExecutionRecord& f : s.failures) {
      std::string what = f.error.empty() ? f.stderr_tail : f.error;
      if (what.size() > 400) what = "…" + what.substr(what.size() - 400);
      h += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td><pre>{}</pre></td>"
          "</tr>\n",
          E(FormatUtc(f.started_ms)), E(f.sample), ToString(f.side), ToString(f.role),
          ToString(f.status),
          f.status == ExecStatus::kFailed && f.exit_code != 0
              ? fmt::format(" (exit {})", f.exit_code)
              : "",
          E(what));
    }
    h += "</table>\n";
  }
  if (!s.accepted.empty()) {
    h += "<h3>Accepted differences</h3>\n<p>Mismatches explained with <code>cutover accept</code>: "
         "they count as explained in the gate, with these reasons.</p>\n<table class=\"accepted\">"
         "<tr><th>id</th><th>compared</th><th>sample</th><th>output</th><th>outcome</th>"
         "<th>accepted</th><th>by</th><th>reason</th></tr>\n";
    for (const ComparisonRecord& c : s.accepted) {
      h += fmt::format(
          "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td>{}</td><td>{}</td></tr>\n",
          c.id, E(FormatUtc(c.at_ms)), E(c.sample), E(c.output), ToString(c.outcome),
          E(FormatUtc(c.accepted_ms)), E(c.accepted_by), E(c.accept_reason));
    }
    h += "</table>\n";
  }
  if (!s.drifts.empty()) {
    h += "<h3>Implementation changes</h3>\n<p>A side (or the step's <code>compare:</code>) "
         "changed: comparisons made before it no longer count towards the gate.</p>\n"
         "<table class=\"drift\"><tr><th>when</th><th>what</th><th>change</th></tr>\n";
    for (const ImplementationChange& d : s.drifts) {
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", E(FormatUtc(d.at_ms)),
                       ToString(d.subject), E(d.change));
    }
    h += "</table>\n";
  }
  if (!s.history.empty()) {
    h += "<h3>Route history</h3>\n<table><tr><th>when</th><th>who</th><th>from</th><th>to</th>"
         "<th>why</th></tr>\n";
    for (const RouteChange& c : s.history) {
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}{}</td></tr>\n",
                       E(FormatUtc(c.at_ms)), E(c.user), E(ToString(c.from)), E(ToString(c.to)),
                       E(c.reason), c.automatic ? " <em>(automatic)</em>" : "",
                       c.forced ? " <em>(forced past the gate)</em>" : "");
    }
    h += "</table>\n";
  }
  return h + "</section>\n";
}

std::string Mismatches(const MigrationReport& report) {
  std::vector<const ComparisonRecord*> all;
  for (const StepReport& s : report.steps) {
    for (const ComparisonRecord& c : s.mismatches) all.push_back(&c);
  }
  std::sort(all.begin(), all.end(),
            [](const ComparisonRecord* a, const ComparisonRecord* b) { return a->id > b->id; });
  if (all.size() > static_cast<size_t>(kRecent)) all.resize(kRecent);
  std::string h = "<section id=\"mismatches\">\n<h2>Recent unexplained mismatches</h2>\n";
  if (all.empty()) return h + "<p>None in this period.</p>\n</section>\n";
  h += "<table><tr><th>id</th><th>when</th><th>step</th><th>sample</th><th>output</th>"
       "<th>comparator</th><th>outcome</th><th>difference</th><th>look at it</th></tr>\n";
  for (const ComparisonRecord* c : all) {
    std::string message = c->summary.is_object() ? c->summary.value("message", std::string()) : "";
    if (message.size() > 300) message = message.substr(0, 300) + "…";
    h += fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td><pre>{}</pre></td><td><code>cutover diff {}</code></td></tr>\n",
        c->id, E(FormatUtc(c->at_ms)), E(c->step), E(c->sample), E(c->output), E(c->comparator),
        ToString(c->outcome), E(message), c->id);
  }
  return h + "</table>\n</section>\n";
}

}  // namespace

std::string RenderReportHtml(const MigrationReport& report) {
  int64_t by_mode[5] = {0, 0, 0, 0, 0};
  int64_t comparisons = 0, unexplained = 0, fallbacks = 0, rollbacks = 0;
  for (const StepReport& s : report.steps) {
    ++by_mode[static_cast<int>(s.route.mode)];
    comparisons += Comparisons(s.period);
    unexplained += Disagreements(s.period) - s.period.comparisons_accepted;
    fallbacks += s.period.fallbacks;
    rollbacks += s.automatic_rollbacks;
  }
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'; img-src data:\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += fmt::format("<title>cutover report — {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                   E(report.pipeline_file), kStyle);
  h += fmt::format(
      "<header><h1>Migration report</h1><p>{} · period {} to {} · generated {}</p></header>\n"
      "<main>\n",
      E(report.pipeline_file), E(FormatUtc(report.since_ms).substr(0, 10)),
      E(FormatUtc(report.now_ms).substr(0, 10)), E(FormatUtc(report.now_ms)));
  const int64_t served = report.served_legacy + report.served_new;
  h += "<section id=\"progress\">\n<h2>Progress</h2>\n<div class=\"cards\">\n";
  h += fmt::format(
      "<div class=\"card\" id=\"share-new\"><b>{}</b>of step executions served by the new "
      "system ({} of {})</div>\n",
      Pct(report.served_new, served), report.served_new, served);
  h += fmt::format(
      "<div class=\"card\"><b>{} / {}</b>steps cut over (new or retired)</div>\n",
      by_mode[static_cast<int>(RouteMode::kNew)] + by_mode[static_cast<int>(RouteMode::kRetired)],
      report.steps.size());
  h += fmt::format(
      "<div class=\"card\"><b>{}</b>in validation (shadow or canary)</div>\n",
      by_mode[static_cast<int>(RouteMode::kShadow)] + by_mode[static_cast<int>(RouteMode::kCanary)]);
  h += fmt::format("<div class=\"card\"><b>{}</b>comparisons, {} unexplained</div>\n", comparisons,
                   unexplained);
  h += fmt::format("<div class=\"card\"><b>{}</b>{}, {}</div>\n", fallbacks,
                   fallbacks == 1 ? "fallback" : "fallbacks",
                   Plural(rollbacks, "automatic rollback", "automatic rollbacks"));
  h += "</div>\n";
  h += Timeline(report);
  h += ServedChart(report);
  h += "</section>\n";
  for (const StepReport& s : report.steps) h += StepSection(s, report);
  h += Mismatches(report);
  h += "</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace cutover
