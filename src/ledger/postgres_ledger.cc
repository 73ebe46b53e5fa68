#include "ledger/postgres_ledger.h"

namespace cutover {

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Result<std::unique_ptr<Ledger>> OpenPostgresLedger(const std::string& url,
                                                   const PostgresLedgerOptions& options) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<PgDb> db, PgDb::Connect(url, options.db));
  return OpenSqlLedger(std::move(db), options.ledger);
}

}  // namespace cutover
