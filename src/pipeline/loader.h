// Loading and checking cutover.yaml.
//
// Every error names the file, line, column and key: "cutover.yaml:14:7: steps.qc.outputs.html:
// unknown placeholder {smaple} (known: sample, input, output, ...)".
#pragma once

#include <filesystem>
#include <string>

#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

// Parses the file, resolves samples (glob or sheet, relative to the file's directory), and
// checks everything that needs no other step: known keys, types, placeholder names, durations,
// implementation forms. Does not check dependencies (see dag.h).
Result<Pipeline> LoadPipeline(const std::filesystem::path& file);

// The same from text, as if read from `file_name` in directory `root` (for tests).
Result<Pipeline> ParsePipeline(const std::string& yaml, const std::string& file_name,
                               const std::filesystem::path& root);

}  // namespace cutover
