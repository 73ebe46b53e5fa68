#include "run/recompare.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "run/compare_identity.h"
#include "run/implementation_drift.h"
#include "util/digest.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// `text` with the pipeline folder's path left out where it starts it: ".cutover/scratch/...".
std::string RelativeToRoot(const std::string& text, const fs::path& root) {
  const std::string prefix = root.string() + "/";
  return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
}

// Where the output `name` that execution `e` wrote still is, unchanged: its copy in the side's
// scratch folder, else the published file if it is still that side's. A link is never followed.
// Otherwise an error saying why not.
Result<fs::path> KeptOutput(const ExecutionRecord& e, const std::string& name,
                            const fs::path& root) {
  const OutputRecord* out = nullptr;
  for (const OutputRecord& o : e.outputs) {
    if (o.name == name) out = &o;
  }
  if (out == nullptr) {
    return Status::NotFound(fmt::format("execution {} recorded no output {}", e.id, name));
  }
  std::string why;
  for (const fs::path& p : {fs::path(e.scratch_dir) / out->path, root / out->path}) {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      if (why.empty()) why = p.string() + ": gone";
      continue;
    }
    if (st.st_size != out->size) {
      if (why.empty()) why = p.string() + ": changed since";
      continue;
    }
    auto digest = DigestFile(p);
    if (digest.ok() && *digest == out->digest) return p;
    if (why.empty()) why = p.string() + (digest.ok() ? ": changed since" : ": unreadable");
  }
  return Status::NotFound(fmt::format("{}'s output {} is no longer kept ({})",
                                      ToString(e.side), name, RelativeToRoot(why, root)));
}

}  // namespace

Result<RecompareResult> Recompare(Ledger& ledger, const Pipeline& pipeline, const Step& step,
                                  const StepRules& rules, int64_t since_ms, int64_t now_ms) {
  RecompareResult r;
  const ImplementationIdentity identity = CompareIdentityOf(step);
  CUTOVER_ASSIGN_OR_RETURN(r.announcement, RecordImplementationDrift(
                                               ledger, step.name, ChangeSubject::kCompare,
                                               identity, 0, now_ms));
  // The latest real change (one from a known earlier `compare:`): comparisons made before it
  // were judged with other rules.
  CUTOVER_ASSIGN_OR_RETURN(std::vector<ImplementationChange> changes,
                           ledger.ImplementationChanges(step.name));
  for (const ImplementationChange& c : changes) {
    if (c.subject != ChangeSubject::kCompare || c.from_digest.empty()) continue;
    r.changed_at_ms = c.at_ms;
    r.change = c.change;
  }
  if (r.changed_at_ms == 0) return r;

  ComparisonQuery q;
  q.step = step.name;
  q.include_accepted = true;
  q.include_replays = false;
  CUTOVER_ASSIGN_OR_RETURN(std::vector<ComparisonRecord> all, ledger.ListComparisons(q));
  // task -> its comparisons; tasks with one made with the current rules are done.
  std::map<int64_t, std::vector<const ComparisonRecord*>> tasks;
  std::set<int64_t> current;
  for (const ComparisonRecord& c : all) {
    if (c.at_ms >= r.changed_at_ms) {
      current.insert(c.task_id);
    } else if (c.at_ms >= since_ms) {
      tasks[c.task_id].push_back(&c);
    }
  }
  for (const auto& [task_id, earlier] : tasks) {
    if (current.count(task_id)) continue;
    ++r.tasks;
    const ComparisonRecord& first = *earlier.front();
    const std::string who =
        fmt::format("task {} (sample {})", task_id, first.sample);
    auto legacy = ledger.GetExecution(first.legacy_execution_id);
    auto fresh = ledger.GetExecution(first.new_execution_id);
    if (!legacy.ok() || !fresh.ok()) {
      r.gone.push_back(fmt::format("{}: its executions are not in the ledger", who));
      continue;
    }
    // Every compared output is located before any is judged: a task is judged whole or not.
    std::vector<std::pair<std::string, std::pair<fs::path, fs::path>>> files;
    std::string missing;
    for (const OutputSpec& o : step.outputs) {
      if (!rules.ComparatorOf(o.name).compares()) continue;
      auto l = KeptOutput(*legacy, o.name, pipeline.root);
      auto n = KeptOutput(*fresh, o.name, pipeline.root);
      if (!l.ok() || !n.ok()) {
        missing = (!l.ok() ? l : n).status().message();
        break;
      }
      files.push_back({o.name, {*l, *n}});
    }
    if (!missing.empty()) {
      r.gone.push_back(fmt::format("{}: {}", who, missing));
      continue;
    }
    for (const auto& [name, paths] : files) {
      const Comparator& cmp = rules.ComparatorOf(name);
      Comparison c = cmp.Compare(paths.first, paths.second);
      ComparisonRecord rec;
      rec.task_id = task_id;
      rec.step = step.name;
      rec.sample = first.sample;
      rec.output = name;
      rec.comparator = cmp.kind();
      rec.outcome = c.outcome;
      rec.summary = c.ToJson();
      rec.summary["compare_digest"] = identity.digest;
      // `earlier` is newest first: the verdict this one replaces.
      for (const ComparisonRecord* e : earlier) {
        if (e->output != name) continue;
        rec.summary["recompared"] = e->id;
        break;
      }
      rec.legacy_execution_id = legacy->id;
      rec.new_execution_id = fresh->id;
      rec.at_ms = now_ms;
      rec.purpose = TaskPurpose::kRun;
      CUTOVER_ASSIGN_OR_RETURN(rec.id, ledger.RecordComparison(rec));
      ++r.outcomes[rec.outcome];
      r.recorded.push_back(std::move(rec));
    }
  }
  return r;
}

}  // namespace cutover
