#include "ledger/pg_db.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <vector>

#include "ledger/libpq.h"

namespace cutover {
namespace {

constexpr unsigned kByteaOid = 17;

const LibPq& Api() { return LibPqApi().value(); }  // checked in Connect

std::string Abbreviate(std::string_view sql) {
  constexpr size_t kMax = 80;
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "...";
}

std::string TrimMessage(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html) -> category.
StatusCode CodeForSqlState(std::string_view state) {
  if (state.size() != 5) return StatusCode::kIoError;  // no state: the connection failed
  std::string_view cls = state.substr(0, 2);
  if (cls == "23" || cls == "22") return StatusCode::kInvalidArgument;  // constraint, bad data
  if (state == "55P03" || state == "40001" || state == "40P01" || state == "57014") {
    return StatusCode::kBusy;  // lock timeout, serialization failure, deadlock, timeout
  }
  if (cls == "08" || cls == "53" || cls == "58" || cls == "28" || state == "57P01" ||
      state == "57P02" || state == "57P03" || state == "3D000") {
    return StatusCode::kIoError;  // connection, resources, system, login, shutdown, no database
  }
  return StatusCode::kInternal;
}

void IgnoreNotice(void*, const char*) {}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

// A statement: its PostgreSQL text, its bound parameters and, while being read, its result.
class PgStmtImpl final : public SqlStmtImpl {
 public:
  PgStmtImpl(PgDb* db, std::string sql) : db_(db), sql_(std::move(sql)) {}

  void BindInt(int index, int64_t value) override { Set(index, std::to_string(value)); }
  void BindText(int index, std::string_view value) override {
    if (value.find('\0') != std::string_view::npos && bind_error_.ok()) {
      bind_error_ = Status::InvalidArgument(fmt::format(
          "PostgreSQL text cannot hold a NUL byte (parameter {} of: {})", index, Abbreviate(sql_)));
    }
    Set(index, std::string(value));
  }
  void BindBytes(int index, std::string_view value) override {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex = "\\x";
    hex.reserve(2 + value.size() * 2);
    for (unsigned char c : value) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    Set(index, std::move(hex));
  }
  void BindNull(int index) override {
    Grow(index);
    if (index >= 1) params_[index - 1].reset();
  }

  Result<bool> Step() override {
    if (!result_) {
      CUTOVER_RETURN_IF_ERROR(Execute());
      row_ = -1;
    }
    ++row_;
    return row_ < Api().ntuples(result_.get());
  }
  Status Run() override {
    CUTOVER_RETURN_IF_ERROR(Execute());
    result_.reset();
    return Status::Ok();
  }
  void Reset() override {
    result_.reset();
    params_.clear();
    bind_error_ = Status::Ok();
  }
  void Release() override { Reset(); }

  int64_t ColumnInt(int column) const override {
    if (Null(column)) return 0;
    const char* v = Api().getvalue(result_.get(), row_, column);
    int len = Api().getlength(result_.get(), row_, column);
    if (len == 1 && (v[0] == 't' || v[0] == 'f')) return v[0] == 't';  // a boolean
    int64_t out = 0;
    std::from_chars(v, v + len, out);
    return out;
  }
  std::string ColumnText(int column) const override {
    if (Null(column)) return {};
    const char* v = Api().getvalue(result_.get(), row_, column);
    size_t len = static_cast<size_t>(Api().getlength(result_.get(), row_, column));
    if (Api().ftype(result_.get(), column) == kByteaOid && len >= 2 && v[0] == '\\' &&
        v[1] == 'x') {
      std::string bytes;
      bytes.reserve((len - 2) / 2);
      for (size_t i = 2; i + 1 < len; i += 2) {
        bytes += static_cast<char>(HexValue(v[i]) * 16 + HexValue(v[i + 1]));
      }
      return bytes;
    }
    return std::string(v, len);
  }
  bool ColumnIsNull(int column) const override { return Null(column); }

