// For tests only: a fresh, empty ledger database of either backend, dropped afterwards.
//
// SQLite: a file in a fresh temporary directory. PostgreSQL: a fresh schema in the test server's
// database, selected through the URL (options=-csearch_path=...). The server's URL comes from
// $CUTOVER_TEST_POSTGRES_URL, else from the file the ctest fixture writes (tests/postgres/,
// CUTOVER_TEST_POSTGRES_URL_FILE); without either, PostgreSQL tests are skipped, saying why.
#pragma once

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include <fmt/format.h>

#include "ledger/pg_db.h"
#include "ledger/postgres_ledger.h"
#include "ledger/sql_db.h"
#include "ledger/sqlite_db.h"
#include "ledger/sqlite_ledger.h"
#include "testing/beside_binary.h"
#include "testing/temp_dir.h"

namespace cutover {

inline std::string TestPostgresServerUrl() {
  if (const char* env = std::getenv("CUTOVER_TEST_POSTGRES_URL"); env && *env) return env;
#ifdef CUTOVER_TEST_POSTGRES_URL_FILE
  std::ifstream in(BesideTestBinary(CUTOVER_TEST_POSTGRES_URL_FILE));
  std::string url;
  if (in && std::getline(in, url)) return url;
#endif
  return "";
}

inline const char* kNoPostgresMessage =
    "no PostgreSQL test server: run through ctest (the fixture in tests/postgres/ starts one) "
    "or set CUTOVER_TEST_POSTGRES_URL=postgresql://...";

inline std::string BackendName(SqlBackend b) {
  return b == SqlBackend::kPostgres ? "postgresql" : "sqlite";
}

class TestLedgerBackend {
 public:
  explicit TestLedgerBackend(SqlBackend backend) : backend_(backend) {
    if (backend_ == SqlBackend::kSqlite) {
      url_ = "sqlite:" + (dir_.path() / "state" / "ledger.db").string();
      available_ = !dir_.path().empty();
      return;
    }
    server_ = TestPostgresServerUrl();
    if (server_.empty()) return;
    static std::atomic<int> counter{0};
    std::random_device rd;
    schema_ = fmt::format("t_{}_{}_{:x}", ::getpid(), counter++, rd());
    auto admin = PgDb::Connect(server_);
    if (!admin.ok()) {
      error_ = admin.status().ToString();
      return;
    }
    Status created = (*admin)->Exec(fmt::format("CREATE SCHEMA {}", schema_));
    if (!created.ok()) {
      error_ = created.ToString();
      return;
    }
    url_ = server_ + (server_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_;
    available_ = true;
  }
  ~TestLedgerBackend() {
    if (!schema_.empty() && available_) {
      if (auto admin = PgDb::Connect(server_); admin.ok()) {
        (void)(*admin)->Exec(fmt::format("DROP SCHEMA {} CASCADE", schema_));
      }
    }
  }
  TestLedgerBackend(const TestLedgerBackend&) = delete;
  TestLedgerBackend& operator=(const TestLedgerBackend&) = delete;

  SqlBackend backend() const { return backend_; }
  bool postgres() const { return backend_ == SqlBackend::kPostgres; }
  // False: skip (message()).
  bool available() const { return available_; }
  std::string message() const { return error_.empty() ? kNoPostgresMessage : error_; }
  // sqlite:PATH or a postgresql:// URL, as `--ledger` takes it.
  const std::string& url() const { return url_; }
  std::filesystem::path sqlite_path() const { return url_.substr(7); }
  const TestTempDir& dir() const { return dir_; }

  Result<std::unique_ptr<Ledger>> Open() const {
    if (postgres()) return OpenPostgresLedger(url_);
    return OpenSqliteLedger(sqlite_path());
  }
  // A raw connection to the same database (no migration).
  Result<std::unique_ptr<SqlDb>> OpenDb() const {
    if (postgres()) {
      CUTOVER_ASSIGN_OR_RETURN(auto db, PgDb::Connect(url_));
      return std::unique_ptr<SqlDb>(std::move(db));
    }
    std::filesystem::create_directories(sqlite_path().parent_path());
    CUTOVER_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(sqlite_path()));
    return std::unique_ptr<SqlDb>(std::move(db));
  }
  // The first column of the first row, or the error's text.
  std::string RawQuery(std::string_view sql) const {
    auto db = OpenDb();
    if (!db.ok()) return db.status().ToString();
    auto text = (*db)->QueryText(sql);
    return text.ok() ? *text : text.status().ToString();
  }
  Status RawExec(std::string_view sql) const {
    CUTOVER_ASSIGN_OR_RETURN(auto db, OpenDb());
    return db->Exec(sql);
  }
  // How Describe() names this ledger in messages.
  std::string Described() const {
    return postgres() ? RedactPostgresUrl(url_) : sqlite_path().string();
  }

 private:
  const SqlBackend backend_;
  TestTempDir dir_;
  std::string server_;
  std::string schema_;
  std::string url_;
  std::string error_;
  bool available_ = false;
};

}  // namespace cutover
