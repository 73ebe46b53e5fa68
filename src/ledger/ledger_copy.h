// Copying a whole ledger between databases (`cutover ledger copy`): SQLite to PostgreSQL and
// back, losing nothing. Every table, every row, every id; sequences advanced past the copied
// ids; one transaction on the target (a failed copy leaves it as it was).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "ledger/sql_db.h"
#include "util/status.h"

namespace cutover {

// One column of a ledger table as the copy moves it.
struct LedgerColumn {
  enum class Kind { kInt, kText, kBytes };
  std::string_view name;  // as written in SQL ("user" quoted)
  Kind kind;
};

struct LedgerTable {
  std::string_view name;
  std::span<const LedgerColumn> columns;
  std::string_view order_by;  // the primary key: rows are copied in this order
  bool identity;              // has an `id` the database assigns (PostgreSQL: a sequence)
};

// Every table of the current schema except `meta`, parents before children (foreign keys).
std::span<const LedgerTable> LedgerTables();

struct LedgerCopyOptions {
  // false: a target that holds any row is refused (kFailed). true: its rows are deleted first,
  // in the copy's transaction.
  bool replace = false;
};

// Rows copied per table.
using LedgerCopyCounts = std::map<std::string, int64_t>;

// Copies every row of `from` into `to` in one write transaction on `to` (reading `from` in one
// read transaction), then checks that every table holds as many rows as the source.
Result<LedgerCopyCounts> CopyLedger(SqlDb& from, SqlDb& to, const LedgerCopyOptions& options);

}  // namespace cutover
