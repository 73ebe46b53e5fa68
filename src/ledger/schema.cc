#include "ledger/schema.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <set>
#include <string>
#include <vector>

#include "ledger/ledger_copy.h"

namespace cutover {
namespace {

// Migration 1: the initial schema. Conventions (docs/ledger.md):
// - times are Unix milliseconds (UTC); enums are stored as their ToString() names;
// - booleans are 0/1; an id of 0 in a record ("none") is stored as NULL;
// - rows are never deleted (except `published*`, which is replaced), so ids only grow.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE meta (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  command     TEXT NOT NULL,
  user        TEXT NOT NULL,
  host        TEXT NOT NULL,
  pid         INTEGER NOT NULL,
  started_ms  INTEGER NOT NULL,
  finished_ms INTEGER NOT NULL,
  status      TEXT NOT NULL
);
CREATE INDEX runs_by_status ON runs(status);

CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES runs(id),
  step          TEXT NOT NULL,
  sample        TEXT NOT NULL,
  route_mode    TEXT NOT NULL,
  route_percent INTEGER NOT NULL,
  serving       TEXT NOT NULL,
  served_by     TEXT,
  fallback      INTEGER NOT NULL,
  status        TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  error         TEXT NOT NULL,
  started_ms    INTEGER NOT NULL,
  finished_ms   INTEGER NOT NULL
);
CREATE INDEX tasks_by_run ON tasks(run_id, status);
CREATE INDEX tasks_by_step ON tasks(step, status, fallback);

CREATE TABLE executions (
  id          INTEGER PRIMARY KEY,
  task_id     INTEGER REFERENCES tasks(id),
  step        TEXT NOT NULL,
  sample      TEXT NOT NULL,
  side        TEXT NOT NULL,
  role        TEXT NOT NULL,
  argv        TEXT NOT NULL,
  scratch_dir TEXT NOT NULL,
  status      TEXT NOT NULL,
  exit_code   INTEGER NOT NULL,
  signal      INTEGER NOT NULL,
  wall_ms     INTEGER NOT NULL,
  cpu_ms      INTEGER NOT NULL,
  max_rss_kb  INTEGER NOT NULL,
  stderr_tail TEXT NOT NULL,
  error       TEXT NOT NULL,
  started_ms  INTEGER NOT NULL,
  finished_ms INTEGER NOT NULL
);
CREATE INDEX executions_by_task ON executions(task_id);
CREATE INDEX executions_by_step_status ON executions(step, side, status);
CREATE INDEX executions_by_step_role ON executions(step, side, role);

CREATE TABLE execution_outputs (
  execution_id INTEGER NOT NULL REFERENCES executions(id),
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL,
  path         TEXT NOT NULL,
  size         INTEGER NOT NULL,
  digest       TEXT NOT NULL,
  PRIMARY KEY (execution_id, position)
) WITHOUT ROWID;

CREATE TABLE comparisons (
  id                  INTEGER PRIMARY KEY,
  task_id             INTEGER REFERENCES tasks(id),
  step                TEXT NOT NULL,
  sample              TEXT NOT NULL,
  output              TEXT NOT NULL,
  comparator          TEXT NOT NULL,
  outcome             TEXT NOT NULL,
  summary             TEXT NOT NULL,
  legacy_execution_id INTEGER REFERENCES executions(id),
  new_execution_id    INTEGER REFERENCES executions(id),
  at_ms               INTEGER NOT NULL
);
CREATE INDEX comparisons_by_task ON comparisons(task_id);
CREATE INDEX comparisons_by_step ON comparisons(step, outcome);

CREATE TABLE route_changes (
  id                INTEGER PRIMARY KEY,
  step              TEXT NOT NULL,
  at_ms             INTEGER NOT NULL,
  user              TEXT NOT NULL,
  from_mode         TEXT NOT NULL,
  from_percent      INTEGER NOT NULL,
  to_mode           TEXT NOT NULL,
  to_percent        INTEGER NOT NULL,
  reason            TEXT NOT NULL,
  automatic         INTEGER NOT NULL,
  last_execution_id INTEGER NOT NULL
);
CREATE INDEX route_changes_by_step ON route_changes(step);

