// `cutover status`: where each step stands.
#include <iostream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "compare/comparator.h"
#include "evidence/compare_config.h"
#include "evidence/gate.h"
#include "util/clock.h"
#include "util/strings.h"

namespace cutover {

namespace {

// Whether the step's latest failure is a task that failed before any of its sides failed (a
// missing upstream output): no execution of that task or a later one records a failure.
bool TaskFailedLast(const StepSummary& s) {
  if (!s.last_failed_task) return false;
  return !s.last_failure || s.last_failure->task_id < s.last_failed_task->id;
}

}  // namespace

Handler SetupStatus(CLI::App* app, const GlobalOptions* global) {
  auto json = std::make_shared<bool>(false);
  app->add_flag("--json", *json, "machine-readable output");
  return [global, json] {
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kRead);
    if (!project.ok()) return ReportError(project.status());
    auto summaries = (*project)->ledger().Summaries();
    if (!summaries.ok()) return ReportError(summaries.status());
    // Every step of the pipeline appears, even one that never ran.
    std::vector<StepSummary> rows;
    for (const Step& step : (*project)->pipeline().steps) {
      StepSummary row;
      row.step = step.name;
      for (const StepSummary& s : *summaries) {
        if (s.step == step.name) row = s;
      }
      rows.push_back(row);
    }
    // Each step's gate: whether it may be promoted, and what is missing.
    std::map<std::string, StepGate> gates;
    const int64_t now = (*project)->context().clock->NowMs();
    for (const Step& step : (*project)->pipeline().steps) {
      auto gate = EvaluateStepGate((*project)->ledger(), step.name,
                                   (*project)->rules().Of(step.name).policy, now,
                                   CompareConfigOf(step).digest);
      if (!gate.ok()) return ReportError(gate.status());
      gates[step.name] = std::move(gate).value();
    }
    // Each side's current implementation identity (its latest change: a drift when the ledger
    // knew another one before).
    std::map<std::string, std::map<ChangeSubject, ImplementationChange>> identities;
    for (const Step& step : (*project)->pipeline().steps) {
      for (ChangeSubject side :
           {ChangeSubject::kLegacy, ChangeSubject::kNew, ChangeSubject::kCompare}) {
        auto current = (*project)->ledger().CurrentImplementation(step.name, side);
        if (!current.ok()) return ReportError(current.status());
        if (*current) identities[step.name][side] = **current;
      }
    }
    // Each step's latest concordance figures, per output (comparators judged by them).
    std::map<std::string, std::vector<MetricRecord>> latest_metrics;
    for (const Step& step : (*project)->pipeline().steps) {
      auto latest = (*project)->ledger().LatestMetrics(step.name);
      if (!latest.ok()) return ReportError(latest.status());
      latest_metrics[step.name] = std::move(latest).value();
    }
    if (*json) {
      nlohmann::json out = nlohmann::json::array();
      for (const StepSummary& s : rows) {
        nlohmann::json j = {
            {"step", s.step},
            {"route", {{"mode", ToString(s.route.mode)}, {"percent", s.route.percent}}},
            {"tasks", s.tasks},
            {"tasks_failed", s.tasks_failed},
            {"executions", {{"legacy", s.executions_legacy}, {"new", s.executions_new}}},
            {"new_failures", s.new_failures},
            {"fallbacks", s.fallbacks},
            {"comparisons",
             {{"match", s.comparisons_match},
              {"mismatch", s.comparisons_mismatch},
              {"noise", s.comparisons_noise},
              {"error", s.comparisons_error}}},
            {"last_failure", nullptr},
            {"gate", gates[s.step].evaluation.ToJson()},
            {"implementations", nlohmann::json::object()},
            {"metrics", nlohmann::json::array()}};
        for (const MetricRecord& m : latest_metrics[s.step]) {
          j["metrics"].push_back({{"output", m.output},
                                  {"comparator", m.comparator},
                                  {"comparison", m.comparison_id},
                                  {"task", m.task_id},
                                  {"sample", m.sample},
                                  {"outcome", ToString(m.outcome)},
                                  {"at", FormatUtc(m.at_ms)},
                                  {"metrics", m.metrics}});
        }
        for (const auto& [side, c] : identities[s.step]) {
          j["implementations"][std::string(ToString(side))] = {
              {"digest", c.to_digest},
              {"description", c.description},
              {"since", FormatUtc(c.at_ms)},
              {"changed", c.from_digest.empty() ? nlohmann::json(nullptr)
                                                : nlohmann::json(c.change)}};
        }
        if (TaskFailedLast(s)) {
          const TaskRecord& t = *s.last_failed_task;
          j["last_failure"] = {{"task", t.id},       {"execution", nullptr},
                               {"sample", t.sample}, {"side", nullptr},
                               {"status", "failed"}, {"exit_code", nullptr},
                               {"at", FormatUtc(t.finished_ms)}, {"error", t.error},
                               {"stderr_tail", ""}};
        } else if (s.last_failure) {
          const ExecutionRecord& f = *s.last_failure;
          j["last_failure"] = {{"task", f.task_id},   {"execution", f.id},
                               {"sample", f.sample},  {"side", ToString(f.side)},
                               {"status", ToString(f.status)}, {"exit_code", f.exit_code},
                               {"at", FormatUtc(f.finished_ms)}, {"error", f.error},
                               {"stderr_tail", f.stderr_tail}};
        }
        out.push_back(j);
      }
      std::cout << out.dump(2) << "\n";
      return kExitOk;
    }
    std::cout << fmt::format("{:<16} {:<12} {:>6} {:>7} {:>6} {:>8} {:>9} {:>6} {:>9} {:>6} {:>6}\n",
                             "STEP", "ROUTE", "TASKS", "LEGACY", "NEW", "NEW-FAIL", "FALLBACKS",
                             "MATCH", "MISMATCH", "NOISE", "ERROR");
    for (const StepSummary& s : rows) {
      std::cout << fmt::format(
          "{:<16} {:<12} {:>6} {:>7} {:>6} {:>8} {:>9} {:>6} {:>9} {:>6} {:>6}\n", s.step,
          ToString(s.route), s.tasks, s.executions_legacy, s.executions_new, s.new_failures,
          s.fallbacks, s.comparisons_match, s.comparisons_mismatch, s.comparisons_noise,
          s.comparisons_error);
    }
    bool any_gate = false;
    for (const StepSummary& s : rows) {
      const GateEvaluation& g = gates[s.step].evaluation;
      if (!g.applies) continue;
      if (!any_gate) std::cout << "\nreadiness (`cutover promote STEP` when ready):\n";
      any_gate = true;
      std::cout << fmt::format("  {:<16} {}\n", s.step,
                               g.ready ? fmt::format("ready ({} comparisons, {} samples, {:.1f} days)",
                                                     g.comparisons, g.samples, g.days)
                                       : "not ready: " + g.Summary());
      if (g.no_longer_counting > 0) {
        std::cout << TerminalSafe(fmt::format("  {:<16} {}\n", "", g.no_longer_counting_reason));
      }
    }
    bool any_metrics = false;
    for (const StepSummary& s : rows) {
      for (const MetricRecord& m : latest_metrics[s.step]) {
        if (!any_metrics) std::cout << "\nlatest concordance figures (`cutover diff ID` shows one):\n";
        any_metrics = true;
        std::cout << TerminalSafe(fmt::format("  {:<16} {} on {} ({}, comparison {}): {}\n", s.step,
                                              m.output, OneLineForTerminal(m.sample),
                                              ToString(m.outcome), m.comparison_id,
                                              FormatMetrics(m.metrics)));
      }
    }
    bool any_drift = false;
    for (const StepSummary& s : rows) {
      for (const auto& [side, c] : identities[s.step]) {
        if (c.from_digest.empty()) continue;
        if (!any_drift) {
          std::cout << "\nimplementation changes (the latest of each side, and of compare:):\n";
        }
        any_drift = true;
        std::cout << TerminalSafe(fmt::format("  {:<16} {}{} changed at {}: {}\n", s.step,
                                              ToString(side),
                                              side == ChangeSubject::kCompare ? ":" : "",
                                              FormatUtc(c.at_ms),
                                              OneLineForTerminal(c.change)));
      }
    }
    for (const StepSummary& s : rows) {
      if (TaskFailedLast(s)) {
        const TaskRecord& t = *s.last_failed_task;
        std::cout << TerminalSafe(fmt::format(
            "\nlast failure of {}: task {} on sample {} at {}, before any side ran:\n  {}\n",
            s.step, t.id, OneLineForTerminal(t.sample), FormatUtc(t.finished_ms), t.error));
        continue;
      }
      if (!s.last_failure) continue;
      const ExecutionRecord& f = *s.last_failure;
      std::string detail = f.error;
      if (detail.empty()) detail = std::string(Trim(TailBytes(f.stderr_tail, 200)));
      std::cout << TerminalSafe(fmt::format(
          "\nlast failure of {}: {} side on sample {} at {}: {}{}\n  {}\n", s.step, ToString(f.side),
          OneLineForTerminal(f.sample), FormatUtc(f.finished_ms), ToString(f.status),
          f.status == ExecStatus::kFailed && f.exit_code != 0 ? fmt::format(" (exit {})", f.exit_code) : "",
          detail));
    }
    return kExitOk;
  };
}

}  // namespace cutover
