// The `executor:` of the settings or of a step (docs/executors.md).
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "pipeline/pipeline.h"
#include "pipeline/yaml_loader.h"
#include "util/status.h"

namespace cutover {

// `executor:` (settings or step): `local`, `slurm`, or a mapping {kind, partition, cpus, mem,
// time, queue_limit, account, qos, sbatch_args}. A mapping without `kind` changes only the keys
// it gives of `base` (the settings' executor, for a step). Errors name the place in the file.
Result<ExecutorSpec> LoadExecutor(const YamlLoader& L, const YAML::Node& node,
                                  const std::string& key, const ExecutorSpec& base);

}  // namespace cutover
