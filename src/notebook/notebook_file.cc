#include "notebook/notebook_file.h"

#include <fmt/format.h>

#include "util/file.h"

namespace cutover {

Status CheckNotebook(const nlohmann::json& nb) {
  if (!nb.is_object()) return Status::InvalidArgument("not a notebook: the top level is not a JSON object");
  auto format = nb.find("nbformat");
  if (format == nb.end() || !format->is_number_integer()) {
    return Status::InvalidArgument("not a notebook: no integer `nbformat` field");
  }
  if (format->get<int64_t>() != 4) {
    return Status::InvalidArgument(fmt::format(
        "nbformat {} is not supported (only nbformat 4; convert it with `jupyter nbconvert --to "
        "notebook`)",
        format->get<int64_t>()));
  }
  auto metadata = nb.find("metadata");
  if (metadata == nb.end() || !metadata->is_object()) {
    return Status::InvalidArgument("not an nbformat 4 notebook: no `metadata` object");
  }
  auto cells = nb.find("cells");
  if (cells == nb.end() || !cells->is_array()) {
    return Status::InvalidArgument("not an nbformat 4 notebook: no `cells` array");
  }
  for (size_t i = 0; i < cells->size(); ++i) {
    const nlohmann::json& cell = (*cells)[i];
    if (!cell.is_object() || !cell.contains("cell_type") || !cell["cell_type"].is_string()) {
      return Status::InvalidArgument(
          fmt::format("not an nbformat 4 notebook: cell {} has no `cell_type`", i));
    }
  }
  return Status::Ok();
}

Result<nlohmann::json> ReadNotebook(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(fmt::format("notebook {} does not exist", path.string()));
  }
  auto text = ReadFile(path);
  if (!text.ok()) {
    return Status::NotFound(fmt::format("notebook {}: {}", path.string(), text.status().message()));
  }
  nlohmann::json nb;
  try {
    nb = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error& e) {  // caught here: errors leave as values
    return Status::InvalidArgument(
        fmt::format("notebook {}: not valid JSON (byte {}: {})", path.string(), e.byte, e.what()));
  }
  Status ok = CheckNotebook(nb);
  if (!ok.ok()) return Status::InvalidArgument(fmt::format("notebook {}: {}", path.string(), ok.message()));
  return nb;
}

Status WriteNotebook(const nlohmann::json& nb, const std::filesystem::path& path) {
  std::string text = nb.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  return WriteFileAtomic(path, text);
}

}  // namespace cutover