CREATE TABLE published (
  step        TEXT NOT NULL,
  sample      TEXT NOT NULL,
  task_id     INTEGER REFERENCES tasks(id),
  fingerprint TEXT NOT NULL,
  at_ms       INTEGER NOT NULL,
  PRIMARY KEY (step, sample)
) WITHOUT ROWID;

CREATE TABLE published_outputs (
  step     TEXT NOT NULL,
  sample   TEXT NOT NULL,
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  path     TEXT NOT NULL,
  size     INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  digest   TEXT NOT NULL,
  PRIMARY KEY (step, sample, position),
  FOREIGN KEY (step, sample) REFERENCES published(step, sample) ON DELETE CASCADE
) WITHOUT ROWID;
)sql";

// Migration 2: evidence (issue 3). Replays are tasks with purpose 'replay' (kept apart from the
// gate's evidence); mismatches can be accepted; route changes record whether a promotion was
// forced and the gate's evidence at that moment; tasks record their inputs' digests (replay
// refuses when they changed); calibrations record legacy determinism.
constexpr std::string_view kMigration2 = R"sql(
ALTER TABLE tasks ADD COLUMN purpose TEXT NOT NULL DEFAULT 'run';
ALTER TABLE tasks ADD COLUMN replay_of INTEGER REFERENCES tasks(id);
ALTER TABLE executions ADD COLUMN purpose TEXT NOT NULL DEFAULT 'run';
ALTER TABLE comparisons ADD COLUMN purpose TEXT NOT NULL DEFAULT 'run';
ALTER TABLE comparisons ADD COLUMN accepted_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comparisons ADD COLUMN accepted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE comparisons ADD COLUMN accept_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE route_changes ADD COLUMN forced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE route_changes ADD COLUMN evidence TEXT NOT NULL DEFAULT 'null';
CREATE INDEX tasks_by_step_time ON tasks(step, purpose, started_ms);
CREATE INDEX comparisons_by_step_time ON comparisons(step, purpose, at_ms);

CREATE TABLE task_inputs (
  task_id  INTEGER NOT NULL REFERENCES tasks(id),
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  path     TEXT NOT NULL,
  size     INTEGER NOT NULL,
  digest   TEXT NOT NULL,
  PRIMARY KEY (task_id, position)
) WITHOUT ROWID;

CREATE TABLE calibrations (
  id            INTEGER PRIMARY KEY,
  step          TEXT NOT NULL,
  sample        TEXT NOT NULL,
  at_ms         INTEGER NOT NULL,
  user          TEXT NOT NULL,
  runs          INTEGER NOT NULL,
  deterministic INTEGER NOT NULL,
  proposal      TEXT NOT NULL,
  details       TEXT NOT NULL
);
CREATE INDEX calibrations_by_step ON calibrations(step);
)sql";

// Migration 3: reports and gates at scale (issues 6, 7). Covering indexes for `cutover report`'s
// weekly counts and for the gates' evidence (status, report, promote), so a ledger of a million
// executions is scanned in its indexes, never its rows, and only failed executions are read.
constexpr std::string_view kMigration3 = R"sql(
CREATE INDEX tasks_by_time ON tasks(purpose, started_ms, step, status, served_by, fallback);
CREATE INDEX executions_failures ON executions(status, purpose, started_ms, step, side);
CREATE INDEX comparisons_by_time ON comparisons(purpose, at_ms, step, outcome, accepted_ms);
CREATE INDEX tasks_evidence ON tasks(step, purpose, started_ms, status, sample);
CREATE INDEX comparisons_evidence ON comparisons(step, purpose, task_id, outcome, accepted_ms);
CREATE INDEX executions_evidence ON executions(step, side, purpose, status, task_id);
)sql";

