// `cutover plan`: which step still on legacy to migrate next, and why.
#include <iostream>

#include "cli/commands.h"
#include "plan/planner.h"

namespace cutover {

Handler SetupPlan(CLI::App* app, const GlobalOptions* global) {
  auto json = std::make_shared<bool>(false);
  app->add_flag("--json", *json, "machine-readable output");
  return [global, json] {
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kRead, ProjectScope{{}, /*every_task=*/true});
    if (!project.ok()) return ReportError(project.status());
    Project& p = **project;
    auto facts = GatherPlanFacts(p.ledger(), p.pipeline(), p.dag());
    if (!facts.ok()) return ReportError(facts.status().WithContext("reading the ledger"));
    Plan plan = MakePlan(std::move(facts).value());
    if (*json) {
      std::cout << PlanToJson(plan).dump(2) << "\n";
    } else {
      std::cout << RenderPlan(plan);
    }
    return kExitOk;
  };
}

}  // namespace cutover
