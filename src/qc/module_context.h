// What every module needs to know besides the reads: the thresholds and the position grouping.
#pragma once

#include "qc/base_groups.h"
#include "qc/limits.h"

namespace cutover {

struct ModuleContext {
  const Limits* limits = nullptr;  // outlives the modules
  GroupingOptions grouping;
};

}  // namespace cutover
