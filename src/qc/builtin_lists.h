// FastQC's default adapter, contaminant and limits lists for each version it reproduces: data
// files in src/qc/data/, compiled into the binary, so that `cutover qc` never reads an
// installed FastQC (which can then be uninstalled). `-a`, `-c` and `-l` replace them.
#pragma once

#include <string_view>

#include "qc/fastqc_version.h"

namespace cutover {

// The lists' text, in the files' formats (sequence_lists.h, limits.h). Static storage.
struct BuiltinLists {
  std::string_view adapters;
  std::string_view contaminants;
  std::string_view limits;
};
BuiltinLists BuiltinListsFor(FastqcVersion version);

}  // namespace cutover
