// `cutover ledger copy | check | backup | prune`: moving a ledger between SQLite and PostgreSQL
// (ledger/ledger_copy.h), checking it (ledger_check.h), backing it up (ledger_backup.h),
// dropping old scratch-only detail (ledger_prune.h).
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "ledger/ledger_backup.h"
#include "ledger/ledger_check.h"
#include "ledger/ledger_copy.h"
#include "ledger/ledger_prune.h"
#include "ledger/open_ledger.h"
#include "ledger/pg_db.h"
#include "util/clock.h"
#include "util/strings.h"

namespace cutover {

namespace {

// The ledger a `ledger check|backup` works on: URL if given, else the project's (--ledger,
// $CUTOVER_LEDGER, the pipeline file's setting, the state folder's ledger.db), opened as it is.
Result<std::unique_ptr<SqlDb>> OpenGivenOrProjectLedger(const std::string& url,
                                                        const GlobalOptions& global) {
  LedgerOpenOptions options;
  options.read_only_fallback = true;
  if (!url.empty()) return OpenLedgerDbAsIs(url, options);
  CUTOVER_ASSIGN_OR_RETURN(LedgerLocation where, LocateLedger(global));
  options.state_dir = where.state_dir;
  return OpenLedgerDbAsIs(where.url, options);
}

// The ledger `ledger prune` writes to: URL if given, else the project's, opened as writing
// commands open it (quick-checked, migrated).
Result<std::unique_ptr<SqlDb>> OpenLedgerToWrite(const std::string& url,
                                                 const GlobalOptions& global) {
  LedgerOpenOptions options;
  options.check_integrity = true;
  if (!url.empty()) return OpenLedgerDb(url, options);
  CUTOVER_ASSIGN_OR_RETURN(LedgerLocation where, LocateLedger(global));
  options.state_dir = where.state_dir;
  return OpenLedgerDb(where.url, options);
}

}  // namespace

Handler SetupLedger(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::string from, to;
    bool replace = false;
    std::string which;  // check, backup
    std::string backup_path;
    bool backup_replace = false;
    std::string older_than;
    bool dry_run = false;
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
  CLI::App* check = app->add_subcommand(
      "check", "check a ledger through and through (SQLite's integrity check, schema, values)");
  check->add_option("URL", a->which, "the ledger (default: the project's)")->type_name("URL");
  CLI::App* backup = app->add_subcommand(
      "backup", "copy the project's ledger, consistently, while others keep writing to it");
  backup->add_option("PATH", a->backup_path, "the new SQLite file")->required();
  backup->add_option("--from", a->which, "another ledger to back up (default: the project's)")
      ->type_name("URL");
  backup->add_flag("--replace", a->backup_replace, "replace an existing PATH");
  CLI::App* prune = app->add_subcommand(
      "prune",
      "drop old executions' scratch-only detail (scratch folder, stderr of successes, the "
      "outputs they wrote there) once their scratch folder is gone; evidence is kept");
  prune->add_option("--older-than", a->older_than,
                    "executions that finished longer ago than this (e.g. 90d, 12h)")
      ->required()
      ->type_name("DURATION");
  prune->add_flag("--dry-run", a->dry_run, "count what would be pruned, change nothing");
  prune->add_option("URL", a->which, "the ledger (default: the project's)")->type_name("URL");
  return [a, global, check, backup, prune] {
    if (prune->parsed()) {
      auto age = ParseDurationMs(a->older_than);
      if (!age.ok()) return ReportError(age.status().WithContext("--older-than"));
      auto db = OpenLedgerToWrite(a->which, *global);
      if (!db.ok()) return ReportError(db.status().WithContext("ledger prune"));
      LedgerPruneOptions options;
      options.before_ms = SystemClock()->NowMs() - *age;
      options.dry_run = a->dry_run;
      auto pruned = PruneScratchDetail(**db, options);
      if (!pruned.ok()) return ReportError(pruned.status().WithContext("ledger prune"));
      std::printf("%s: %s %lld executions finished before %s (%lld of their output records); "
                  "%lld as old kept whole: their scratch folder is still there\n",
                  (*db)->Describe().c_str(), a->dry_run ? "would prune" : "pruned",
                  static_cast<long long>(pruned->executions),
                  FormatUtc(options.before_ms).c_str(), static_cast<long long>(pruned->outputs),
                  static_cast<long long>(pruned->kept));
      return kExitOk;
    }
    if (check->parsed()) {
      auto db = OpenGivenOrProjectLedger(a->which, *global);
      if (!db.ok()) return ReportError(db.status().WithContext("ledger check"));
      auto problems = CheckLedger(**db);
      if (!problems.ok()) return ReportError(problems.status().WithContext("ledger check"));
      for (const std::string& p : *problems) {
        std::printf("%s\n", OneLineForTerminal(p).c_str());
      }
      if (!problems->empty()) {
        std::fprintf(stderr,
                     "%s: %zu problem(s). What to do: docs/ledger.md, \"When the ledger is "
                     "damaged\"\n",
                     (*db)->Describe().c_str(), problems->size());
        return kExitFailed;
      }
      std::printf("%s: ok\n", (*db)->Describe().c_str());
      return kExitOk;
    }
    if (backup->parsed()) {
      auto db = OpenGivenOrProjectLedger(a->which, *global);
      if (!db.ok()) return ReportError(db.status().WithContext("ledger backup"));
      LedgerBackupOptions options;
      options.replace = a->backup_replace;
      Status done = BackupLedger(**db, a->backup_path, options);
      if (!done.ok()) return ReportError(done);
      std::fprintf(stderr, "backed up %s\nto %s\n", (*db)->Describe().c_str(),
                   a->backup_path.c_str());
      return kExitOk;
    }
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
