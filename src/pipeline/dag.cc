#include "pipeline/dag.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "pipeline/step_paths.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// The renderings BuildDag checks: every sample's, or only the named samples' (an aggregate
// step's single rendering always).
std::vector<const Sample*> Renderings(const Pipeline& p, const Step& step,
                                      const std::set<std::string_view>& only) {
  if (only.empty() || step.scope == StepScope::kAll) return StepRenderings(p, step);
  std::vector<const Sample*> out;
  for (const Sample& s : p.samples) {
    if (only.contains(s.name)) out.push_back(&s);
  }
  return out;
}

}  // namespace

Result<Dag> BuildDag(const Pipeline& p, const DagOptions& options) {
  struct Producer {
    size_t step;
    std::string output;
    const Sample* sample;  // null for an aggregate step
  };
  // Every task's paths are held at once, so as plain strings: a std::filesystem::path also
  // keeps each of its components as a path of its own, which made a 40,000-task cohort cost
  // 58 MB here instead of about 12.
  std::unordered_map<std::string, Producer> producers;  // absolute output path -> producer
  // Per step, per rendering (a sample, or null once for an aggregate step): its input paths,
  // absolute and normal, each with the index of its input in step.inputs.
  struct Rendering {
    const Sample* sample;
    std::vector<std::pair<size_t, std::string>> inputs;
  };
  std::vector<std::vector<Rendering>> rendered(p.steps.size());
  const std::set<std::string_view> only(options.only_samples.begin(), options.only_samples.end());
  for (size_t i = 0; i < p.steps.size(); ++i) {
    const Step& step = p.steps[i];
    for (const Sample* s : Renderings(p, step, only)) {
      CUTOVER_ASSIGN_OR_RETURN(StepPaths paths, ResolveStepPaths(p, step, s));
      for (const OutputSpec& o : step.outputs) {
        std::string abs = (p.root / paths.outputs.at(o.name)).lexically_normal().native();
        auto [it, inserted] = producers.try_emplace(std::move(abs), Producer{i, o.name, s});
        if (!inserted) {
          const Producer& other = it->second;
          return Status::InvalidArgument(fmt::format(
              "{}: {} is written both by {}.{} and by {}.{}{}: every output needs one writer",
              ToString(o.path.where), paths.outputs.at(o.name).string(), p.steps[other.step].name,
              other.output, step.name, o.name, s ? " (sample " + s->name + ")" : ""));
        }
      }
      Rendering r{s, {}};
      for (size_t k = 0; k < step.inputs.size(); ++k) {
        for (fs::path& path : paths.inputs.at(step.inputs[k].name)) {
          r.inputs.emplace_back(k, std::move(path).native());
        }
      }
      rendered[i].push_back(std::move(r));
    }
  }

  Dag dag;
  dag.upstream.resize(p.steps.size());
  dag.downstream.resize(p.steps.size());
  std::set<std::tuple<size_t, size_t, std::string, std::string>> seen;
  for (size_t i = 0; i < p.steps.size(); ++i) {
    const Step& step = p.steps[i];
    for (const Rendering& r : rendered[i]) {
      const Sample* sample = r.sample;
      for (const auto& [k, path] : r.inputs) {
        const InputSpec& in = step.inputs[k];
        auto it = producers.find(path);
        if (it == producers.end()) {
          std::error_code ec;
          // With only some samples rendered, an aggregate's path from another sample may be
          // produced by a task not rendered here.
          const bool unknowable = !only.empty() && !sample;
          if (options.require_inputs && !unknowable && !fs::exists(path, ec)) {
            return Status::InvalidArgument(fmt::format(
                "{}: input '{}' of step {}{} does not exist and no step produces it: {}",
                ToString(in.path.where), in.name, step.name,
                sample ? " for sample " + sample->name : "", path));
          }
          continue;
        }
        const Producer& prod = it->second;
        // A sample's own input written by another sample's rendering (a sample named
        // "../reads/a" under "out/{sample}.fq" overwriting sample a's raw reads), or by the
        // very task that reads it: never a real dependency.
        if (prod.step == i || (sample && prod.sample && prod.sample != sample)) {
          return Status::InvalidArgument(fmt::format(
              "{}: input '{}' of step {}{} ({}) would be overwritten by output {} of step {}{}: "
              "check the sample names and output templates",
              ToString(in.path.where), in.name, step.name,
              sample ? " for sample '" + sample->name + "'" : "", path, prod.output,
              p.steps[prod.step].name,
              prod.sample ? " for sample '" + prod.sample->name + "'" : ""));
        }
        if (!seen.insert({prod.step, i, prod.output, in.name}).second) continue;
        dag.edges.push_back({prod.step, i, prod.output, in.name});
        auto& up = dag.upstream[i];
        if (std::find(up.begin(), up.end(), prod.step) == up.end()) up.push_back(prod.step);
        auto& down = dag.downstream[prod.step];
        if (std::find(down.begin(), down.end(), i) == down.end()) down.push_back(i);
      }
    }
  }

  // Kahn's algorithm; among ready steps, the one first in the file goes first.
  std::vector<size_t> waiting(p.steps.size());
  for (size_t i = 0; i < p.steps.size(); ++i) waiting[i] = dag.upstream[i].size();
  std::set<size_t> ready;
  for (size_t i = 0; i < p.steps.size(); ++i) {
    if (waiting[i] == 0) ready.insert(i);
  }
  while (!ready.empty()) {
    size_t i = *ready.begin();
    ready.erase(ready.begin());
    dag.order.push_back(i);
    for (size_t d : dag.downstream[i]) {
      if (--waiting[d] == 0) ready.insert(d);
    }
  }
  if (dag.order.size() != p.steps.size()) {
    std::vector<std::string> cycle;
    size_t first = p.steps.size();
    for (size_t i = 0; i < p.steps.size(); ++i) {
      if (waiting[i] > 0) {
        cycle.push_back(p.steps[i].name);
        first = std::min(first, i);
      }
    }
    return Status::InvalidArgument(fmt::format(
        "{}: steps depend on each other in a cycle: {} (each needs an output of another)",
        ToString(p.steps[first].where), Join(cycle, ", ")));
  }
  return dag;
}

std::string DescribeDag(const Pipeline& p, const Dag& dag) {
  std::string out;
  for (size_t i : dag.order) {
    const Step& s = p.steps[i];
    out += fmt::format("{}  ({}; legacy: {}{})\n", s.name,
                       s.scope == StepScope::kAll ? "once over all samples" : "per sample",
                       ToString(s.legacy.kind),
                       s.new_impl ? fmt::format(", new: {}", ToString(s.new_impl->kind)) : "");
    for (const InputSpec& in : s.inputs) {
      std::string from;
      for (const DagEdge& e : dag.edges) {
        if (e.to == i && e.input == in.name) from = fmt::format("  <- {}.{}", p.steps[e.from].name, e.output);
      }
      out += fmt::format("  in   {:<10} {}{}\n", in.name, in.path.text, from);
    }
    for (const OutputSpec& o : s.outputs) {
      out += fmt::format("  out  {:<10} {}  (compare: {})\n", o.name, o.path.text, o.compare.kind);
    }
  }
  return out;
}

}  // namespace cutover
