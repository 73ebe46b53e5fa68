// `cutover ledger copy`: moving a ledger between SQLite and PostgreSQL (ledger/ledger_copy.h).
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "ledger/ledger_copy.h"
#include "ledger/open_ledger.h"
#include "ledger/pg_db.h"

namespace cutover {

Handler SetupLedger(CLI::App* app, const GlobalOptions* /*global*/) {
  struct Args {
    std::string from, to;
    bool replace = false;
  };
  auto a = std::make_shared<Args>();
  app->require_subcommand(1);
  CLI::App* copy = app->add_subcommand(
      "copy", "copy every record of one ledger into another (ids kept), in one transaction");
  copy->add_option("--from", a->from, "source ledger: sqlite:PATH or postgresql://...")
      ->required()
      ->type_name("URL");
  copy->add_option("--to", a->to, "target ledger: sqlite:PATH or postgresql://...")
      ->required()
      ->type_name("URL");
  copy->add_flag("--replace", a->replace,
                 "delete the target's records first (a non-empty target is refused otherwise)");
  return [a] {
    auto from = OpenLedgerDb(a->from);
    if (!from.ok()) return ReportError(from.status().WithContext("opening the source ledger"));
    auto to = OpenLedgerDb(a->to);
    if (!to.ok()) return ReportError(to.status().WithContext("opening the target ledger"));
    LedgerCopyOptions options;
    options.replace = a->replace;
    auto counts = CopyLedger(**from, **to, options);
    if (!counts.ok()) return ReportError(counts.status().WithContext("ledger copy"));
    std::string summary;
    for (const LedgerTable& t : LedgerTables()) {
      if (!summary.empty()) summary += ", ";
      summary += fmt::format("{} {}", counts->at(std::string(t.name)), t.name);
    }
    std::fprintf(stderr, "copied %s\nfrom %s\nto %s\n", summary.c_str(),
                 (*from)->Describe().c_str(), (*to)->Describe().c_str());
    return kExitOk;
  };
}

}  // namespace cutover
