// libFuzzer target: the pipeline-file loader (YAML parsing, the document checks, every key's
// loader, the DAG) on arbitrary text. Every input must end in a pipeline or a clean error: never
// a crash, a hang, a sanitizer report or unbounded memory (alias bombs: the seed in
// scripts/fuzz.sh). Build and run: scripts/fuzz.sh [seconds].
#include <cstdint>
#include <string>

#include "pipeline/dag.h"
#include "pipeline/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto pipeline = cutover::ParsePipeline(text, "cutover.yaml", "/nonexistent-fuzz-root");
  if (pipeline.ok()) (void)cutover::BuildDag(*pipeline, cutover::DagOptions{false});
  return 0;
}
