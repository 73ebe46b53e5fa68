// `cutover route`, `rollback`, `routes` and `history`: changing and reading routes.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "evidence/route_change.h"
#include "util/clock.h"
#include "util/strings.h"

namespace cutover {
namespace {

int ChangeRoute(const GlobalOptions& global, const std::string& step, const Route& to,
                const std::string& reason) {
  CancelToken cancel;
  auto project = Project::Open(
      global, &cancel, to.mode == RouteMode::kLegacy ? ProjectUse::kRollback : ProjectUse::kChange);
  if (!project.ok()) return ReportError(project.status());
  const Step* s = (*project)->pipeline().FindStep(step);
  if (!s) {
    std::string known;
    for (const Step& k : (*project)->pipeline().steps) known += (known.empty() ? "" : ", ") + k.name;
    return ReportError(Status::InvalidArgument(
        fmt::format("no step '{}' in {} (steps: {})", step,
                    (*project)->pipeline().file.string(), known)));
  }
  const RunContext& ctx = (*project)->context();
  RouteChange change;
  change.at_ms = ctx.clock->NowMs();
  change.user = ctx.user;
  change.to = to;
  change.reason = reason;
  auto done = ChangeStepRoute(*ctx.ledger, *s, change);
  if (!done.ok()) return ReportError(done.status());
  std::cout << fmt::format("{}: {} -> {} ({})\n", step, ToString(done->from), ToString(done->to),
                           reason);
  return kExitOk;
}

}  // namespace

Handler SetupRoute(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::string step, mode, reason;
    std::optional<int> percent;
  };
  auto a = std::make_shared<Args>();
  app->add_option("STEP", a->step, "the step")->required();
  app->add_option("MODE", a->mode, "legacy | shadow | canary | new | retired")->required();
  app->add_option("PERCENT", a->percent, "for canary: percent of samples the new side serves");
  app->add_option("--reason", a->reason, "why (recorded in the history)")->required();
  return [global, a] {
    auto mode = ParseRouteMode(a->mode);
    if (!mode.ok()) return ReportError(mode.status());
    auto route = MakeRoute(*mode, a->percent);
    if (!route.ok()) return ReportError(route.status());
    return ChangeRoute(*global, a->step, *route, a->reason);
  };
}

Handler SetupRollback(CLI::App* app, const GlobalOptions* global) {
  auto step = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  app->add_option("STEP", *step, "the step")->required();
  app->add_option("--reason", *reason, "why (recorded in the history)")->required();
  return [global, step, reason] {
    return ChangeRoute(*global, *step, Route{RouteMode::kLegacy, 0}, *reason);
  };
}

Handler SetupRoutes(CLI::App*, const GlobalOptions* global) {
  return [global] {
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kRead);
    if (!project.ok()) return ReportError(project.status());
    auto routes = (*project)->ledger().GetRoutes();
    if (!routes.ok()) return ReportError(routes.status());
    auto history = (*project)->ledger().History("");
    if (!history.ok()) return ReportError(history.status());
    std::cout << fmt::format("{:<20} {:<12} {:<4} {}\n", "STEP", "ROUTE", "NEW", "SINCE");
    for (const Step& step : (*project)->pipeline().steps) {
      Route r = routes->count(step.name) ? routes->at(step.name) : Route{};
      std::string since = "(never changed)";
      for (const RouteChange& c : *history) {
        if (c.step == step.name) since = FormatUtc(c.at_ms) + " by " + c.user;
      }
      std::cout << TerminalSafe(fmt::format("{:<20} {:<12} {:<4} {}", step.name, ToString(r),
                                            step.new_impl ? "yes" : "no", since))
                << "\n";
    }
    return kExitOk;
  };
}

Handler SetupHistory(CLI::App* app, const GlobalOptions* global) {
  auto step = std::make_shared<std::string>();
  app->add_option("STEP", *step, "only this step");
  return [global, step] {
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kRead);
    if (!project.ok()) return ReportError(project.status());
    auto history = (*project)->ledger().History(*step);
    if (!history.ok()) return ReportError(history.status());
    auto changes = (*project)->ledger().ImplementationChanges(*step);
    if (!changes.ok()) return ReportError(changes.status());
    // Route changes and implementation drifts (a side's identity changed), in time order.
    std::vector<std::pair<int64_t, std::string>> lines;
    for (const RouteChange& c : *history) {
      lines.emplace_back(c.at_ms, fmt::format(
          "{}  {:<12} {:>12} -> {:<12} by {}{}: {}", FormatUtc(c.at_ms), c.step, ToString(c.from),
          ToString(c.to), c.user, c.automatic ? " (automatic)" : c.forced ? " (forced)" : "",
          OneLineForTerminal(c.reason) +
              (c.damaged.empty() ? "" : " [damaged in the ledger: " + c.damaged + "]")));
    }
    for (const ImplementationChange& c : *changes) {
      if (c.from_digest.empty()) continue;  // the first identity recorded: no drift
      lines.emplace_back(c.at_ms, fmt::format("{}  {:<12} {} changed: {}", FormatUtc(c.at_ms),
                                              c.step, ToString(c.side),
                                              OneLineForTerminal(c.change)));
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (history->empty()) std::cout << "no route changes yet: every step is on legacy\n";
    for (const auto& [at, line] : lines) std::cout << TerminalSafe(line) << "\n";
    return kExitOk;
  };
}

}  // namespace cutover
