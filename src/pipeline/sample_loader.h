// The `samples:` of a pipeline file: a glob over files (`glob: "reads/{sample}.fastq.gz"`), a
// sample sheet (`sheet: samples.tsv`, TSV or CSV with a `sample` column; the other columns
// usable as {column}) or a list. Sheets and globs resolve relative to the file's directory.
#pragma once

#include <yaml-cpp/yaml.h>

#include "pipeline/pipeline.h"
#include "pipeline/yaml_loader.h"
#include "util/status.h"

namespace cutover {

// Fills p.samples (and p.samples_where) from the `samples:` node. Errors name the place in the
// pipeline file, the sheet's line, or the glob.
Status LoadSamples(const YamlLoader& L, const YAML::Node& node, Pipeline& p);

}  // namespace cutover