 private:
  bool Null(int column) const {
    return !result_ || row_ < 0 || Api().getisnull(result_.get(), row_, column) != 0;
  }
  void Grow(int index) {
    if (index < 1) {
      if (bind_error_.ok()) bind_error_ = Status::Internal("parameter index below 1");
      return;
    }
    if (params_.size() < static_cast<size_t>(index)) params_.resize(static_cast<size_t>(index));
  }
  void Set(int index, std::string value) {
    Grow(index);
    if (index >= 1) params_[index - 1] = std::move(value);
  }
  Status Execute() {
    if (!bind_error_.ok()) return bind_error_;
    std::vector<const char*> values;
    values.reserve(params_.size());
    for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
    CUTOVER_ASSIGN_OR_RETURN(result_, db_->Execute(sql_, static_cast<int>(values.size()),
                                                   values.data()));
    return Status::Ok();
  }

  PgDb* db_;
  const std::string sql_;
  std::vector<std::optional<std::string>> params_;
  PgDb::PgResultPtr result_;
  int row_ = -1;
  Status bind_error_;
};

}  // namespace

std::string RedactPostgresUrl(std::string_view url) {
  std::string out(url);
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = out.find_first_of("/?", start);
    if (end == std::string::npos) end = out.size();
    size_t at = out.rfind('@', end);
    if (at != std::string::npos && at >= start) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // password=... as a URL query parameter or a key=value word.
  for (size_t pos = 0; (pos = out.find("password=", pos)) != std::string::npos;) {
    bool word_start = pos == 0 || out[pos - 1] == '?' || out[pos - 1] == '&' || out[pos - 1] == ' ';
    pos += 9;
    if (!word_start) continue;
    size_t end = out.find_first_of("& ", pos);
    if (end == std::string::npos) end = out.size();
    out.replace(pos, end - pos, "***");
  }
  return out;
}

std::string ToPostgresParameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      c = '$';
    }
    out += c;
  }
  return out;
}

void PgDb::ResultDeleter::operator()(pg_result* r) const {
  if (r) Api().clear(r);
}

Result<std::unique_ptr<PgDb>> PgDb::Connect(const std::string& url, const PgDbOptions& options) {
  const std::string redacted = RedactPostgresUrl(url);
  const Result<LibPq>& api = LibPqApi();
  if (!api.ok()) return api.status().WithContext(redacted);
  const std::string timeout = std::to_string(options.connect_timeout_s);
  // Later entries override earlier ones, including what the URL (dbname) says.
  const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                        "client_encoding", nullptr};
  const char* values[] = {timeout.c_str(), options.application_name.c_str(), url.c_str(), "UTF8",
                          nullptr};
  pg_conn* conn = api->connectdb_params(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Status::IoError("out of memory connecting to " + redacted);
  if (api->status(conn) != CONNECTION_OK) {
    std::string why = TrimMessage(api->error_message(conn));
    api->finish(conn);
    return Status::IoError(fmt::format("cannot connect to the PostgreSQL ledger {}: {}", redacted,
                                       why));
  }
  std::unique_ptr<PgDb> db(new PgDb(conn, redacted, options));
  api->set_notice_processor(conn, IgnoreNotice, nullptr);
  CUTOVER_RETURN_IF_ERROR(db->SetUpSession());
  return db;
}

PgDb::~PgDb() {
  statements_.clear();
  Api().finish(conn_);
}

Status PgDb::SetUpSession() {
  CUTOVER_RETURN_IF_ERROR(SimpleCommand(fmt::format(
      "SET lock_timeout = {}; SET client_min_messages = warning", options_.busy_timeout_ms)));
  if (options_.session_sql.empty()) return Status::Ok();
  return SimpleCommand(options_.session_sql);
}

