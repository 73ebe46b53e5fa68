// Scratch retention: each step's scratch folder (<state>/scratch/<step>) holds one numbered
// folder per task (its sides' work dirs, stdout/stderr, job files). The folders of the last
// `settings.retain_scratch` tasks are kept for triage; older ones are removed once no process
// uses them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <set>
#include <vector>

#include "pipeline/pipeline.h"
#include "run/context.h"

namespace cutover {

// The task ids of the numbered folders in `dir` (other entries ignored), ascending. Empty when
// `dir` does not exist.
std::vector<int64_t> ListTaskFolders(const std::filesystem::path& dir);

// The ids to remove from `ids` (ascending): all but the newest `keep` (a negative keep is 0),
// leaving out those in `active`. Pure.
std::vector<int64_t> ScratchToRemove(const std::vector<int64_t>& ids, int keep,
                                     const std::set<int64_t>& active);

// Removes the old task folders of `step`. `active_tasks` is asked once the folders are listed:
// the tasks this process is still running. A folder goes only if its task is known to the
// ledger and the task's (step, sample) lock is free: another cutover process (a workflow
// engine's parallel jobs) that still uses it — a running side, or a shadow side and its
// comparison after the task was published — holds that lock until the very end. The lock is
// taken for an instant and released before removing: a task starting for the same (step,
// sample) meanwhile gets a folder of its own (a new task id).
void CleanScratch(const RunContext& ctx, const Step& step,
                  const std::function<std::set<int64_t>()>& active_tasks);

}  // namespace cutover
