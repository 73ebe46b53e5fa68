// `fastqc`: compares two FastQC reports module by module.
//
// Each side may be a fastqc_data.txt, a `*_fastqc` folder holding one, or a `*_fastqc.zip`
// (its `<name>_fastqc/fastqc_data.txt` member). Modules are matched by name; within a module
// the '#' lines and the rows are matched in order (the Nth legacy row against the Nth new row,
// no re-alignment). Verdicts (pass/warn/fail) must agree. Cells that both read as numbers
// ("5.0", "1.2E-4", "NaN") are compared as numbers, within the tolerance; other cells exactly.
// The "##FastQC" version line and Basic Statistics' Filename row are always ignored.
//
// A report is read whole (it is small); memory is bounded by max_report_bytes per side.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compare/comparator.h"
#include "compare/fastqc_data.h"
#include "util/status.h"

namespace cutover {

// Two numbers are equal when |a - b| <= absolute or |a - b| <= relative * max(|a|, |b|).
// Zero for both (the default) means exactly equal. NaN equals NaN.
struct FastqcTolerance {
  double absolute = 0;
  double relative = 0;
};

struct FastqcOptions {
  FastqcTolerance tolerance;  // for every module without its own entry in module_tolerance
  // Per-module tolerance, by module name (option `modules`); fields not given there are
  // taken from `tolerance`.
  std::map<std::string, FastqcTolerance, std::less<>> module_tolerance;
  std::vector<std::string> ignore_modules;  // by name; not compared at all
  // {module, first cell} of rows not compared, in addition to {"Basic Statistics",
  // "Filename"}. A '#' line's first cell is written with its '#': {"Sequence Duplication
  // Levels", "#Total Deduplicated Percentage"}.
  std::vector<std::pair<std::string, std::string>> ignore_rows;
  int64_t max_differences = 10;        // differences listed in the result; all are counted
  size_t excerpt_bytes = 200;          // of each side per difference: keeps evidence small
  size_t max_report_bytes = 64 << 20;  // a larger fastqc_data.txt is an error (bounds memory)
};

// Reads `tolerance: {absolute, relative}`, `modules: {NAME: {absolute, relative}}`,
// `ignore_modules: [NAME...]`, `ignore_rows: ["Module/first cell"...]`, `max_differences`.
// Unknown or ill-typed options (a negative tolerance, an ignore_rows entry without '/') are
// kInvalidArgument naming the option.
Result<FastqcOptions> ParseFastqcOptions(const nlohmann::json& options);

// The report at `path` (a fastqc_data.txt, a folder holding one, or a FastQC zip), parsed.
// Zips are recognized by content (their magic bytes), not by name. In a zip, the member
// `<zip name without .zip>/fastqc_data.txt` is read, or else the only member named
// `fastqc_data.txt` at the top or one folder down (so a renamed zip still works).
// Errors name the file (and the member): kNotFound for a missing path, or a folder or zip
// without fastqc_data.txt; kCorruption for a damaged zip, a report over `max_bytes`, or
// anything ParseFastqcData rejects; kIoError when the OS refuses.
Result<FastqcData> ReadFastqcReport(const std::filesystem::path& path, size_t max_bytes);

// Immutable after construction; Compare() is thread-safe.
class FastqcComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "fastqc";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);

  explicit FastqcComparator(FastqcOptions options = {}) : options_(std::move(options)) {}
  std::string kind() const override { return std::string(kKind); }

  // counts: {"modules_legacy", "modules_new", "modules_differing" (present on one side only,
  // or a different verdict, or differing rows), "verdicts_differing", "rows_differing" ('#'
  // lines included; rows on one side only included), "rows_within_tolerance" (equal only as
  // numbers or within tolerance), "ignored_differing" (ignored modules and rows that differ),
  // "per_module": {NAME: rows differing} for modules with differing rows}.
  // kMatch: equal apart from the version line and Filename row. kNoise: equal only as numbers
  // ("5" and "5.0"), within tolerance, or apart from ignored modules and rows. kMismatch
  // otherwise; a verdict difference is always a mismatch. kError: a side cannot be read.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

  // Compares two parsed reports (Compare() without the reading).
  Comparison CompareReports(const FastqcData& legacy, const FastqcData& new_side) const;

 private:
  const FastqcOptions options_;
};

}  // namespace cutover
