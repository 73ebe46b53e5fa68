// Status and Result<T>: expected failures as values (no exceptions across library boundaries).
// Only main() turns a Status into an exit code.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace cutover {

enum class StatusCode {
  kOk,
  kInvalidArgument,  // bad user input: a config key, a flag, a template
  kNotFound,         // a file, step, sample or record that does not exist
  kIoError,          // the OS said no (open, read, write, rename, fork)
  kCorruption,       // malformed data: a truncated gzip, a broken record, a bad ledger
  kBusy,             // a lock is held by someone else
  kFailed,           // a step or command ran and failed
  kCancelled,        // interrupted by the user (Ctrl-C) or a signal
  kInternal,         // a bug in cutover
};

std::string_view ToString(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Busy(std::string m) { return {StatusCode::kBusy, std::move(m)}; }
  static Status Failed(std::string m) { return {StatusCode::kFailed, std::move(m)}; }
  static Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  // IoError with strerror(errno) appended: "open foo.txt: No such file or directory".
  static Status FromErrno(std::string_view what, int err);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: message"
  std::string ToString() const;
  // Prefixes context: Status::NotFound("x").WithContext("loading y") -> "loading y: x".
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Result<T> holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace cutover

// Propagates a non-OK Status from an expression returning Status.
#define CUTOVER_RETURN_IF_ERROR(expr)              \
  do {                                             \
    ::cutover::Status _st = (expr);                \
    if (!_st.ok()) return _st;                     \
  } while (0)

#define CUTOVER_CONCAT_INNER(a, b) a##b
#define CUTOVER_CONCAT(a, b) CUTOVER_CONCAT_INNER(a, b)
// CUTOVER_ASSIGN_OR_RETURN(auto x, Foo()); declares x from a Result or returns its Status.
#define CUTOVER_ASSIGN_OR_RETURN(lhs, expr) \
  CUTOVER_ASSIGN_OR_RETURN_IMPL(CUTOVER_CONCAT(_result_, __LINE__), lhs, expr)
#define CUTOVER_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()
