// How a step's outputs are judged, as written: every output's `compare:` (its comparator and
// options), and one digest over them all. A changed digest is a change of the rules every
// verdict of the step was made with: comparisons made before it no longer count towards the
// gate (evidence/gate.h), and `cutover recompare` judges the kept outputs again
// (run/recompare.h). run/compare_identity.h records it in the ledger like a side's identity.
#pragma once

#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace cutover {

struct CompareConfigPart {
  std::string output;   // the output's name
  std::string written;  // its kind and options as JSON: "text {\"ignore\":[\"^#\"]}", "bytes"
  std::string digest;   // of `written`
};

struct CompareConfig {
  std::string digest;  // over every part, in the step's output order
  std::vector<CompareConfigPart> parts;
};

// Options are written with sorted keys, so the same options give the same digest whatever
// their order or place in cutover.yaml.
CompareConfig CompareConfigOf(const Step& step);

}  // namespace cutover
