#include "notebook/parameter_cell.h"

#include <set>

#include "notebook/python_literal.h"

namespace cutover {

bool CellHasTag(const nlohmann::json& cell, std::string_view tag) {
  if (!cell.is_object()) return false;
  auto metadata = cell.find("metadata");
  if (metadata == cell.end() || !metadata->is_object()) return false;
  auto tags = metadata->find("tags");
  if (tags == metadata->end() || !tags->is_array()) return false;
  for (const nlohmann::json& t : *tags) {
    if (t.is_string() && t.get_ref<const std::string&>() == tag) return true;
  }
  return false;
}

std::string ParameterCellSource(const std::vector<NotebookParameter>& params) {
  std::string src = "# Parameters (injected by cutover)\n";
  for (const NotebookParameter& p : params) src += p.name + " = " + PythonLiteral(p.value) + "\n";
  return src;
}

size_t InjectParameters(nlohmann::json& nb, const std::vector<NotebookParameter>& params) {
  nlohmann::json& cells = nb["cells"];
  nlohmann::json kept = nlohmann::json::array();
  for (nlohmann::json& cell : cells) {
    if (!CellHasTag(cell, kInjectedParametersTag)) kept.push_back(std::move(cell));
  }
  cells = std::move(kept);

  size_t at = 0;
  bool has_ids = nb.value("nbformat_minor", 0) >= 5;
  std::set<std::string> ids;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].contains("id") && cells[i]["id"].is_string()) {
      has_ids = true;
      ids.insert(cells[i]["id"].get<std::string>());
    }
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    if (CellHasTag(cells[i], kParametersTag)) {
      at = i + 1;
      break;
    }
  }

  // nbformat's multi-line string: a list of lines, each but the last ending in "\n".
  std::string src = ParameterCellSource(params);
  if (!src.empty() && src.back() == '\n') src.pop_back();
  nlohmann::json lines = nlohmann::json::array();
  size_t start = 0;
  while (start <= src.size()) {
    size_t nl = src.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(src.substr(start));
      break;
    }
    lines.push_back(src.substr(start, nl + 1 - start));
    start = nl + 1;
  }

  nlohmann::json cell = {
      {"cell_type", "code"},
      {"execution_count", nullptr},
      {"metadata", {{"tags", {std::string(kInjectedParametersTag)}}}},
      {"outputs", nlohmann::json::array()},
      {"source", std::move(lines)},
  };
  if (has_ids) {
    std::string id(kInjectedParametersTag);
    for (int k = 2; ids.count(id); ++k) id = std::string(kInjectedParametersTag) + "-" + std::to_string(k);
    cell["id"] = id;
  }
  cells.insert(cells.begin() + static_cast<std::ptrdiff_t>(at), std::move(cell));
  return at;
}

}  // namespace cutover