// The gates read a step's tasks ORDER BY started_ms, id. SQLite has the rowid (id) at the end
// of every index, PostgreSQL does not: without id in the key, PostgreSQL fetched every row from
// the table and sorted them (on disk, past work_mem). With it, both read the index in order.
constexpr std::string_view kMigration4 = R"sql(
DROP INDEX tasks_evidence;
CREATE INDEX tasks_evidence ON tasks(step, purpose, started_ms, id, status, sample);
)sql";

// The same schema in PostgreSQL's dialect, migration for migration (docs/ledger.md,
// "PostgreSQL"): ids are identity columns (BY DEFAULT, so `ledger copy` can keep ids), every
// integer is BIGINT (times in ms and ns), `user` is quoted, and the columns that hold process
// output (stderr_tail, error) are BYTEA because PostgreSQL text cannot hold NUL bytes or
// invalid UTF-8.
constexpr std::string_view kPgMigration1 = R"sql(
CREATE TABLE meta (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE runs (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  command     TEXT NOT NULL,
  "user"      TEXT NOT NULL,
  host        TEXT NOT NULL,
  pid         BIGINT NOT NULL,
  started_ms  BIGINT NOT NULL,
  finished_ms BIGINT NOT NULL,
  status      TEXT NOT NULL
);
CREATE INDEX runs_by_status ON runs(status);

CREATE TABLE tasks (
  id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  run_id        BIGINT REFERENCES runs(id),
  step          TEXT NOT NULL,
  sample        TEXT NOT NULL,
  route_mode    TEXT NOT NULL,
  route_percent BIGINT NOT NULL,
  serving       TEXT NOT NULL,
  served_by     TEXT,
  fallback      BIGINT NOT NULL,
  status        TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  error         BYTEA NOT NULL,
  started_ms    BIGINT NOT NULL,
  finished_ms   BIGINT NOT NULL
);
CREATE INDEX tasks_by_run ON tasks(run_id, status);
CREATE INDEX tasks_by_step ON tasks(step, status, fallback);

CREATE TABLE executions (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_id     BIGINT REFERENCES tasks(id),
  step        TEXT NOT NULL,
  sample      TEXT NOT NULL,
  side        TEXT NOT NULL,
  role        TEXT NOT NULL,
  argv        TEXT NOT NULL,
  scratch_dir TEXT NOT NULL,
  status      TEXT NOT NULL,
  exit_code   BIGINT NOT NULL,
  signal      BIGINT NOT NULL,
  wall_ms     BIGINT NOT NULL,
  cpu_ms      BIGINT NOT NULL,
  max_rss_kb  BIGINT NOT NULL,
  stderr_tail BYTEA NOT NULL,
  error       BYTEA NOT NULL,
  started_ms  BIGINT NOT NULL,
  finished_ms BIGINT NOT NULL
);
CREATE INDEX executions_by_task ON executions(task_id);
CREATE INDEX executions_by_step_status ON executions(step, side, status);
CREATE INDEX executions_by_step_role ON executions(step, side, role);

CREATE TABLE execution_outputs (
  execution_id BIGINT NOT NULL REFERENCES executions(id),
  position     BIGINT NOT NULL,
  name         TEXT NOT NULL,
  path         TEXT NOT NULL,
  size         BIGINT NOT NULL,
  digest       TEXT NOT NULL,
  PRIMARY KEY (execution_id, position)
);

CREATE TABLE comparisons (
  id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_id             BIGINT REFERENCES tasks(id),
  step                TEXT NOT NULL,
  sample              TEXT NOT NULL,
  output              TEXT NOT NULL,
  comparator          TEXT NOT NULL,
  outcome             TEXT NOT NULL,
  summary             TEXT NOT NULL,
  legacy_execution_id BIGINT REFERENCES executions(id),
  new_execution_id    BIGINT REFERENCES executions(id),
  at_ms               BIGINT NOT NULL
);
CREATE INDEX comparisons_by_task ON comparisons(task_id);
CREATE INDEX comparisons_by_step ON comparisons(step, outcome);

CREATE TABLE route_changes (
  id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  step              TEXT NOT NULL,
  at_ms             BIGINT NOT NULL,
  "user"            TEXT NOT NULL,
  from_mode         TEXT NOT NULL,
  from_percent      BIGINT NOT NULL,
  to_mode           TEXT NOT NULL,
  to_percent        BIGINT NOT NULL,
  reason            TEXT NOT NULL,
  automatic         BIGINT NOT NULL,
  last_execution_id BIGINT NOT NULL
);
CREATE INDEX route_changes_by_step ON route_changes(step);

CREATE TABLE published (
  step        TEXT NOT NULL,
  sample      TEXT NOT NULL,
  task_id     BIGINT REFERENCES tasks(id),
  fingerprint TEXT NOT NULL,
  at_ms       BIGINT NOT NULL,
  PRIMARY KEY (step, sample)
);

CREATE TABLE published_outputs (
  step     TEXT NOT NULL,
  sample   TEXT NOT NULL,
  position BIGINT NOT NULL,
  name     TEXT NOT NULL,
  path     TEXT NOT NULL,
  size     BIGINT NOT NULL,
  mtime_ns BIGINT NOT NULL,
  digest   TEXT NOT NULL,
  PRIMARY KEY (step, sample, position),
  FOREIGN KEY (step, sample) REFERENCES published(step, sample) ON DELETE CASCADE
);
)sql";

