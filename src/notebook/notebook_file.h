// Reading and writing Jupyter notebooks (.ipynb files, nbformat 4) as JSON documents.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace cutover {

// Checks the parts of nbformat 4 that cutover relies on: a top-level object with
// `nbformat: 4`, a `cells` array of objects each with a string `cell_type`, and a `metadata`
// object. kInvalidArgument saying what is wrong (the caller adds the file name).
Status CheckNotebook(const nlohmann::json& nb);

// Reads and checks a notebook. kNotFound when the file is missing or unreadable,
// kInvalidArgument when it is not JSON or not nbformat 4; every message names the file.
Result<nlohmann::json> ReadNotebook(const std::filesystem::path& path);

// Writes `nb` atomically as Jupyter does (one-space indent, non-ASCII kept as UTF-8, trailing
// newline). Invalid UTF-8 in a string is replaced (U+FFFD) rather than failing.
Status WriteNotebook(const nlohmann::json& nb, const std::filesystem::path& path);

}  // namespace cutover
