#include "ledger/ledger_copy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <functional>
#include <optional>
#include <vector>

#include "ledger/pg_db.h"
#include "util/strings.h"

namespace cutover {
namespace {

using K = LedgerColumn::Kind;
constexpr auto I = K::kInt;
constexpr auto T = K::kText;
constexpr auto B = K::kBytes;

constexpr LedgerColumn kRuns[] = {{"id", I},         {"command", T},    {"\"user\"", T},
                                  {"host", T},       {"pid", I},        {"started_ms", I},
                                  {"finished_ms", I}, {"status", T}};
constexpr LedgerColumn kTasks[] = {
    {"id", I},          {"run_id", I},     {"step", T},        {"sample", T},
    {"route_mode", T},  {"route_percent", I}, {"serving", T},  {"served_by", T},
    {"fallback", I},    {"status", T},     {"fingerprint", T}, {"error", B},
    {"started_ms", I},  {"finished_ms", I}, {"purpose", T},    {"replay_of", I}};
constexpr LedgerColumn kTaskInputs[] = {{"task_id", I}, {"position", I}, {"name", T},
                                        {"path", T},    {"size", I},     {"digest", T}};
constexpr LedgerColumn kExecutions[] = {
    {"id", I},         {"task_id", I},     {"step", T},        {"sample", T},
    {"side", T},       {"role", T},        {"argv", T},        {"scratch_dir", T},
    {"status", T},     {"exit_code", I},   {"signal", I},      {"wall_ms", I},
    {"cpu_ms", I},     {"max_rss_kb", I},  {"stderr_tail", B}, {"error", B},
    {"started_ms", I}, {"finished_ms", I}, {"purpose", T},
    {"impl_digest", T}};
constexpr LedgerColumn kExecutionOutputs[] = {{"execution_id", I}, {"position", I}, {"name", T},
                                              {"path", T},         {"size", I},     {"digest", T}};
constexpr LedgerColumn kComparisons[] = {
    {"id", I},          {"task_id", I},     {"step", T},   {"sample", T},
    {"output", T},      {"comparator", T},  {"outcome", T}, {"summary", T},
    {"legacy_execution_id", I}, {"new_execution_id", I}, {"at_ms", I}, {"purpose", T},
    {"accepted_ms", I}, {"accepted_by", T}, {"accept_reason", T}, {"metrics", T}};
constexpr LedgerColumn kRouteChanges[] = {
    {"id", I},         {"step", T},       {"at_ms", I},       {"\"user\"", T},
    {"from_mode", T},  {"from_percent", I}, {"to_mode", T},   {"to_percent", I},
    {"reason", T},     {"automatic", I},  {"last_execution_id", I}, {"forced", I},
    {"evidence", T}};
constexpr LedgerColumn kCalibrations[] = {{"id", I},       {"step", T},          {"sample", T},
                                          {"at_ms", I},    {"\"user\"", T},      {"runs", I},
                                          {"deterministic", I}, {"proposal", T}, {"details", T}};
constexpr LedgerColumn kImplementationChanges[] = {
    {"id", I},          {"step", T},      {"side", T},        {"at_ms", I},
    {"run_id", I},      {"from_digest", T}, {"to_digest", T}, {"description", B},
    {"change", B},      {"parts", T}};
constexpr LedgerColumn kPublished[] = {
    {"step", T}, {"sample", T}, {"task_id", I}, {"fingerprint", T}, {"at_ms", I}};
constexpr LedgerColumn kPublishedOutputs[] = {{"step", T},  {"sample", T},   {"position", I},
                                              {"name", T},  {"path", T},     {"size", I},
                                              {"mtime_ns", I}, {"digest", T}};

constexpr LedgerTable kTables[] = {
    {"runs", kRuns, "id", true},
    {"tasks", kTasks, "id", true},
    {"task_inputs", kTaskInputs, "task_id, position", false},
    {"executions", kExecutions, "id", true},
    {"execution_outputs", kExecutionOutputs, "execution_id, position", false},
    {"comparisons", kComparisons, "id", true},
    {"route_changes", kRouteChanges, "id", true},
    {"calibrations", kCalibrations, "id", true},
    {"implementation_changes", kImplementationChanges, "id", true},
    {"published", kPublished, "step, sample", false},
    {"published_outputs", kPublishedOutputs, "step, sample, position", false},
};

std::string ColumnList(const LedgerTable& t) {
  std::vector<std::string_view> names;
  for (const LedgerColumn& c : t.columns) names.push_back(c.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

Result<int64_t> CountRows(SqlDb& db, std::string_view table) {
  CUTOVER_ASSIGN_OR_RETURN(std::string n, db.QueryText(fmt::format("SELECT count(*) FROM {}", table)));
  if (n.empty()) return 0;
  if (auto v = ParseInt64(n)) return *v;
  return Status::Corruption(fmt::format("{}: count(*) answered '{}'", table, n));
}

using Value = std::optional<std::string>;  // text, bytes or the decimal int; nullopt = NULL

// Appends `v` to a COPY text-format line.
void AppendCopyField(std::string& line, const Value& v, K kind) {
  if (!v) {
    line += "\\N";
    return;
  }
  std::string bytes;
  const std::string* text = &*v;
  if (kind == K::kBytes) {  // bytea's own text form, \x + hex
    static constexpr char kHex[] = "0123456789abcdef";
    bytes = "\\x";
    for (unsigned char c : *v) {
      bytes += kHex[c >> 4];
      bytes += kHex[c & 15];
    }
    text = &bytes;
  }
  for (char c : *text) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case '\t': line += "\\t"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      default: line += c;
    }
  }
}

// Writes rows into one table of the target, in batches.
class RowWriter {
 public:
  RowWriter(SqlDb& db, const LedgerTable& table) : db_(db), table_(table) {}

