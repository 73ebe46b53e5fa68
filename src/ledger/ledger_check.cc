#include "ledger/ledger_check.h"

#include <fmt/format.h>

#include <functional>
#include <string_view>

#include "compare/outcome.h"
#include "ledger/records.h"
#include "ledger/schema.h"
#include "ledger/sqlite_ledger.h"
#include "route/route.h"

namespace cutover {
namespace {

// At most this many problems of one kind are listed; the rest are counted.
constexpr int kListedPerCheck = 20;

// Every row `sql` returns is a problem, described by its first column.
Status CollectRows(SqlDb& db, std::string_view sql, std::vector<std::string>& problems) {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db.Prepare(sql));
  int found = 0;
  for (;;) {
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    if (++found <= kListedPerCheck) problems.push_back(stmt.ColumnText(0));
  }
  stmt.Reset();
  if (found > kListedPerCheck) {
    problems.push_back(fmt::format("... and {} more like the above", found - kListedPerCheck));
  }
  return Status::Ok();
}

// Every distinct value of `table.column` that `valid` refuses, with how many rows hold it.
Status CheckValues(SqlDb& db, std::string_view table, std::string_view column,
                   const std::function<bool(std::string_view)>& valid,
                   std::vector<std::string>& problems) {
  CUTOVER_ASSIGN_OR_RETURN(
      SqlStmt stmt, db.Prepare(fmt::format("SELECT {0}, count(*) FROM {1} WHERE {0} IS NOT NULL "
                                           "GROUP BY {0} ORDER BY {0}",
                                           column, table)));
  for (;;) {
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    const std::string value = stmt.ColumnText(0);
    if (!valid(value)) {
      problems.push_back(fmt::format("{}.{}: '{}' in {} row(s) is not a value cutover writes",
                                     table, column, value, stmt.ColumnInt(1)));
    }
  }
  stmt.Reset();
  return Status::Ok();
}

template <typename Parse>
std::function<bool(std::string_view)> Parses(Parse parse) {
  return [parse](std::string_view text) { return parse(text).ok(); };
}

// A (mode, percent) pair as cutover writes it: a canary of 0-100 %, any other mode 0.
std::string BadRoute(std::string_view mode, std::string_view percent) {
  return fmt::format(
      "NOT (({0} = 'canary' AND {1} BETWEEN 0 AND 100) OR "
      "({0} IN ('legacy', 'shadow', 'new', 'retired') AND {1} = 0))",
      mode, percent);
}

Status CheckSqliteFile(SqlDb& db, std::vector<std::string>& problems) {
  CUTOVER_ASSIGN_OR_RETURN(std::vector<std::string> damage,
                           SqliteCheckProblems(db, "PRAGMA integrity_check(50)"));
  for (std::string& line : damage) problems.push_back("integrity: " + std::move(line));
  if (!problems.empty()) return Status::Ok();
  // Columns: table, rowid, parent table, foreign key index.
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt fk, db.Prepare("PRAGMA foreign_key_check"));
  int found = 0;
  for (;;) {
    CUTOVER_ASSIGN_OR_RETURN(bool row, fk.Step());
    if (!row) break;
    if (++found <= kListedPerCheck) {
      problems.push_back(fmt::format("{} row {}: refers to a missing row of {}", fk.ColumnText(0),
                                     fk.ColumnText(1), fk.ColumnText(2)));
    }
  }
  fk.Reset();
  if (found > kListedPerCheck) {
    problems.push_back(fmt::format("... and {} more missing references", found - kListedPerCheck));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::string>> CheckLedger(SqlDb& db) {
  std::vector<std::string> problems;
  const bool sqlite = db.backend() == SqlBackend::kSqlite;
  if (sqlite) {
    CUTOVER_RETURN_IF_ERROR(CheckSqliteFile(db, problems));
    // Pages SQLite cannot read make every query below fail: say so, not the first query's error.
    if (!problems.empty()) return problems;
  }
  CUTOVER_ASSIGN_OR_RETURN(SqlTxn read, SqlTxn::Begin(db, SqlTxn::Mode::kRead));
  const Result<int> version = ReadSchemaVersion(db);
  if (!version.ok()) {
    problems.push_back(version.status().message());
    return problems;
  }
  if (*version != LatestLedgerSchemaVersion()) {
    problems.push_back(
        fmt::format("schema version {}, this cutover writes {}: open it with any "
                    "cutover command to migrate it",
                    *version, LatestLedgerSchemaVersion()));
    return problems;
  }
  if (Status tables = CheckLedgerTables(db); !tables.ok()) {
    problems.push_back(tables.message());
    return problems;
  }
  CUTOVER_RETURN_IF_ERROR(CheckValues(db, "runs", "status", Parses(ParseRunStatus), problems));
  CUTOVER_RETURN_IF_ERROR(CheckValues(db, "tasks", "status", Parses(ParseTaskStatus), problems));
  CUTOVER_RETURN_IF_ERROR(CheckValues(db, "tasks", "purpose", Parses(ParseTaskPurpose), problems));
  CUTOVER_RETURN_IF_ERROR(CheckValues(db, "tasks", "serving", Parses(ParseSide), problems));
  CUTOVER_RETURN_IF_ERROR(CheckValues(db, "tasks", "served_by", Parses(ParseSide), problems));
  CUTOVER_RETURN_IF_ERROR(CheckValues(db, "executions", "side", Parses(ParseSide), problems));
  CUTOVER_RETURN_IF_ERROR(CheckValues(db, "executions", "role", Parses(ParseRole), problems));
  CUTOVER_RETURN_IF_ERROR(
      CheckValues(db, "executions", "status", Parses(ParseExecStatus), problems));
  CUTOVER_RETURN_IF_ERROR(
      CheckValues(db, "comparisons", "outcome", Parses(ParseOutcome), problems));
  CUTOVER_RETURN_IF_ERROR(CollectRows(
      db,
      "SELECT 'route_changes row ' || id || ' (step ' || step || '): ' || from_mode || ' ' || "
      "from_percent || ' % -> ' || to_mode || ' ' || to_percent || ' % is not a route' "
      "FROM route_changes WHERE " +
          BadRoute("from_mode", "from_percent") + " OR " + BadRoute("to_mode", "to_percent") +
          " ORDER BY id",
      problems));
  CUTOVER_RETURN_IF_ERROR(CollectRows(
      db,
      "SELECT 'tasks row ' || id || ' (step ' || step || ', sample ' || sample || '): route ' || "
      "route_mode || ' ' || route_percent || ' % is not a route' FROM tasks WHERE " +
          BadRoute("route_mode", "route_percent") + " ORDER BY id",
      problems));
  CUTOVER_RETURN_IF_ERROR(read.Commit());
  return problems;
}

}  // namespace cutover
