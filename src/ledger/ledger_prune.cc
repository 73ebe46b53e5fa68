#include "ledger/ledger_prune.h"

#include <sys/stat.h>

#include <cerrno>
#include <utility>
#include <vector>

namespace cutover {
namespace {

constexpr int kBatch = 5000;

bool NotOnDisk(const std::string& dir) {
  struct stat st {};
  return ::lstat(dir.c_str(), &st) != 0 && errno == ENOENT;
}

}  // namespace

Result<LedgerPruneResult> PruneScratchDetail(SqlDb& db, const LedgerPruneOptions& options) {
  const auto gone = options.scratch_gone ? options.scratch_gone : NotOnDisk;
  LedgerPruneResult result;
  int64_t after_id = 0;
  for (;;) {
    // The next batch of candidates, read in a snapshot of its own.
    std::vector<std::pair<int64_t, std::string>> batch;
    {
      CUTOVER_ASSIGN_OR_RETURN(SqlTxn read, SqlTxn::Begin(db, SqlDb::TxnMode::kRead));
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt, db.Prepare("SELECT id, scratch_dir FROM executions WHERE id > ?1 AND "
                                   "finished_ms > 0 AND finished_ms < ?2 AND scratch_dir != '' "
                                   "ORDER BY id LIMIT ?3"));
      stmt.BindInt(1, after_id).BindInt(2, options.before_ms).BindInt(3, kBatch);
      for (;;) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        batch.emplace_back(stmt.ColumnInt(0), stmt.ColumnText(1));
      }
      stmt.Reset();
      CUTOVER_RETURN_IF_ERROR(read.Commit());
    }
    if (batch.empty()) break;
    after_id = batch.back().first;
    std::vector<int64_t> ids;
    for (const auto& [id, dir] : batch) {
      if (gone(dir)) {
        ids.push_back(id);
      } else {
        ++result.kept;
      }
    }
    if (ids.empty()) continue;
    CUTOVER_ASSIGN_OR_RETURN(
        SqlTxn write,
        SqlTxn::Begin(db, options.dry_run ? SqlDb::TxnMode::kRead : SqlDb::TxnMode::kWrite));
    if (options.dry_run) {
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt count,
          db.Prepare("SELECT count(*) FROM execution_outputs WHERE execution_id = ?1"));
      for (int64_t id : ids) {
        count.Reset();
        count.BindInt(1, id);
        CUTOVER_ASSIGN_OR_RETURN(bool row, count.Step());
        if (row) result.outputs += count.ColumnInt(0);
      }
      count.Reset();
    } else {
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt folder,
                               db.Prepare("UPDATE executions SET scratch_dir = '' WHERE id = ?1"));
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt tail, db.Prepare("UPDATE executions SET stderr_tail = ?2 WHERE id = ?1 AND "
                                   "status = 'succeeded'"));
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt outputs,
                               db.Prepare("DELETE FROM execution_outputs WHERE execution_id = ?1"));
      for (int64_t id : ids) {
        folder.Reset();
        folder.BindInt(1, id);
        CUTOVER_RETURN_IF_ERROR(folder.Run());
        tail.Reset();
        tail.BindInt(1, id).BindBytes(2, "");
        CUTOVER_RETURN_IF_ERROR(tail.Run());
        outputs.Reset();
        outputs.BindInt(1, id);
        CUTOVER_RETURN_IF_ERROR(outputs.Run());
        result.outputs += db.Changes();  // the rows the DELETE removed
      }
    }
    CUTOVER_RETURN_IF_ERROR(write.Commit());
    result.executions += static_cast<int64_t>(ids.size());
  }
  return result;
}

}  // namespace cutover
