#include "run/scheduler.h"

#include <condition_variable>
#include <deque>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "util/strings.h"

namespace cutover {
namespace {

// One (step, sample) node of the expanded DAG.
struct Node {
  const Step* step = nullptr;
  const Sample* sample = nullptr;  // null for an aggregate step
  std::vector<size_t> dependents;
  int waiting_on = 0;
  bool blocked = false;
};

Result<std::vector<Node>> Expand(const Pipeline& p, const Dag& dag, const SchedulerOptions& opt) {
  std::vector<const Sample*> samples;
  for (const std::string& name : opt.samples) {
    const Sample* s = p.FindSample(name);
    if (!s) return Status::InvalidArgument(fmt::format("unknown sample '{}'", name));
    samples.push_back(s);
  }
  if (opt.samples.empty()) {
    for (const Sample& s : p.samples) samples.push_back(&s);
  }
  std::set<size_t> steps;
  for (const std::string& name : opt.steps) {
    const Step* s = p.FindStep(name);
    if (!s) return Status::InvalidArgument(fmt::format("unknown step '{}'", name));
    steps.insert(static_cast<size_t>(s - p.steps.data()));
  }
  if (opt.steps.empty()) {
    for (size_t i = 0; i < p.steps.size(); ++i) steps.insert(i);
  }

  std::vector<Node> nodes;
  // node index per (step, sample position); aggregate steps use position 0.
  std::map<std::pair<size_t, size_t>, size_t> index;
  for (size_t si : dag.order) {
    if (!steps.count(si)) continue;
    const Step& step = p.steps[si];
    size_t count = step.scope == StepScope::kAll ? 1 : samples.size();
    for (size_t k = 0; k < count; ++k) {
      index[{si, k}] = nodes.size();
      nodes.push_back({&step, step.scope == StepScope::kAll ? nullptr : samples[k], {}, 0, false});
    }
  }
  for (const DagEdge& e : dag.edges) {
    if (!steps.count(e.from) || !steps.count(e.to)) continue;
    bool from_all = p.steps[e.from].scope == StepScope::kAll;
    bool to_all = p.steps[e.to].scope == StepScope::kAll;
    for (size_t k = 0; k < (to_all ? 1 : samples.size()); ++k) {
      size_t to = index.at({e.to, k});
      std::vector<size_t> froms;
      if (from_all) {
        froms.push_back(index.at({e.from, 0}));
      } else if (to_all) {
        for (size_t j = 0; j < samples.size(); ++j) froms.push_back(index.at({e.from, j}));
      } else {
        froms.push_back(index.at({e.from, k}));
      }
      for (size_t from : froms) {
        nodes[from].dependents.push_back(to);
        ++nodes[to].waiting_on;
      }
    }
  }
  return nodes;
}

}  // namespace

Result<RunTotals> RunDag(const RunContext& ctx, const Dag& dag, TaskRunner& executor,
                         const SchedulerOptions& options) {
  CUTOVER_ASSIGN_OR_RETURN(std::vector<Node> nodes, Expand(*ctx.pipeline, dag, options));
  RunTotals totals;
  totals.tasks = static_cast<int>(nodes.size());
  ctx.progress->SetTotal(totals.tasks);

  std::mutex mu;
  std::condition_variable cv;
  std::deque<size_t> ready;      // guarded by mu
  size_t remaining = nodes.size();  // guarded by mu: nodes not yet finished or blocked
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].waiting_on == 0) ready.push_back(i);
  }

  // Marks everything downstream of `i` blocked. Guarded by mu.
  std::function<void(size_t, const std::string&)> block = [&](size_t i, const std::string& why) {
    for (size_t d : nodes[i].dependents) {
      if (nodes[d].blocked) continue;
      nodes[d].blocked = true;
      --remaining;
      ++totals.blocked;
      ctx.progress->TaskFinished({nodes[d].step->name,
                                  nodes[d].sample ? nodes[d].sample->name : "*",
                                  "blocked: " + why, true});
      block(d, why);
    }
  };

  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mu);
    while (true) {
      cv.wait(lock, [&] { return !ready.empty() || remaining == 0 || ctx.cancel->cancelled(); });
      if (remaining == 0 || (ctx.cancel->cancelled() && ready.empty())) return;
      if (ctx.cancel->cancelled()) {
        // Nothing new starts after Ctrl-C; what was queued counts as interrupted.
        while (!ready.empty()) {
          ready.pop_front();
          --remaining;
          ++totals.interrupted;
        }
        cv.notify_all();
        continue;
      }
      size_t i = ready.front();
      ready.pop_front();
      Node& n = nodes[i];
      std::string sample_name = n.sample ? n.sample->name : "*";
      lock.unlock();
      ctx.progress->TaskStarted(n.step->name, sample_name);
      TaskResult r = executor.Execute({n.step, n.sample, options.force, options.wait_for_locks});
      std::string what;
      switch (r.kind) {
        case TaskResultKind::kPublished:
          what = fmt::format("published ({}{}, {})", ToString(*r.served_by),
                             r.fallback ? " fallback" : "", FormatDurationMs(r.serving_wall_ms));
          break;
        case TaskResultKind::kSkipped: what = "skipped (up to date)"; break;
        default: what = fmt::format("{}: {}", ToString(r.kind), r.message);
      }
      bool done = r.kind == TaskResultKind::kPublished || r.kind == TaskResultKind::kSkipped;
      ctx.progress->TaskFinished({n.step->name, sample_name, what, !done});
      lock.lock();
      --remaining;
      switch (r.kind) {
        case TaskResultKind::kPublished: ++totals.published; break;
        case TaskResultKind::kSkipped: ++totals.skipped; break;
        case TaskResultKind::kFailed: ++totals.failed; break;
        case TaskResultKind::kInterrupted: ++totals.interrupted; break;
        case TaskResultKind::kBusy: ++totals.busy; break;
        case TaskResultKind::kCompared: break;  // replays only: never from the scheduler
      }
      if (r.fallback) ++totals.fallbacks;
      if (done) {
        for (size_t d : n.dependents) {
          if (--nodes[d].waiting_on == 0 && !nodes[d].blocked) ready.push_back(d);
        }
      } else {
        block(i, fmt::format("{} {} did not publish", n.step->name, sample_name));
      }
      cv.notify_all();
    }
  };

  int jobs = std::max(1, options.jobs);
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);
  // Wake the workers when Ctrl-C arrives even if nothing finishes.
  std::thread waker([&] {
    std::unique_lock<std::mutex> lock(mu);
    while (remaining > 0 && !ctx.cancel->cancelled()) {
      cv.wait_for(lock, std::chrono::milliseconds(100));
    }
    cv.notify_all();
  });
  for (std::thread& t : threads) t.join();
  {
    std::lock_guard<std::mutex> lock(mu);
    remaining = 0;  // interrupted nodes never reached are dropped
  }
  cv.notify_all();
  waker.join();
  executor.WaitForShadows();
  ctx.progress->Finish();
  return totals;
}

}  // namespace cutover