Status PgDb::ErrorFrom(const pg_result* r, std::string_view sql) const {
  const char* state = r ? Api().result_error_field(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = TrimMessage(r ? Api().result_error_message(r) : nullptr);
  if (message.empty()) message = TrimMessage(Api().error_message(conn_));
  StatusCode code = CodeForSqlState(state ? state : "");
  if (ConnectionLost()) {
    code = StatusCode::kIoError;
    message = "lost the connection to the server: " + message;
  }
  return Status(code, fmt::format("{}: {} (in: {})", redacted_url_, message, Abbreviate(sql)));
}

Result<PgDb::PgResultPtr> PgDb::Execute(const std::string& sql, int n,
                                        const char* const* values) {
  PgResultPtr r(Api().exec_params(conn_, sql.c_str(), n, nullptr, values, nullptr, nullptr, 0));
  ExecStatusType st = r ? Api().result_status(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return ErrorFrom(r.get(), sql);
  const char* tuples = Api().cmd_tuples(r.get());
  changes_ = (tuples && *tuples) ? std::atoll(tuples) : 0;
  return r;
}

Status PgDb::SimpleCommand(std::string_view sql) {
  std::string text(sql);
  PgResultPtr r(Api().exec(conn_, text.c_str()));
  ExecStatusType st = r ? Api().result_status(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return ErrorFrom(r.get(), sql);
  return Status::Ok();
}

Status PgDb::Exec(std::string_view sql) { return SimpleCommand(sql); }

Result<SqlStmt> PgDb::Prepare(std::string_view sql) {
  auto it = statements_.find(std::string(sql));
  if (it == statements_.end()) {
    it = statements_
             .emplace(std::string(sql),
                      std::make_unique<PgStmtImpl>(this, ToPostgresParameters(sql)))
             .first;
  }
  return SqlStmt(it->second.get());
}

Status PgDb::Begin(TxnMode mode) {
  if (mode == TxnMode::kRead) return SimpleCommand("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  return SimpleCommand(fmt::format(
      "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({}, 0)", kPgLockClass));
}

Status PgDb::Commit() {
  if (Api().transaction_status(conn_) == PQTRANS_INERROR) {
    return Status::Internal(redacted_url_ + ": commit of a failed transaction");
  }
  return SimpleCommand("COMMIT");
}

void PgDb::Rollback() {
  if (Api().status(conn_) != CONNECTION_OK) return;
  PGTransactionStatusType t = Api().transaction_status(conn_);
  if (t == PQTRANS_IDLE || t == PQTRANS_UNKNOWN) return;
  PgResultPtr r(Api().exec(conn_, "ROLLBACK"));
}

bool PgDb::ConnectionLost() const { return Api().status(conn_) != CONNECTION_OK; }

Status PgDb::Reconnect() {
  for (auto& [sql, stmt] : statements_) stmt->Reset();
  Api().reset(conn_);
  if (Api().status(conn_) != CONNECTION_OK) {
    return Status::IoError(fmt::format("cannot reconnect to the PostgreSQL ledger {}: {}",
                                       redacted_url_, TrimMessage(Api().error_message(conn_))));
  }
  return SetUpSession();
}

Status PgDb::CopyIn(std::string_view copy_sql, std::string_view data) {
  std::string text(copy_sql);
  PgResultPtr r(Api().exec(conn_, text.c_str()));
  if (!r || Api().result_status(r.get()) != PGRES_COPY_IN) return ErrorFrom(r.get(), copy_sql);
  constexpr size_t kChunk = 1 << 20;
  for (size_t pos = 0; pos < data.size(); pos += kChunk) {
    size_t n = std::min(kChunk, data.size() - pos);
    if (Api().put_copy_data(conn_, data.data() + pos, static_cast<int>(n)) != 1) {
      return ErrorFrom(nullptr, copy_sql);
    }
  }
  if (Api().put_copy_end(conn_, nullptr) != 1) return ErrorFrom(nullptr, copy_sql);
  Status status;
  while (pg_result* next = Api().get_result(conn_)) {
    PgResultPtr done(next);
    if (status.ok() && Api().result_status(next) != PGRES_COMMAND_OK) {
      status = ErrorFrom(next, copy_sql);
    }
  }
  return status;
}

}  // namespace cutover