constexpr std::string_view kPgMigration2 = R"sql(
ALTER TABLE tasks ADD COLUMN purpose TEXT NOT NULL DEFAULT 'run';
ALTER TABLE tasks ADD COLUMN replay_of BIGINT REFERENCES tasks(id);
ALTER TABLE executions ADD COLUMN purpose TEXT NOT NULL DEFAULT 'run';
ALTER TABLE comparisons ADD COLUMN purpose TEXT NOT NULL DEFAULT 'run';
ALTER TABLE comparisons ADD COLUMN accepted_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE comparisons ADD COLUMN accepted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE comparisons ADD COLUMN accept_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE route_changes ADD COLUMN forced BIGINT NOT NULL DEFAULT 0;
ALTER TABLE route_changes ADD COLUMN evidence TEXT NOT NULL DEFAULT 'null';
CREATE INDEX tasks_by_step_time ON tasks(step, purpose, started_ms);
CREATE INDEX comparisons_by_step_time ON comparisons(step, purpose, at_ms);

CREATE TABLE task_inputs (
  task_id  BIGINT NOT NULL REFERENCES tasks(id),
  position BIGINT NOT NULL,
  name     TEXT NOT NULL,
  path     TEXT NOT NULL,
  size     BIGINT NOT NULL,
  digest   TEXT NOT NULL,
  PRIMARY KEY (task_id, position)
);

CREATE TABLE calibrations (
  id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  step          TEXT NOT NULL,
  sample        TEXT NOT NULL,
  at_ms         BIGINT NOT NULL,
  "user"        TEXT NOT NULL,
  runs          BIGINT NOT NULL,
  deterministic BIGINT NOT NULL,
  proposal      TEXT NOT NULL,
  details       TEXT NOT NULL
);
CREATE INDEX calibrations_by_step ON calibrations(step);
)sql";

// Migration 5: evidence bound to what ran (issue 14). Every execution records the identity
// digest of the implementation that ran it (run/implementation_identity.h); every change of a
// side's identity, as a run first met it, is a row of implementation_changes with the new
// identity's parts (the latest row of a (step, side) is its current identity). Descriptions
// name files: bytes, BYTEA on PostgreSQL.
constexpr std::string_view kMigration5 = R"sql(
ALTER TABLE executions ADD COLUMN impl_digest TEXT NOT NULL DEFAULT '';
CREATE TABLE implementation_changes (
  id          INTEGER PRIMARY KEY,
  step        TEXT NOT NULL,
  side        TEXT NOT NULL,
  at_ms       INTEGER NOT NULL,
  run_id      INTEGER,
  from_digest TEXT NOT NULL,
  to_digest   TEXT NOT NULL,
  description TEXT NOT NULL,
  change      TEXT NOT NULL,
  parts       TEXT NOT NULL
);
CREATE INDEX implementation_changes_by_step ON implementation_changes(step, side, id);
)sql";
constexpr std::string_view kPgMigration5 = R"sql(
ALTER TABLE executions ADD COLUMN impl_digest TEXT NOT NULL DEFAULT '';
CREATE TABLE implementation_changes (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  step        TEXT NOT NULL,
  side        TEXT NOT NULL,
  at_ms       BIGINT NOT NULL,
  run_id      BIGINT,
  from_digest TEXT NOT NULL,
  to_digest   TEXT NOT NULL,
  description BYTEA NOT NULL,
  change      BYTEA NOT NULL,
  parts       TEXT NOT NULL
);
CREATE INDEX implementation_changes_by_step ON implementation_changes(step, side, id);
)sql";

