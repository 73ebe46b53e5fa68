// The machine-readable part of a FastQC report, `fastqc_data.txt`, parsed into modules.
//
// The format (FastQC 0.11.9; 0.12 keeps it):
//   ##FastQC<TAB>0.11.9
//   >>Basic Statistics<TAB>pass            (pass, warn or fail)
//   #Measure<TAB>Value                     ('#' lines: the column header, and for Sequence
//   Filename<TAB>reads.fq.gz                Duplication Levels also
//   >>END_MODULE                            "#Total Deduplicated Percentage<TAB>value")
//   >>Per base sequence quality<TAB>pass
//   ...
// Cells are kept as text: the comparator decides what is a number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

// One tab-separated line inside a module.
struct FastqcLine {
  std::vector<std::string> cells;  // a line without tabs is one cell
  int64_t line = 0;                // 1-based line number in the file
};

struct FastqcModule {
  std::string name;     // "Per base sequence quality"
  std::string verdict;  // "pass", "warn" or "fail"
  int64_t line = 0;     // of its ">>Name<TAB>verdict" line
  // Its '#' lines in file order, the '#' removed: the column header ("Base", "Mean", ...) and
  // any "#Name<TAB>value" line (Sequence Duplication Levels' "Total Deduplicated Percentage").
  std::vector<FastqcLine> comments;
  std::vector<FastqcLine> rows;  // the data rows in file order

  // The column names: the cells of the last '#' line, or none when the module has no '#' line
  // (Overrepresented sequences with nothing overrepresented).
  const std::vector<std::string>& columns() const;
};

struct FastqcData {
  std::string version;                // from the "##FastQC" line: "0.11.9"
  std::vector<FastqcModule> modules;  // in file order; names are unique

  // The module called `name`, or nullptr.
  const FastqcModule* Find(std::string_view name) const;
};

// Parses the content of a fastqc_data.txt. `source` names the file in errors, e.g.
// "x_fastqc.zip:x_fastqc/fastqc_data.txt". Every error is kCorruption and reads
// "SOURCE: line N: what": a missing or malformed "##FastQC" line, a ">>" line that is not
// "Name<TAB>pass|warn|fail", a module opened before the previous one ended, a repeated module
// name, text or ">>END_MODULE" outside a module, an empty line inside a module, a module with no
// ">>END_MODULE" before the end (a truncated file), or no module at all. Empty lines between
// modules are allowed; a missing newline at the end is not an error.
Result<FastqcData> ParseFastqcData(std::string_view text, std::string_view source);

}  // namespace cutover
