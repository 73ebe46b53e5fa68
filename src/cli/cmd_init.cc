// `cutover init` and `cutover validate`.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "evidence/step_rules.h"
#include "pipeline/dag.h"
#include "pipeline/loader.h"
#include "pipeline/starter_pipeline.h"
#include "run/implementation_driver.h"
#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;

Handler SetupInit(CLI::App* app, const GlobalOptions* global) {
  auto force = std::make_shared<bool>(false);
  app->add_flag("--force", *force, "overwrite an existing file");
  return [global, force] {
    fs::path file = PipelineFilePath(*global);
    std::error_code ec;
    if (fs::exists(file, ec) && !*force) {
      return ReportError(Status::InvalidArgument(
          fmt::format("{} already exists; use --force to overwrite it", file.string())));
    }
    Status s = WriteFileAtomic(file, StarterPipelineYaml());
    if (!s.ok()) return ReportError(s);
    std::cout << "wrote " << file.string()
              << ": edit its samples and steps, then `cutover validate`\n";
    return kExitOk;
  };
}

Handler SetupValidate(CLI::App*, const GlobalOptions* global) {
  return [global] {
    auto pipeline = LoadPipeline(PipelineFilePath(*global));
    if (!pipeline.ok()) return ReportError(pipeline.status());
    auto dag = BuildDag(*pipeline);
    if (!dag.ok()) return ReportError(dag.status());
    if (Status s = BuildPipelineRules(*pipeline).status(); !s.ok()) return ReportError(s);
    if (Status s = CheckImplementations(*pipeline); !s.ok()) return ReportError(s);
    std::cout << fmt::format("{}: ok, {} samples, {} steps\n\n", pipeline->file.string(),
                             pipeline->samples.size(), pipeline->steps.size())
              << DescribeDag(*pipeline, *dag);
    return kExitOk;
  };
}

}  // namespace cutover