// Migration 6: evidence by numbers (issue 16). A comparator's concordance figures (the `bam`
// and `vcf` comparators' metrics, comparator.h) get a column of their own, copied from the
// summary's "metrics" (NULL for comparators without any), so the gates read them from their
// covering index and the report and status find the comparisons that have them through a
// partial index, without reading any summary. Rows written before are filled in.
constexpr std::string_view kMigration6 = R"sql(
ALTER TABLE comparisons ADD COLUMN metrics TEXT;
UPDATE comparisons SET metrics = json_extract(summary, '$.metrics')
  WHERE CASE WHEN summary LIKE '%"metrics"%' AND json_valid(summary)
             THEN json_type(summary, '$.metrics') = 'object' ELSE 0 END;
DROP INDEX comparisons_evidence;
CREATE INDEX comparisons_evidence
  ON comparisons(step, purpose, task_id, outcome, accepted_ms, metrics);
CREATE INDEX comparisons_metrics ON comparisons(step, purpose, output, id, at_ms)
  WHERE metrics IS NOT NULL;
)sql";
// PostgreSQL: the same with its JSON operators; PostgreSQL 15 has no json_valid, so each summary
// that mentions metrics is cast in a block of its own, and one that is not JSON is left alone
// instead of failing the migration.
constexpr std::string_view kPgMigration6 = R"sql(
ALTER TABLE comparisons ADD COLUMN metrics TEXT;
DO $$
DECLARE r RECORD;
BEGIN
  FOR r IN SELECT id, summary FROM comparisons WHERE summary LIKE '%"metrics"%' LOOP
    BEGIN
      UPDATE comparisons SET metrics = (r.summary::jsonb -> 'metrics')::text
        WHERE id = r.id AND jsonb_typeof(r.summary::jsonb -> 'metrics') = 'object';
    EXCEPTION WHEN others THEN NULL;
    END;
  END LOOP;
END $$;
DROP INDEX comparisons_evidence;
CREATE INDEX comparisons_evidence
  ON comparisons(step, purpose, task_id, outcome, accepted_ms, metrics);
CREATE INDEX comparisons_metrics ON comparisons(step, purpose, output, id, at_ms)
  WHERE metrics IS NOT NULL;
)sql";

constexpr Migration kMigrations[] = {
    {1, "initial schema", kMigration1},
    {2, "evidence: replays, accepted mismatches, forced promotions, task inputs, calibrations",
     kMigration2},
    {3, "reports and gates at scale: covering indexes", kMigration3},
    {4, "gates at scale: the tasks' evidence index in time order on PostgreSQL too", kMigration4},
    {5, "evidence bound to what ran: implementation identities and their changes", kMigration5},
    {6, "evidence by numbers: comparison metrics", kMigration6},
};

constexpr Migration kPgMigrations[] = {
    {1, kMigrations[0].description, kPgMigration1},
    {2, kMigrations[1].description, kPgMigration2},
    {3, kMigrations[2].description, kMigration3},  // plain CREATE INDEX: the same in both
    {4, kMigrations[3].description, kMigration4},
    {5, kMigrations[4].description, kPgMigration5},
    {6, kMigrations[5].description, kPgMigration6},
};
static_assert(std::size(kPgMigrations) == std::size(kMigrations),
              "every migration exists in both dialects");

