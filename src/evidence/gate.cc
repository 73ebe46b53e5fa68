#include "evidence/gate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "util/clock.h"
#include "util/strings.h"

namespace cutover {
namespace {

constexpr double kMsPerDay = 86400.0 * 1000.0;

bool OffLegacy(RouteMode m) { return m != RouteMode::kLegacy && m != RouteMode::kRetired; }

std::string Percent(double rate) {
  double pct = rate * 100.0;
  return pct == std::floor(pct) ? fmt::format("{:.0f}%", pct) : fmt::format("{:.1f}%", pct);
}

std::string Days(double d) {
  return d == std::floor(d) ? fmt::format("{:.0f}", d) : fmt::format("{:.1f}", d);
}

}  // namespace

EvidenceWindow FindWindow(const std::vector<RouteChange>& history) {
  EvidenceWindow w;
  if (history.empty()) return w;
  const RouteChange& last = history.back();
  w.route = last.to;
  w.stage_began_ms = last.at_ms;
  if (!OffLegacy(w.route.mode)) return w;
  // Walk back to the change that left legacy (or retired): shadowing began there.
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (!OffLegacy(it->from.mode)) {
      w.shadow_began_ms = it->at_ms;
      break;
    }
  }
  return w;
}

GateEvaluation EvaluateGate(const GatePolicy& policy, const EvidenceWindow& window,
                            const std::vector<TaskEvidence>& evidence, int64_t now_ms) {
  GateEvaluation g;
  g.applies = window.route.mode == RouteMode::kShadow || window.route.mode == RouteMode::kCanary;
  std::set<std::string> samples;
  for (const TaskEvidence& e : evidence) {
    ++g.comparisons;
    samples.insert(e.sample);
    if (e.unexplained > 0 || e.new_failed) {
      ++g.unexplained;
      g.last_unexplained_task = e.task_id;
    } else if (e.explained > 0) {
      ++g.explained;
    } else {
      ++g.agreeing;
    }
  }
  g.samples = static_cast<int64_t>(samples.size());
  g.mismatch_rate =
      g.comparisons == 0 ? 0.0 : static_cast<double>(g.unexplained) / static_cast<double>(g.comparisons);
  const size_t tail = static_cast<size_t>(std::max<int64_t>(0, policy.clean_last));
  for (size_t i = evidence.size() > tail ? evidence.size() - tail : 0; i < evidence.size(); ++i) {
    if (evidence[i].unexplained > 0 || evidence[i].new_failed) ++g.unexplained_in_last;
  }
  if (window.shadow_began_ms > 0) {
    g.days = std::max(0.0, static_cast<double>(now_ms - window.shadow_began_ms) / kMsPerDay);
  }
  if (!g.applies) return g;

  // What is there and what is needed: "9 of 10 comparisons (need 1 more)".
  g.need_comparisons = std::max<int64_t>(0, policy.min_comparisons - g.comparisons);
  g.need_samples = std::max<int64_t>(0, policy.min_samples - g.samples);
  g.need_days = std::max(0.0, std::ceil((policy.min_days - g.days) * 10) / 10);
  if (g.comparisons < policy.min_comparisons) {
    g.missing.push_back(fmt::format("{} of {} comparisons (need {} more)", g.comparisons,
                                    policy.min_comparisons,
                                    policy.min_comparisons - g.comparisons));
  }
  if (g.samples < policy.min_samples) {
    g.missing.push_back(fmt::format("{} of {} samples (need {} more)", g.samples,
                                    policy.min_samples, policy.min_samples - g.samples));
  }
  if (g.days < policy.min_days) {
    // Round down so "6.99 days" never prints as "7.0 of 7 days"; what is needed rounds up.
    const double have = std::floor(g.days * 10) / 10;
    g.missing.push_back(fmt::format("{} of {} days (need {} more)", Days(have),
                                    Days(policy.min_days),
                                    Days(std::ceil((policy.min_days - g.days) * 10) / 10)));
  }
  if (g.comparisons > 0 && g.mismatch_rate > policy.max_mismatch_rate) {
    g.missing.push_back(fmt::format("mismatch rate {} > {} ({} unexplained of {})",
                                    Percent(g.mismatch_rate), Percent(policy.max_mismatch_rate),
                                    g.unexplained, g.comparisons));
  }
  if (g.unexplained_in_last > 0) {
    g.missing.push_back(fmt::format("{} unexplained mismatch{} in the last {} (latest: task {})",
                                    g.unexplained_in_last, g.unexplained_in_last == 1 ? "" : "es",
                                    tail, g.last_unexplained_task));
  }
  for (const auto& [metric, bound] : policy.min_metric) {
    bool seen = false;
    GateEvaluation::MetricLow low;
    for (const TaskEvidence& e : evidence) {
      auto it = e.min_metrics.find(metric);
      if (it == e.min_metrics.end()) continue;
      if (!seen || it->second < low.value) low = {it->second, e.task_id};
      seen = true;
    }
    if (!seen) {
      if (g.comparisons > 0) {
        g.missing.push_back(fmt::format("no comparison in this stage measured {}", metric));
      }
      continue;
    }
    g.metric_lows[metric] = low;
    if (low.value < bound) {
      g.missing.push_back(
          fmt::format("{} {:.4f} < {} (task {})", metric, low.value, bound, low.task));
    }
  }
  g.ready = g.missing.empty();
  return g;
}

std::string GateEvaluation::Summary() const {
  if (!applies) return "-";
  return ready ? "ready" : Join(missing, ", ");
}

