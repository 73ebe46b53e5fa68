#include "plan/planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "util/clock.h"
#include "util/strings.h"

namespace cutover {
namespace {

constexpr int kRecentRuns = 500;

std::vector<std::string> Names(const Pipeline& pipeline, const std::vector<size_t>& indexes) {
  std::vector<std::string> names;
  for (size_t i : indexes) names.push_back(pipeline.steps[i].name);
  return names;
}

std::vector<size_t> AllDownstream(const Dag& dag, size_t step) {
  std::set<size_t> seen;
  std::vector<size_t> stack = dag.downstream[step];
  while (!stack.empty()) {
    size_t s = stack.back();
    stack.pop_back();
    if (!seen.insert(s).second) continue;
    for (size_t d : dag.downstream[s]) stack.push_back(d);
  }
  return {seen.begin(), seen.end()};
}

std::string List(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  }
  return out;
}

struct Part {
  double weight;
  double value;  // 0..1, 1 = easiest
  std::string reason;
};

std::vector<Part> Score(const PlanFacts& f) {
  std::vector<Part> parts;
  {
    const size_t n = f.all_consumers.size();
    std::string reason =
        n == 0 ? "no other step reads its outputs: a mismatch cannot spread"
               : fmt::format("{} step{} depend{} on it ({}): a mismatch would spread downstream",
                             n, n == 1 ? "" : "s", n == 1 ? "s" : "", List(f.all_consumers));
    parts.push_back({25, 1.0 / (1.0 + static_cast<double>(n)), reason});
  }
  {
    Part p{20, 0.5, "its legacy code could not be measured (it runs programs from PATH only)"};
    if (f.size.known) {
      p.value = 1.0 / (1.0 + static_cast<double>(f.size.lines) / 50.0);
      p.reason = fmt::format("its legacy implementation is {} line{} of code ({})", f.size.lines,
                             f.size.lines == 1 ? "" : "s",
                             f.size.files.empty() ? "inline" : List(f.size.files));
    }
    parts.push_back(p);
  }
  {
    Part p{15, 0.6, fmt::format("legacy was never calibrated: `cutover calibrate {}` tells "
                                "whether its outputs repeat", f.step)};
    if (f.calibration) {
      const CalibrationRecord& c = *f.calibration;
      p.value = c.deterministic ? 1.0 : 0.3;
      p.reason = c.deterministic
                     ? fmt::format("legacy is deterministic ({} calibration runs identical, {})",
                                   c.runs, FormatUtc(c.at_ms).substr(0, 10))
                     : fmt::format("legacy is not deterministic ({} calibration runs differ, {}): "
                                   "its comparisons need noise rules",
                                   c.runs, FormatUtc(c.at_ms).substr(0, 10));
    }
    parts.push_back(p);
  }
  {
    Part p{15, 0.5, "legacy has not run under cutover yet: no failure history"};
    if (f.legacy_runs > 0) {
      const double rate = static_cast<double>(f.legacy_failures) / static_cast<double>(f.legacy_runs);
      p.value = std::max(0.0, 1.0 - 5.0 * rate);
      p.reason = f.legacy_failures == 0
                     ? fmt::format("legacy never failed in {} run{}", f.legacy_runs,
                                   f.legacy_runs == 1 ? "" : "s")
                     : fmt::format("legacy failed {} of {} runs ({:.0f}%)", f.legacy_failures,
                                   f.legacy_runs, 100 * rate);
    }
    parts.push_back(p);
  }
  {
    Part p{10, 0.5, "no sample has run twice yet: unknown whether its outputs change"};
    if (f.output_pairs > 0) {
      const double rate = static_cast<double>(f.output_changes) / static_cast<double>(f.output_pairs);
      p.value = 1.0 - rate;
      p.reason = fmt::format("its outputs changed in {} of {} re-runs of the same sample",
                             f.output_changes, f.output_pairs);
    }
    parts.push_back(p);
  }
  {
    Part p{10, 0.5, "run time unknown"};
    if (!f.wall_ms.empty()) {
      p.value = 1.0 / (1.0 + f.wall_ms.median / 60000.0);
      p.reason = fmt::format("legacy runs in {} (median of {})", FormatMs(f.wall_ms.median),
                             f.wall_ms.n);
    }
    parts.push_back(p);
  }
  {
    Part p{5, 0.5, "peak memory unknown"};
    if (!f.rss_kb.empty()) {
      p.value = 1.0 / (1.0 + f.rss_kb.median / 1e6);
      p.reason = fmt::format("legacy peaks at {} of memory (median)", FormatKb(f.rss_kb.median));
    }
    parts.push_back(p);
  }
  parts.push_back({5, f.has_new ? 1.0 : 0.0,
                   f.has_new ? fmt::format("a new implementation is configured: `cutover route {} "
                                           "shadow` can start gathering evidence today",
                                           f.step)
                             : "no new implementation is configured yet"});
  return parts;
}

nlohmann::json FactsJson(const PlanFacts& f) {
  nlohmann::json j = {
      {"step", f.step},
      {"route", ToString(f.route)},
      {"has_new", f.has_new},
      {"consumers", f.all_consumers},
      {"direct_consumers", f.direct_consumers},
      {"legacy_runs", f.legacy_runs},
      {"legacy_failures", f.legacy_failures},
      {"legacy_median_ms", f.wall_ms.empty() ? nlohmann::json() : nlohmann::json(f.wall_ms.median)},
      {"legacy_median_rss_kb", f.rss_kb.empty() ? nlohmann::json() : nlohmann::json(f.rss_kb.median)},
      {"legacy_lines", f.size.known ? nlohmann::json(f.size.lines) : nlohmann::json()},
      {"legacy_files", f.size.files},
      {"output_reruns", f.output_pairs},
      {"output_changes", f.output_changes},
      {"deterministic", f.calibration ? nlohmann::json(f.calibration->deterministic) : nlohmann::json()},
  };
  return j;
}

}  // namespace

