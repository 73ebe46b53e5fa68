// The DAG of a command that works on a few samples, with every task's paths still checked —
// once per version of the pipeline, not once per command.
//
// BuildDag over every task costs time in proportion to the cohort (about 2 s at 100,000
// samples), which a workflow engine calling `cutover step` once per task would pay per task.
// The problems that span samples (two tasks writing one path, one sample's output landing on
// another sample's input) depend only on the pipeline file, the samples and cutover's own
// version; so the state folder keeps the digest of those for which every task was checked
// (`<state>/dag-checked`), and a command about a few samples checks every task only when that
// digest differs. Inputs that must exist are checked for the command's own tasks each time.
#pragma once

#include <filesystem>
#include <string>

#include "pipeline/dag.h"
#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

// "xxh3-128:..." of what the cross-task checks depend on: the pipeline file's bytes, its root,
// every sample's name and sheet columns in order, and cutover's version. An unreadable
// pipeline file gives an error.
Result<std::string> DagCheckDigest(const Pipeline& pipeline);

// The DAG `options` asks for. With options.only_samples empty: every task, and on success the
// digest is remembered. Otherwise: when the remembered digest is not this pipeline's, every
// task is checked first (existence of inputs aside) and, on success, remembered; then the DAG
// of the named samples' tasks is built. Remembering is best effort (a read-only state folder
// only costs the whole check again next time).
Result<Dag> BuildCheckedDag(const Pipeline& pipeline, const DagOptions& options,
                            const std::filesystem::path& state_dir);

}  // namespace cutover
