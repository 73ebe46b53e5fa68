// For the pipeline loader's own files (loader.cc, sample_loader.cc, executor_loader.cc): the
// context of one pipeline file being loaded, and the checks they share. Every error carries the
// file, 1-based line and column, and the dotted key of the offending node.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "pipeline/pipeline.h"
#include "util/status.h"
#include "util/strings.h"

namespace cutover {

// Context for one file being loaded.
struct YamlLoader {
  std::string file;
  std::filesystem::path root;

  SourceLocation Where(const YAML::Node& node, const std::string& key) const {
    YAML::Mark m = node.Mark();
    SourceLocation loc{file, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0, key};
    return loc;
  }
  Status Error(const YAML::Node& node, const std::string& key, const std::string& msg) const {
    return Status::InvalidArgument(fmt::format("{}: {}", ToString(Where(node, key)), msg));
  }
  Status Error(const SourceLocation& where, const std::string& msg) const {
    return Status::InvalidArgument(fmt::format("{}: {}", ToString(where), msg));
  }
  // Unknown keys are errors (they are almost always typos: `legcy`, `ouputs`).
  Status CheckKeys(const YAML::Node& map, const std::string& key,
                   const std::vector<std::string>& allowed) const {
    if (!map.IsMap()) return Error(map, key, "expected a mapping");
    for (const auto& kv : map) {
      std::string k = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
        return Error(kv.first, key.empty() ? k : key + "." + k,
                     fmt::format("unknown key '{}' (expected one of: {})", k, Join(allowed, ", ")));
      }
    }
    return Status::Ok();
  }
  Result<std::string> Scalar(const YAML::Node& n, const std::string& key) const {
    if (!n.IsScalar()) return Error(n, key, "expected a single value (a string or number)");
    return n.as<std::string>();
  }
  Template MakeTemplate(const YAML::Node& n, const std::string& key, std::string text) const {
    return Template{std::move(text), Where(n, key)};
  }
  // A duration of at least `min_ms` (timeouts: 1 s; below that no process can even start).
  Result<int64_t> Duration(const YAML::Node& n, const std::string& key, int64_t min_ms = 0) const {
    CUTOVER_ASSIGN_OR_RETURN(std::string text, Scalar(n, key));
    auto ms = ParseDurationMs(text);
    if (!ms.ok()) return Error(n, key, ms.status().message());
    if (*ms < min_ms) {
      return Error(n, key, fmt::format("'{}' is too short: at least {}", text, FormatDurationMs(min_ms)));
    }
    return *ms;
  }
  // A whole number in [min, max]; anything else (a fraction, 4294967296 for an int, text) is an
  // error naming the range.
  Result<int64_t> WholeNumber(const YAML::Node& n, const std::string& key, int64_t min,
                              int64_t max) const {
    CUTOVER_ASSIGN_OR_RETURN(std::string text, Scalar(n, key));
    auto v = ParseInt64(text);
    if (!v || *v < min || *v > max) {
      return Error(n, key, fmt::format("'{}' is not a whole number from {} to {}", text, min, max));
    }
    return *v;
  }
};

// A sample or step name: letters, digits, '_', '-' and '.'.
inline bool ValidName(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

}  // namespace cutover
