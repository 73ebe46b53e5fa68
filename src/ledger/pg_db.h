// A PostgreSQL connection through libpq (loaded on first use, libpq.h), as an SqlDb: the SQL the
// SQLite ledger runs, run on PostgreSQL (sql_db.h says what the shared dialect is).
//
// - Parameters are sent as text and typed by the server from their context; ?N is rewritten to
//   $N. Text must be valid UTF-8 without NUL bytes (PostgreSQL's rule: a violation is
//   kInvalidArgument); BindBytes values go to BYTEA columns and may hold anything.
// - Transactions: kRead is REPEATABLE READ READ ONLY (one snapshot for the call); kWrite is
//   READ COMMITTED plus a transaction-level advisory lock that every cutover writer takes
//   first, so writers are serialized as in SQLite (ids grow in commit order, and a
//   read-then-write such as ChangeRoute is atomic). The wait is bounded by lock_timeout
//   (PgDbOptions::busy_timeout_ms), then kBusy.
// - A lost connection (server restart, network cut) makes ConnectionLost() true; Reconnect()
//   tries once to connect again with the same parameters.
//
// Not thread-safe (see SqlDb). Never use a connection in a forked child.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ledger/sql_db.h"
#include "util/status.h"

struct pg_conn;
struct pg_result;

namespace cutover {

struct PgDbOptions {
  // How long a writer waits for the ledger's write lock (or any row lock) before kBusy.
  int busy_timeout_ms = 30000;
  // How long connecting may take before it fails (libpq connect_timeout, seconds).
  int connect_timeout_s = 10;
  // Shown in pg_stat_activity unless the URL sets application_name.
  std::string application_name = "cutover";
  // Run after connecting and after every reconnect (SET ... statements).
  std::string session_sql;
};

// `url` with any password replaced by "***" (user:password@ and password=... forms), for
// messages and logs.
std::string RedactPostgresUrl(std::string_view url);

// Rewrites SQLite-style ?N parameters to PostgreSQL's $N, leaving quoted text alone.
std::string ToPostgresParameters(std::string_view sql);

// The advisory lock every write transaction takes (two-int form: class 'cutv', object 0).
inline constexpr int32_t kPgLockClass = 0x63757476;  // "cutv"

class PgDb final : public SqlDb {
 public:
  // Connects to `url` (postgresql://... or a libpq key=value string). An unreachable server, a
  // refused login or a missing database is kIoError naming the redacted URL.
  static Result<std::unique_ptr<PgDb>> Connect(const std::string& url,
                                               const PgDbOptions& options = {});
  ~PgDb() override;
  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;

  SqlBackend backend() const override { return SqlBackend::kPostgres; }
  std::string Describe() const override { return redacted_url_; }
  Status Exec(std::string_view sql) override;
  Result<SqlStmt> Prepare(std::string_view sql) override;
  int64_t Changes() const override { return changes_; }
  Status Begin(TxnMode mode) override;
  Status Commit() override;
  void Rollback() override;
  bool ConnectionLost() const override;
  Status Reconnect() override;

  // COPY table (columns) FROM STDIN in text format: `data` is complete lines (tab-separated,
  // \N for NULL, backslash escapes). Inside the caller's transaction.
  Status CopyIn(std::string_view copy_sql, std::string_view data);

  // Internal (statements): runs one statement with text parameters (nullptr for NULL).
  // Returns the result (owned by the caller, PQclear) or an error naming the SQL.
  struct ResultDeleter {
    void operator()(::pg_result* r) const;
  };
  using PgResultPtr = std::unique_ptr<::pg_result, ResultDeleter>;
  Result<PgResultPtr> Execute(const std::string& sql, int n, const char* const* values);

 private:
  PgDb(pg_conn* conn, std::string redacted, PgDbOptions options)
      : conn_(conn), redacted_url_(std::move(redacted)), options_(std::move(options)) {}
  Status SetUpSession();
  Status SimpleCommand(std::string_view sql);
  Status ErrorFrom(const ::pg_result* r, std::string_view sql) const;

  pg_conn* conn_;
  const std::string redacted_url_;
  const PgDbOptions options_;
  int64_t changes_ = 0;
  std::unordered_map<std::string, std::unique_ptr<SqlStmtImpl>> statements_;
};

}  // namespace cutover
