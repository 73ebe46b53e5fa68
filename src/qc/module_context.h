// What every module needs to know besides the reads: the thresholds, the position grouping and
// the FastQC release whose behaviour to reproduce.
#pragma once

#include "qc/base_groups.h"
#include "qc/fastqc_version.h"
#include "qc/limits.h"

namespace cutover {

struct ModuleContext {
  const Limits* limits = nullptr;  // outlives the modules
  GroupingOptions grouping;
  FastqcVersion version = kDefaultFastqcVersion;
  int dup_length = 0;  // --dup_length (0.12.1 only); 0: FastQC's default
};

}  // namespace cutover