Status TooNew(const SqlDb& db, int version, int known) {
  return Status::Failed(
      fmt::format("ledger {} has schema version {}, this cutover knows up to {}: upgrade cutover",
                  db.Describe(), version, known));
}

}  // namespace

std::span<const Migration> LedgerMigrations(SqlBackend backend) {
  if (backend == SqlBackend::kPostgres) return kPgMigrations;
  return kMigrations;
}

int LatestLedgerSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> ReadSchemaVersion(SqlDb& db) {
  const bool pg = db.backend() == SqlBackend::kPostgres;
  CUTOVER_ASSIGN_OR_RETURN(
      std::string has_meta,
      db.QueryText(pg ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                        "current_schema() AND table_name = 'meta'"
                      : "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'"));
  if (has_meta == "0") {
    CUTOVER_ASSIGN_OR_RETURN(
        std::string tables,
        db.QueryText(pg ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                          "current_schema()"
                        : "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'"));
    if (tables != "0") {
      return Status::Corruption(
          fmt::format("{} is {} database but not a cutover ledger (no meta table)", db.Describe(),
                      pg ? "a PostgreSQL" : "an SQLite"));
    }
    return 0;
  }
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt,
                           db.Prepare("SELECT value FROM meta WHERE name = 'schema_version'"));
  CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
  std::string text = row ? stmt.ColumnText(0) : std::string();
  int version = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (!row || ec != std::errc() || end != text.data() + text.size() || version < 1) {
    return Status::Corruption(
        fmt::format("ledger {} has a bad schema_version '{}'", db.Describe(), text));
  }
  return version;
}

Status CheckLedgerTables(SqlDb& db) {
  const bool pg = db.backend() == SqlBackend::kPostgres;
  CUTOVER_ASSIGN_OR_RETURN(
      SqlStmt stmt,
      db.Prepare(pg ? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                      "current_schema()"
                    : "SELECT name FROM sqlite_schema WHERE type = 'table'"));
  std::set<std::string> present;
  for (;;) {
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    present.insert(stmt.ColumnText(0));
  }
  std::vector<std::string> missing;
  for (const LedgerTable& table : LedgerTables()) {
    if (!present.contains(std::string(table.name))) missing.emplace_back(table.name);
  }
  if (missing.empty()) return Status::Ok();
  return Status::Corruption(fmt::format(
      "the ledger {} lacks the table{} {} of its schema version: it was edited or damaged. "
      "Restore it from a backup, or salvage what remains with `cutover ledger copy`",
      db.Describe(), missing.size() > 1 ? "s" : "", fmt::join(missing, ", ")));
}

Status MigrateSchema(SqlDb& db, std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Status::Internal("ledger migrations are not numbered 1, 2, ... in order");
    }
  }
  const int latest = static_cast<int>(migrations.size());

  // Fast path, without the write lock: already current (the usual case) or too new.
  {
    CUTOVER_ASSIGN_OR_RETURN(SqlTxn read, SqlTxn::Begin(db, SqlTxn::Mode::kRead));
    CUTOVER_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
    if (version > latest) return TooNew(db, version, latest);
    CUTOVER_RETURN_IF_ERROR(read.Commit());
    if (version == latest) return Status::Ok();
  }

  // Another process may migrate between the two transactions: read the version again.
  CUTOVER_ASSIGN_OR_RETURN(SqlTxn txn, SqlTxn::Begin(db, SqlTxn::Mode::kWrite));
  CUTOVER_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  if (version > latest) return TooNew(db, version, latest);
  for (int v = version + 1; v <= latest; ++v) {
    const Migration& m = migrations[v - 1];
    Status st = db.Exec(m.sql);
    if (!st.ok()) {
      return st.WithContext(fmt::format("ledger migration {} ({})", m.version, m.description));
    }
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt set, db.Prepare("INSERT INTO meta (name, value) VALUES ('schema_version', ?1) "
                                   "ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    CUTOVER_RETURN_IF_ERROR(set.BindText(1, std::to_string(m.version)).Run());
  }
  return txn.Commit();
}

}  // namespace cutover
