#include "ledger/sql_db.h"

namespace cutover {

Result<std::string> SqlDb::QueryText(std::string_view sql) {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, Prepare(sql));
  CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.ColumnText(0) : std::string();
}

Result<SqlTxn> SqlTxn::Begin(SqlDb& db, Mode mode) {
  CUTOVER_RETURN_IF_ERROR(db.Begin(mode));
  return SqlTxn(&db);
}

Status SqlTxn::Commit() {
  if (db_ == nullptr) return Status::Internal("commit of a finished transaction");
  CUTOVER_RETURN_IF_ERROR(db_->Commit());  // on failure the destructor rolls back
  db_ = nullptr;
  return Status::Ok();
}

}  // namespace cutover
