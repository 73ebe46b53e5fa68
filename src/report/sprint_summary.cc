#include "report/sprint_summary.h"

#include <fmt/format.h>

#include "report/concordance_charts.h"
#include "report/svg_chart.h"
#include "util/clock.h"
#include "util/strings.h"

namespace cutover {
namespace {

std::string Day(int64_t ms) { return FormatUtc(ms).substr(0, 10); }

std::string Pct(int64_t part, int64_t whole) {
  if (whole <= 0) return "0%";
  return fmt::format("{:.0f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string Quoted(std::string_view reason) {
  return reason.empty() ? "" : fmt::format(": “{}”", MarkdownEscape(reason));
}

}  // namespace

std::string MarkdownEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '{': case '}': case '[': case ']':
      case '(': case ')': case '#': case '+': case '!': case '|': case '<': case '>':
      case '~': case '&':
        out += '\\';
        out += c;
        break;
      case '\n': case '\r':
        out += ' ';
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));  // ESC, BEL: visible
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string RenderSprintSummary(const MigrationReport& report) {
  std::string md;
  const int64_t served = report.served_legacy + report.served_new;
  int cut_over = 0;
  for (const StepReport& s : report.steps) {
    if (s.route.mode == RouteMode::kNew || s.route.mode == RouteMode::kRetired) ++cut_over;
  }
  md += fmt::format("# Migration update, {} to {}\n\n", Day(report.since_ms), Day(report.now_ms));
  md += fmt::format(
      "**{} of step executions were served by the new system** this period ({} of {}); "
      "**{} of {} steps** are cut over.\n\n",
      Pct(report.served_new, served), report.served_new, served, cut_over, report.steps.size());

  md += "## What moved\n\n";
  bool any = false;
  for (const StepReport& s : report.steps) {
    for (const RouteChange& c : s.changes) {
      any = true;
      md += fmt::format("- `{}`: {} → {} on {}{}{}{}\n", s.name, ToString(c.from), ToString(c.to),
                        Day(c.at_ms),
                        c.automatic ? " (automatic rollback)" : fmt::format(" by {}", MarkdownEscape(c.user)),
                        c.forced ? " (forced past the gate)" : "", Quoted(c.reason));
    }
  }
  for (const StepReport& s : report.steps) {
    for (const ImplementationChange& d : s.drifts) {
      any = true;
      md += fmt::format("- `{}`: {} changed on {}: {} (comparisons made before it no longer "
                        "count).\n",
                        s.name, ToString(d.subject), Day(d.at_ms), MarkdownEscape(d.change));
    }
  }
  if (!any) md += "- No route or implementation changed.\n";

  md += "\n## Ready to cut over\n\n";
  any = false;
  for (const StepReport& s : report.steps) {
    const GateEvaluation& g = s.gate.evaluation;
    if (!g.applies || !g.ready) continue;
    any = true;
    md += fmt::format(
        "- `{}` ({}): the gate holds — {} comparisons over {} samples, {:.1f} days in validation. "
        "Next: `cutover promote {}`.\n",
        s.name, ToString(s.route), g.comparisons, g.samples, g.days, s.name);
  }
  if (!any) md += "- Nothing yet.\n";

  // Blocking: what stands between a step in validation (or rolled back) and its next move. A
  // step already cut over is not blocked; what went wrong there is under "Cut over, to watch".
  std::string blocking, watch;
  for (const StepReport& s : report.steps) {
    const bool cut_over = s.route.mode == RouteMode::kNew || s.route.mode == RouteMode::kRetired;
    std::string& out = cut_over ? watch : blocking;
    const GateEvaluation& g = s.gate.evaluation;
    if (!cut_over && g.applies && !g.ready) {
      out += fmt::format("- `{}` ({}): the gate is missing {}.\n", s.name, ToString(s.route),
                         MarkdownEscape(g.Summary()));
    }
    if (!s.mismatches.empty()) {
      out += fmt::format("- `{}`: {} unexplained mismatch{} (latest on sample {}: `cutover diff {}`).\n",
                         s.name, s.mismatches.size() >= static_cast<size_t>(kRecent)
                                     ? fmt::format("{}+", s.mismatches.size())
                                     : fmt::format("{}", s.mismatches.size()),
                         s.mismatches.size() == 1 ? "" : "es",
                         MarkdownEscape(s.mismatches.front().sample), s.mismatches.front().id);
    }
    if (s.period.failures_new > 0 || s.automatic_rollbacks > 0) {
      out += fmt::format("- `{}`: {} new-side failure{}, {} fallback{}, {} automatic rollback{}.\n",
                         s.name, s.period.failures_new, s.period.failures_new == 1 ? "" : "s",
                         s.period.fallbacks, s.period.fallbacks == 1 ? "" : "s",
                         s.automatic_rollbacks, s.automatic_rollbacks == 1 ? "" : "s");
    }
  }
  md += "\n## Blocking\n\n" + (blocking.empty() ? std::string("- Nothing blocks.\n") : blocking);
  if (!watch.empty()) md += "\n## Cut over, to watch\n\n" + watch;

  // Accepted differences: the reasons the team gave, newest first.
  std::string accepted;
  for (const StepReport& s : report.steps) {
    for (const ComparisonRecord& c : s.accepted) {
      accepted += fmt::format("- `{}` {} on sample {} (comparison {}), accepted by {}{}.\n", s.name,
                              MarkdownEscape(c.output), MarkdownEscape(c.sample), c.id,
                              MarkdownEscape(c.accepted_by), Quoted(c.accept_reason));
    }
  }
  if (!accepted.empty()) md += "\n## Accepted differences\n\n" + accepted;

  md += "\n## Speed-ups\n\n";
  std::string rows;
  for (const StepReport& s : report.steps) {
    if (s.wall_legacy.empty() || s.wall_new.empty()) continue;
    rows += fmt::format("| `{}` | {} | {} | {:.1f}× | {} → {} |\n", s.name,
                        FormatMs(s.wall_legacy.median), FormatMs(s.wall_new.median), s.SpeedUp(),
                        FormatKb(s.rss_legacy.median), FormatKb(s.rss_new.median));
  }
  if (rows.empty()) {
    md += "No step has run on both systems in this period.\n";
  } else {
    md += "| step | legacy (median) | new (median) | speed-up | peak memory (median) |\n"
          "|---|---:|---:|---:|---|\n" +
          rows;
  }

  // Concordance: how each threshold fared over the period (comparators judged by figures; their
  // metric names are their own identifiers, safe in a code span).
  std::string figures;
  for (const StepReport& s : report.steps) {
    for (const OutputConcordance& c : s.concordance) {
      for (const MetricLimit& l : c.limits) {
        const LimitSummary sum = SummarizeLimit(c, l);
        if (sum.measured == 0) continue;
        figures += fmt::format(
            "- `{}` {}: `{}` {} {} ({} {:.4f}, sample {}: `cutover diff {}`).\n", s.name,
            MarkdownEscape(c.output), l.metric, LimitText(l),
            sum.missed == 0
                ? fmt::format("held on all {} comparison{}", sum.measured, sum.measured == 1 ? "" : "s")
                : fmt::format("**missed on {} of {} comparisons**", sum.missed, sum.measured),
            l.is_min ? "lowest" : "highest", sum.worst, MarkdownEscape(sum.worst_sample),
            sum.worst_comparison);
      }
    }
  }
  if (!figures.empty()) md += "\n## Concordance\n\n" + figures;

  md += "\n## Not started\n\n";
  any = false;
  for (const StepReport& s : report.steps) {
    if (s.route.mode != RouteMode::kLegacy) continue;
    any = true;
    md += fmt::format("- `{}`: on legacy{}.\n", s.name,
                      s.has_new ? fmt::format(", a new implementation is configured: "
                                              "`cutover route {} shadow` starts its validation",
                                              s.name)
                                : ", no new implementation yet");
  }
  if (!any) md += "- Every step has started its migration.\n";
  md += "\n`cutover plan` ranks what to migrate next; `cutover report` draws the whole history.\n";
  return md;
}

}  // namespace cutover
