// Finding the cell that failed in an executed notebook (run with nbconvert --allow-errors, so
// the notebook is written even when a cell raises).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cutover {

struct CellError {
  size_t index = 0;                        // 0-based, in the executed notebook (injected cell included)
  std::optional<int64_t> execution_count;  // the "In [N]" Jupyter shows, when the cell has one
  std::string ename;                       // "ValueError"
  std::string evalue;                      // "bad value" (may hold newlines)
  std::string where;                       // the innermost traceback frame, ANSI colours removed:
                                           // "Cell In [3], line 2, in f(): raise ValueError(x)"
};

// The first code cell with an `error` output, skipping cells tagged `raises-exception`
// (nbclient's marker for a cell expected to fail). nullopt when no cell failed.
std::optional<CellError> FirstCellError(const nlohmann::json& nb);

// One line: `cell 3 (In [3]): ValueError: bad value — at Cell In [3], line 2, in f(): ...`.
// Newlines in the error value are shown as "\n"; long values are shortened.
std::string ToString(const CellError& error);

// Removes ANSI escape sequences (IPython colours its tracebacks).
std::string StripAnsi(std::string_view text);

}  // namespace cutover