nlohmann::json GateEvaluation::ToJson() const {
  return {{"applies", applies},
          {"ready", ready},
          {"comparisons", comparisons},
          {"samples", samples},
          {"days", std::round(days * 100) / 100},
          {"agreeing", agreeing},
          {"explained", explained},
          {"unexplained", unexplained},
          {"mismatch_rate", mismatch_rate},
          {"unexplained_in_last", unexplained_in_last},
          {"metric_lows", [this] {
             nlohmann::json lows = nlohmann::json::object();
             for (const auto& [m, low] : metric_lows) lows[m] = {{"value", low.value}, {"task", low.task}};
             return lows;
           }()},
          {"missing", missing},
          {"needs", {{"comparisons", need_comparisons},
                     {"samples", need_samples},
                     {"days", need_days}}},
          {"no_longer_counting", no_longer_counting},
          {"no_longer_counting_reason", no_longer_counting_reason}};
}

Result<Route> NextStage(const Route& current, const GatePolicy& policy) {
  switch (current.mode) {
    case RouteMode::kLegacy: return Route{RouteMode::kShadow, 0};
    case RouteMode::kShadow:
    case RouteMode::kCanary: {
      const int above = current.mode == RouteMode::kShadow ? 0 : current.percent;
      for (int p : policy.canary_steps) {
        if (p > above) return Route{RouteMode::kCanary, p};
      }
      return Route{RouteMode::kNew, 0};
    }
    case RouteMode::kNew:
      return Status::Failed(
          "already on new: legacy runs only as a fallback; `cutover route STEP retired` stops "
          "that too");
    case RouteMode::kRetired: return Status::Failed("already retired: there is no stage after it");
  }
  return Status::Internal("unknown route");
}

Result<StepGate> EvaluateStepGate(LedgerReader& ledger, const std::string& step,
                                  const GatePolicy& policy, int64_t now_ms,
                                  std::string_view compare_digest) {
  StepGate g;
  g.policy = policy;
  CUTOVER_ASSIGN_OR_RETURN(std::vector<RouteChange> history, ledger.History(step));
  if (!history.empty() && !history.back().damaged.empty()) {
    return Status::Corruption(fmt::format(
        "the ledger holds the route {} for {}, which cutover never writes: it was edited or "
        "damaged. `cutover rollback {}` still works; `cutover ledger check` lists every such "
        "value",
        history.back().damaged, step, step));
  }
  g.window = FindWindow(history);
  // Evidence counts only for the current pair of implementations, compared the current way:
  // tasks started before the latest drift of either side compared another pair, and
  // comparisons made before the latest change of `compare:` judged with other rules (`cutover
  // recompare` judges those tasks again).
  CUTOVER_ASSIGN_OR_RETURN(std::vector<ImplementationChange> changes,
                           ledger.ImplementationChanges(step));
  const ImplementationChange* side_drift = nullptr;
  const ImplementationChange* latest_compare = nullptr;
  int64_t rules_since = 0;  // comparisons made before were judged with an earlier compare:
  std::string rules_why;
  for (const ImplementationChange& c : changes) {
    if (c.subject == ChangeSubject::kCompare) latest_compare = &c;
    if (c.from_digest.empty() || c.at_ms <= g.window.stage_began_ms) continue;
    if (c.subject == ChangeSubject::kCompare) {
      rules_since = c.at_ms;
      rules_why = fmt::format("compare: changed at {} ({})", FormatUtc(c.at_ms), c.change);
    } else {
      side_drift = &c;
    }
  }
  // The compare: in force differs from the one the ledger knows, and no run or recompare has
  // met it yet: every comparison so far was judged with other rules.
  if (!compare_digest.empty() && latest_compare != nullptr &&
      latest_compare->to_digest != compare_digest) {
    rules_since = now_ms + 1;
    rules_why = "compare: was edited since (the next run or `cutover recompare` records it)";
  }
  std::vector<TaskEvidence> evidence;
  if (NeedsGate(g.window.route)) {
    CUTOVER_ASSIGN_OR_RETURN(evidence,
                             ledger.EvidenceSince(step, g.window.stage_began_ms, rules_since));
  }
  int64_t stale_pair = 0, stale_rules = 0;
  std::vector<TaskEvidence> current;
  for (TaskEvidence& e : evidence) {
    const int64_t counted = e.matches + e.explained + e.unexplained;
    if (side_drift != nullptr && e.started_ms < side_drift->at_ms) {
      stale_pair += counted + e.superseded;
    } else if (counted == 0 && !e.new_failed) {
      stale_rules += e.superseded;  // judged only by an earlier compare:
    } else {  // judged again with the current compare: the earlier verdicts are history
      current.push_back(std::move(e));
    }
  }
  g.evaluation = EvaluateGate(g.policy, g.window, current, now_ms);
  std::vector<std::string> why;
  if (stale_pair > 0) {
    why.push_back(fmt::format("{} comparison{} made before {} changed at {} no longer count ({})",
                              stale_pair, stale_pair == 1 ? "" : "s",
                              ToString(side_drift->subject), FormatUtc(side_drift->at_ms),
                              side_drift->change));
  }
  if (stale_rules > 0) {
    why.push_back(fmt::format(
        "{} comparison{} judged with an earlier compare: no longer count{}: {}; `cutover "
        "recompare {}` judges those whose outputs are kept again",
        stale_rules, stale_rules == 1 ? "" : "s", stale_rules == 1 ? "s" : "", rules_why, step));
  }
  if (stale_pair + stale_rules > 0) {
    g.evaluation.no_longer_counting = stale_pair + stale_rules;
    g.evaluation.no_longer_counting_reason = Join(why, "; ");
  }
  return g;
}

bool NeedsGate(const Route& current) {
  return current.mode == RouteMode::kShadow || current.mode == RouteMode::kCanary;
}

}  // namespace cutover