Result<std::vector<PlanFacts>> GatherPlanFacts(LedgerReader& ledger, const Pipeline& pipeline,
                                               const Dag& dag) {
  CUTOVER_ASSIGN_OR_RETURN(auto routes, ledger.GetRoutes());
  CUTOVER_ASSIGN_OR_RETURN(std::vector<CalibrationRecord> calibrations, ledger.Calibrations(""));
  std::vector<PlanFacts> out;
  for (size_t i = 0; i < pipeline.steps.size(); ++i) {
    const Step& step = pipeline.steps[i];
    PlanFacts f;
    f.step = step.name;
    if (auto it = routes.find(step.name); it != routes.end()) f.route = it->second;
    f.has_new = step.new_impl.has_value();
    f.direct_consumers = Names(pipeline, dag.downstream[i]);
    f.all_consumers = Names(pipeline, AllDownstream(dag, i));
    for (const CalibrationRecord& c : calibrations) {
      if (c.step == step.name) f.calibration = c;  // oldest first: the last one wins
    }
    f.size = MeasureImplementation(step.legacy, pipeline.root);

    ExecutionQuery q;
    q.step = step.name;
    q.side = Side::kLegacy;
    q.limit = kRecentRuns;
    q.with_outputs = true;
    CUTOVER_ASSIGN_OR_RETURN(std::vector<ExecutionRecord> runs, ledger.ListExecutions(q));
    std::vector<int64_t> wall, rss;
    // sample -> (what its newer run was given: implementation and inputs, what it wrote)
    std::map<std::string, std::pair<std::string, std::string>> last_outputs;
    for (const ExecutionRecord& e : runs) {  // newest first
      if (e.status == ExecStatus::kSucceeded) {
        ++f.legacy_runs;
        wall.push_back(e.wall_ms);
        rss.push_back(e.max_rss_kb);
        std::string digests;
        for (const OutputRecord& o : e.outputs) digests += o.name + "=" + o.digest + ";";
        // Outputs that changed because the inputs or the implementation did are not churn: only
        // re-runs given exactly the same are compared (an aggregate over new weekly data is not
        // penalised).
        std::string given = e.impl_digest + "|";
        if (auto task = ledger.GetTask(e.task_id); task.ok()) {
          for (const InputRecord& in : task->inputs) given += in.path + "=" + in.digest + ";";
        }
        auto it = last_outputs.find(e.sample);
        if (it != last_outputs.end() && it->second.first == given) {
          ++f.output_pairs;
          if (it->second.second != digests) ++f.output_changes;
        }
        last_outputs[e.sample] = {given, digests};
      } else if (CountsAsFailure(e.status)) {
        ++f.legacy_runs;
        ++f.legacy_failures;
      }
    }
    f.wall_ms = Summarize(std::move(wall));
    f.rss_kb = Summarize(std::move(rss));
    out.push_back(std::move(f));
  }
  return out;
}

