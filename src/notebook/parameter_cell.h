// Injecting parameters into a notebook the way papermill does: a new code cell, tagged
// `injected-parameters`, right after the cell tagged `parameters` (the notebook's defaults),
// so the injected values override the defaults and every later cell sees them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cutover {

struct NotebookParameter {
  std::string name;      // a Python identifier (checked by the caller)
  nlohmann::json value;  // rendered with PythonLiteral
};

inline constexpr std::string_view kParametersTag = "parameters";
inline constexpr std::string_view kInjectedParametersTag = "injected-parameters";

// True when the cell's metadata.tags contains `tag`.
bool CellHasTag(const nlohmann::json& cell, std::string_view tag);

// The injected cell's Python source: a comment line, then one `name = literal` line per
// parameter, in the given order.
std::string ParameterCellSource(const std::vector<NotebookParameter>& params);

// Modifies `nb` (a checked nbformat 4 notebook): removes cells tagged `injected-parameters`
// (left by an earlier papermill run), then inserts the parameter cell after the first cell
// tagged `parameters`, or as the first cell when there is none. The cell gets an `id` when the
// notebook's cells have ids (nbformat 4.5+). Returns the new cell's index.
size_t InjectParameters(nlohmann::json& nb, const std::vector<NotebookParameter>& params);

}  // namespace cutover