  Status Add(const std::vector<Value>& row) {
    if (db_.backend() == SqlBackend::kPostgres) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) buffer_ += '\t';
        AppendCopyField(buffer_, row[i], table_.columns[i].kind);
      }
      buffer_ += '\n';
      if (buffer_.size() >= (8u << 20)) return Flush();
      return Status::Ok();
    }
    if (!insert_sql_) {
      std::vector<std::string> params;
      for (size_t i = 0; i < table_.columns.size(); ++i) params.push_back(fmt::format("?{}", i + 1));
      insert_sql_ = fmt::format("INSERT INTO {} ({}) VALUES ({})", table_.name, ColumnList(table_),
                                fmt::join(params, ", "));
    }
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db_.Prepare(*insert_sql_));
    for (size_t i = 0; i < row.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      if (!row[i]) {
        stmt.BindNull(index);
      } else if (table_.columns[i].kind == K::kInt) {
        const std::optional<int64_t> v = ParseInt64(*row[i]);
        if (!v) {
          return Status::Corruption(fmt::format("{}.{}: '{}' is not a whole number", table_.name,
                                                table_.columns[i].name, *row[i]));
        }
        stmt.BindInt(index, *v);
      } else if (table_.columns[i].kind == K::kBytes) {
        stmt.BindBytes(index, *row[i]);
      } else {
        stmt.BindText(index, *row[i]);
      }
    }
    return stmt.Run();
  }

  Status Flush() {
    if (buffer_.empty()) return Status::Ok();
    std::string data;
    data.swap(buffer_);
    return static_cast<PgDb&>(db_).CopyIn(
        fmt::format("COPY {} ({}) FROM STDIN", table_.name, ColumnList(table_)), data);
  }

 private:
  SqlDb& db_;
  const LedgerTable& table_;
  std::optional<std::string> insert_sql_;
  std::string buffer_;
};