Plan MakePlan(std::vector<PlanFacts> facts) {
  Plan plan;
  for (PlanFacts& f : facts) {
    switch (f.route.mode) {
      case RouteMode::kLegacy: {
        PlanEntry e;
        std::vector<Part> parts = Score(f);
        double total = 0;
        for (const Part& p : parts) total += p.weight * p.value;
        e.score = total;
        // Most telling first: the parts that cost the most points, then the ones that earned the
        // most.
        std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
          return a.weight * (1 - a.value) > b.weight * (1 - b.value);
        });
        for (const Part& p : parts) e.reasons.push_back(p.reason);
        e.facts = std::move(f);
        plan.ranked.push_back(std::move(e));
        break;
      }
      case RouteMode::kShadow:
      case RouteMode::kCanary:
        plan.in_progress.push_back(std::move(f));
        break;
      case RouteMode::kNew:
      case RouteMode::kRetired:
        plan.done.push_back(std::move(f));
        break;
    }
  }
  std::stable_sort(plan.ranked.begin(), plan.ranked.end(),
                   [](const PlanEntry& a, const PlanEntry& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.facts.all_consumers.size() < b.facts.all_consumers.size();
                   });
  return plan;
}

std::string RenderPlan(const Plan& plan) {
  std::string out;
  if (plan.ranked.empty()) {
    out += "Every step has left legacy: nothing left to plan.\n";
  } else {
    out += "Steps still on legacy, smallest and safest to migrate first:\n";
    for (size_t i = 0; i < plan.ranked.size(); ++i) {
      const PlanEntry& e = plan.ranked[i];
      out += fmt::format("\n{}. {}  (ease {:.0f}/100)\n", i + 1, e.facts.step, e.score);
      for (const std::string& r : e.reasons) out += "   - " + r + "\n";
    }
    out += fmt::format("\nSuggested next: {}.\n", plan.ranked.front().facts.step);
  }
  if (!plan.in_progress.empty()) {
    out += "\nIn validation:";
    for (const PlanFacts& f : plan.in_progress) out += fmt::format(" {} ({})", f.step, ToString(f.route));
    out += " — `cutover status` shows what their gates still need.\n";
  }
  if (!plan.done.empty()) {
    out += "\nCut over:";
    for (const PlanFacts& f : plan.done) out += fmt::format(" {} ({})", f.step, ToString(f.route));
    out += "\n";
  }
  return out;
}

nlohmann::json PlanToJson(const Plan& plan) {
  nlohmann::json ranked = nlohmann::json::array();
  for (const PlanEntry& e : plan.ranked) {
    nlohmann::json j = FactsJson(e.facts);
    j["score"] = e.score;
    j["reasons"] = e.reasons;
    ranked.push_back(j);
  }
  nlohmann::json in_progress = nlohmann::json::array(), done = nlohmann::json::array();
  for (const PlanFacts& f : plan.in_progress) in_progress.push_back(FactsJson(f));
  for (const PlanFacts& f : plan.done) done.push_back(FactsJson(f));
  return {{"ranked", ranked}, {"in_progress", in_progress}, {"done", done}};
}

}  // namespace cutover
