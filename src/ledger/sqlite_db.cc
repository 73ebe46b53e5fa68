#include "ledger/sqlite_db.h"

#include <sys/stat.h>

#include <cctype>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace cutover {
namespace {

// The start of a SQL text, for error messages.
std::string Abbreviate(std::string_view sql) {
  constexpr size_t kMax = 80;
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "...";
}

}  // namespace

Status SqliteStatus(int code, std::string message) {
  switch (code & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return Status::Ok();
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Busy(std::move(message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(std::move(message));
    case SQLITE_CONSTRAINT:
      return Status::InvalidArgument(std::move(message));
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Status::IoError(std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

// --- statements ---

namespace {

// A cached prepared statement; the SqlStmt handle borrows it.
class SqliteStmtImpl final : public SqlStmtImpl {
 public:
  SqliteStmtImpl(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStmtImpl() override { sqlite3_finalize(stmt_); }

  void BindInt(int index, int64_t value) override {
    Check(sqlite3_bind_int64(stmt_, index, value));
  }
  void BindText(int index, std::string_view value) override {
    // A non-null pointer even for "" so that an empty string is stored as '' and not NULL.
    Check(sqlite3_bind_text64(stmt_, index, value.empty() ? "" : value.data(), value.size(),
                              SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  // Stored as TEXT like any other text (the schema predates BindBytes); SQLite keeps the bytes.
  void BindBytes(int index, std::string_view value) override { BindText(index, value); }
  void BindNull(int index) override { Check(sqlite3_bind_null(stmt_, index)); }

  Result<bool> Step() override {
    if (!bind_error_.ok()) return bind_error_;
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error(rc);
  }
  Status Run() override {
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, Step());
      if (!row) break;
    }
    sqlite3_reset(stmt_);  // ready to bind and run again
    return Status::Ok();
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_error_ = Status::Ok();
  }
  void Release() override { Reset(); }

  int64_t ColumnInt(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string ColumnText(int column) const override {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    int size = sqlite3_column_bytes(stmt_, column);
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
  }
  bool ColumnIsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = Error(rc);
  }
  Status Error(int code) const {
    // Named by its file: "database is locked" alone does not say which database.
    const char* file = sqlite3_db_filename(db_, "main");
    return SqliteStatus(code, fmt::format("{}: {} (in: {})", file ? file : "sqlite",
                                          sqlite3_errmsg(db_), Abbreviate(sqlite3_sql(stmt_))));
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  Status bind_error_;
};

// A file path as the path of a `file:` URI: every byte but unreserved ones and '/' as %XX.
std::string UriPath(std::string_view path) {
  std::string out;
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

}  // namespace

// --- SqliteDb ---

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::filesystem::path& path,
                                                 const SqliteDbOptions& options) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  std::string name = path.string();
  if (options.immutable) {
    flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    name = "file:" + UriPath(name) + "?immutable=1";
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = fmt::format("{}: cannot open: {}", path.string(),
                                      raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    sqlite3_close_v2(raw);  // a handle is returned even on failure (null is a no-op)
    return SqliteStatus(rc, std::move(message));
  }
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw, path, options.busy_timeout_ms));
  sqlite3_extended_result_codes(raw, 1);
  rc = sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  if (rc != SQLITE_OK) return db->Error(rc, "setting busy timeout");
  return db;
}

Status SqliteDb::RememberFile() {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return Status::FromErrno("inspect " + path_.string(), errno);
  file_id_ = std::make_pair(static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino));
  largest_size_ = st.st_size;
  return Status::Ok();
}

Status SqliteDb::CheckStillThere() const {
  if (!file_id_) return Status::Ok();
  struct stat st {};
  const bool same = ::stat(path_.c_str(), &st) == 0 &&
                    std::make_pair(static_cast<uint64_t>(st.st_dev),
                                   static_cast<uint64_t>(st.st_ino)) == *file_id_;
  const char* what =
      "deleted or replaced while this process used it: what it recorded since is lost with the "
      "old file";
  if (same) {
    int64_t largest = largest_size_.load();
    while (st.st_size > largest && !largest_size_.compare_exchange_weak(largest, st.st_size)) {
    }
    if (st.st_size >= largest) return Status::Ok();
    what = "truncated while this process used it: its records are lost";
  }
  return Status::IoError(fmt::format(
      "the ledger {} was {}. Restore the ledger from a backup (`cutover ledger backup PATH` "
      "makes one) or start again from an empty one; the outputs on disk are kept and are found up to date "
      "only once recorded again",
      path_.string(), what));
}

Status SqliteDb::UseWriteAheadLog() {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms_);
  auto pause = std::chrono::milliseconds(2);
  while (true) {
    Result<std::string> mode = QueryText("PRAGMA journal_mode = WAL");
    if (mode.ok()) {
      if (*mode == "wal") return Status::Ok();
      return Status::IoError(fmt::format(
          "{}: cannot use write-ahead logging (journal mode is '{}'; is this a network file "
          "system?)",
          path_.string(), *mode));
    }
    if (mode.status().code() != StatusCode::kBusy || std::chrono::steady_clock::now() >= deadline) {
      return mode.status();
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
}

SqliteDb::~SqliteDb() {
  statements_.clear();  // finalizes
  sqlite3_close_v2(db_);
  if (after_close_) after_close_();
}

Status SqliteDb::Error(int code, std::string_view doing) const {
  return SqliteStatus(code, fmt::format("{}: {} ({})", path_.string(), sqlite3_errmsg(db_), doing));
}

Status SqliteDb::Exec(std::string_view sql) {
  std::string text(sql);  // sqlite3_exec wants a NUL-terminated string
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string detail = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return SqliteStatus(rc, fmt::format("{}: {} (in: {})", path_.string(), detail, Abbreviate(sql)));
}

Result<SqlStmt> SqliteDb::Prepare(std::string_view sql) {
  auto it = statements_.find(std::string(sql));
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Error(rc, "preparing: " + Abbreviate(sql));
    if (stmt == nullptr) return Status::Internal("empty SQL statement");
    it = statements_.emplace(std::string(sql), std::make_unique<SqliteStmtImpl>(db_, stmt)).first;
  }
  return SqlStmt(it->second.get());
}

int64_t SqliteDb::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

int64_t SqliteDb::Changes() const { return sqlite3_changes64(db_); }

bool SqliteDb::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// --- transactions ---

Status SqliteDb::Begin(TxnMode mode) {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt begin,
                           Prepare(mode == TxnMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
  return begin.Run();
}

Status SqliteDb::Commit() {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt commit, Prepare("COMMIT"));
  return commit.Run();  // on failure the caller rolls back
}

void SqliteDb::Rollback() {
  // SQLite may already have rolled back by itself (after SQLITE_FULL, SQLITE_IOERR...).
  // sqlite3_exec directly: nothing here may allocate or throw.
  if (InTransaction()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace cutover
