// How big a step's legacy implementation is: the lines of the scripts and notebooks it runs,
// found in its command, shell script or notebook. The planner's proxy for "how much there is
// to rewrite and to understand".
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace cutover {

struct ImplementationSize {
  int64_t lines = 0;               // non-blank lines that are not only a comment
  std::vector<std::string> files;  // the files counted, as written in the implementation
  bool known = false;              // false: it runs only programs we cannot read (e.g. on PATH)
};

// Files are the words of the implementation that name an existing text file once `{root}` is
// replaced (relative words resolve against `root`); words with any other placeholder (inputs,
// outputs, samples) are data, not code. An inline `shell:` script counts its own lines too; a
// notebook counts the lines of its code cells. Programs found on PATH (fastqc, cutadapt, ...)
// are not counted: they are tools the legacy side calls, not code the team maintains.
ImplementationSize MeasureImplementation(const Implementation& impl,
                                         const std::filesystem::path& root);

}  // namespace cutover
