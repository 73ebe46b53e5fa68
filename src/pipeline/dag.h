// Step dependencies, derived from outputs feeding inputs.
#pragma once

#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

struct DagEdge {
  size_t from = 0;         // producing step (index into Pipeline::steps)
  size_t to = 0;           // consuming step
  std::string output;      // the producer's output name
  std::string input;       // the consumer's input name
};

struct Dag {
  std::vector<size_t> order;   // a topological order of step indexes (file order among equals)
  std::vector<DagEdge> edges;
  std::vector<std::vector<size_t>> upstream;    // per step: steps it needs
  std::vector<std::vector<size_t>> downstream;  // per step: steps that need it
};

struct DagOptions {
  // Inputs that no step produces must exist on disk. Off for commands that only read the
  // ledger (routes, status), so an emergency rollback never fails over a missing input.
  bool require_inputs = true;
  // Only these samples' tasks (and the aggregate steps) are rendered: the DAG a command that
  // works on a few samples needs (`cutover step`, `cutover run --samples`), in time that does
  // not grow with the cohort. The checks then cover those tasks only: two writers of one path
  // among other samples, or their missing inputs, are found by `validate` and a full `run`.
  // An aggregate step's inputs from the other samples are not checked for existence. Names
  // that are not samples are ignored here (the caller reports them). Empty: every sample.
  std::vector<std::string> only_samples;
};

// Builds the DAG: an input depends on the step whose output renders to the same path (for any
// sample). Errors, each naming file, line, column and key: a cycle (listing its steps), two
// steps (or two outputs) writing one path, and an input that no step produces and that does not
// exist on disk for some sample (naming the sample and the missing path).
Result<Dag> BuildDag(const Pipeline& pipeline, const DagOptions& options = {});

// Human-readable DAG for `cutover validate`: steps in order with their inputs (and producers),
// outputs, and implementations.
std::string DescribeDag(const Pipeline& pipeline, const Dag& dag);

}  // namespace cutover
