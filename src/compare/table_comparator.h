// `table`: CSV/TSV files with a header row, compared cell by cell.
//
// Columns are matched by name (their order may differ). Without `key`, data rows are compared
// in order (row N against row N). With `key`, rows are matched by their key columns, so row
// order does not matter; memory stays bounded whatever the file size by hash partitioning:
// the legacy rows of one partition of the key space (at most rows_per_pass of them) are held in
// a hash map while the new file is streamed, one pass over both files per partition (the number
// of partitions grows, and the pass restarts, when a partition overflows the budget).
//
// Cells: equal text is equal; when both cells parse as numbers they are equal within the
// column's tolerance (|a-b| <= absolute, or <= relative * max(|a|,|b|)); "1.0" and "1" are
// numerically equal (noise, not match).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparator.h"
#include "compare/line_reader.h"
#include "util/status.h"

namespace cutover {

struct Tolerance {
  double absolute = 0;
  double relative = 0;
};

enum class Delimiter { kAuto, kTab, kComma };

struct TableOptions {
  Delimiter delimiter = Delimiter::kAuto;  // auto: .csv comma, .tsv/.tab tab, else by header
  std::vector<std::string> key;             // empty: compare rows in order
  std::vector<std::string> ignore_columns;
  Tolerance default_tolerance;                  // every numeric column
  std::map<std::string, Tolerance> tolerances;  // per column, overriding the default
  int64_t max_differences = 10;
  std::string comment;     // lines starting with it are skipped anywhere ("" = none)
  int64_t skip_lines = 0;  // lines before the header that are not read at all
  int64_t rows_per_pass = 1'000'000;  // keyed: legacy rows held in memory per pass (~100 B each)
  size_t excerpt_bytes = 200;
  LineReaderOptions reader;
};

// Reads `delimiter` (tab|comma|auto), `key`, `ignore_columns`, `tolerance` (a number: absolute
// for every numeric column; {absolute: X, relative: Y}, either or both: the same for every
// numeric column, as for `json`; or a mapping of column -> a number or {absolute, relative},
// with an optional `default` entry), `max_differences`, `comment` (a line prefix: such lines are
// skipped, before the header too) and `skip_lines` (lines before the header, not read).
// kInvalidArgument naming a bad option.
Result<TableOptions> ParseTableOptions(const nlohmann::json& options);

// Splits one CSV (RFC 4180: "quoted, fields" with "" for a quote) or TSV record into fields.
// TSV fields are taken literally. Returns false for an unterminated quoted field (the caller
// may append the next line: a quoted field can span lines).
bool SplitRecord(std::string_view line, char delimiter, std::vector<std::string>* fields);

// Immutable after construction; Compare() is thread-safe.
class TableComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "table";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);
  explicit TableComparator(TableOptions options) : options_(std::move(options)) {}

  std::string kind() const override { return std::string(kKind); }
  // counts: {"rows_legacy", "rows_new", "only_legacy", "only_new", "changed_rows",
  // "columns_only_legacy", "columns_only_new", "within_tolerance", "ignored_cells",
  // "per_column": {column: differing values}, "passes"}.
  // kMatch: same columns and rows, every cell textually equal, in the same order. kNoise: equal
  // only thanks to tolerance, ignored columns, column order or (keyed) row order. kMismatch:
  // a row or column on one side only, or a cell that differs. kError: unreadable file, a row
  // with the wrong number of fields, an unterminated quote, a key column missing or a
  // duplicate key (file and line named).
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

 private:
  const TableOptions options_;
};

}  // namespace cutover