// Reads every row of a table in primary-key order (PostgreSQL: through a cursor, so a large
// table is never held in memory at once) and hands it to `sink`.
Status ReadTable(SqlDb& db, const LedgerTable& table,
                 const std::function<Status(const std::vector<Value>&)>& sink) {
  const std::string select =
      fmt::format("SELECT {} FROM {} ORDER BY {}", ColumnList(table), table.name, table.order_by);
  const bool pg = db.backend() == SqlBackend::kPostgres;
  if (pg) CUTOVER_RETURN_IF_ERROR(db.Exec("DECLARE ledger_copy NO SCROLL CURSOR FOR " + select));
  std::vector<Value> row(table.columns.size());
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db.Prepare(pg ? "FETCH 20000 FROM ledger_copy" : select));
    int64_t rows = 0;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool more, stmt.Step());
      if (!more) break;
      ++rows;
      for (size_t i = 0; i < row.size(); ++i) {
        const int c = static_cast<int>(i);
        if (stmt.ColumnIsNull(c)) {
          row[i].reset();
        } else if (table.columns[i].kind == K::kInt) {
          row[i] = std::to_string(stmt.ColumnInt(c));
        } else {
          row[i] = stmt.ColumnText(c);
        }
      }
      CUTOVER_RETURN_IF_ERROR(sink(row));
    }
    if (!pg || rows == 0) break;
  }
  if (pg) CUTOVER_RETURN_IF_ERROR(db.Exec("CLOSE ledger_copy"));
  return Status::Ok();
}

}  // namespace

std::span<const LedgerTable> LedgerTables() { return kTables; }

Result<LedgerCopyCounts> CopyLedger(SqlDb& from, SqlDb& to, const LedgerCopyOptions& options) {
  CUTOVER_ASSIGN_OR_RETURN(SqlTxn read, SqlTxn::Begin(from, SqlTxn::Mode::kRead));
  CUTOVER_ASSIGN_OR_RETURN(SqlTxn write, SqlTxn::Begin(to, SqlTxn::Mode::kWrite));

  std::vector<std::string> present;
  for (const LedgerTable& t : kTables) {
    CUTOVER_ASSIGN_OR_RETURN(int64_t n, CountRows(to, t.name));
    if (n > 0) present.push_back(fmt::format("{} {}", n, t.name));
  }
  if (!present.empty()) {
    if (!options.replace) {
      return Status::Failed(fmt::format(
          "the target ledger {} is not empty ({}): refusing to mix two ledgers; pass --replace to "
          "delete its rows first",
          to.Describe(), fmt::join(present, ", ")));
    }
    for (size_t i = std::size(kTables); i-- > 0;) {
      CUTOVER_RETURN_IF_ERROR(to.Exec(fmt::format("DELETE FROM {}", kTables[i].name)));
    }
  }

  LedgerCopyCounts counts;
  for (const LedgerTable& t : kTables) {
    RowWriter writer(to, t);
    int64_t n = 0;
    Status st = ReadTable(from, t, [&](const std::vector<Value>& row) {
      ++n;
      return writer.Add(row);
    });
    if (st.ok()) st = writer.Flush();
    if (!st.ok()) return st.WithContext(fmt::format("copying table {}", t.name));
    counts[std::string(t.name)] = n;
  }

  // New rows on the target get ids after the copied ones.
  if (to.backend() == SqlBackend::kPostgres) {
    for (const LedgerTable& t : kTables) {
      if (!t.identity) continue;
      CUTOVER_RETURN_IF_ERROR(to.Exec(fmt::format(
          "SELECT setval(pg_get_serial_sequence('{0}', 'id'), coalesce(max(id), 0) + 1, false) "
          "FROM {0}",
          t.name)));
    }
  }

  for (const LedgerTable& t : kTables) {
    CUTOVER_ASSIGN_OR_RETURN(int64_t n, CountRows(to, t.name));
    if (n != counts[std::string(t.name)]) {
      return Status::Internal(fmt::format("copying table {}: {} rows read but {} in the target",
                                          t.name, counts[std::string(t.name)], n));
    }
  }
  CUTOVER_RETURN_IF_ERROR(write.Commit());
  CUTOVER_RETURN_IF_ERROR(read.Commit());
  return counts;
}

}  // namespace cutover
