// `json`: structural comparison of two JSON documents (plain or gzip, recognised by content).
//
// Formatting and object key order never matter: two documents that parse to the same value
// match. Objects are compared key by key, arrays element by element (or as multisets with
// array_order: any), numbers within an optional tolerance. Paths are JSON Pointers ("/a/b/0").
//
// Memory: the two documents are parsed in full (JSON has no record boundary to stream on), so
// memory is a few times the documents' size; pipeline JSON outputs (reports, metrics, MultiQC
// data) are small. array_order: any matches elements in O(n*m) per array.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparator.h"
#include "util/status.h"

namespace cutover {

struct JsonOptions {
  // JSON Pointer patterns whose values are not compared; "*" matches any one key or index:
  // "/meta/created", "/samples/*/timestamp". A pattern also covers everything below it.
  std::vector<std::string> ignore_paths;
  double absolute = 0;  // numbers a, b are equal when |a-b| <= absolute
  double relative = 0;  //   or |a-b| <= relative * max(|a|, |b|)
  bool any_array_order = false;
  int64_t max_differences = 10;
  size_t excerpt_bytes = 200;
};

// Reads `ignore_paths`, `tolerance: {absolute, relative}` (or a number: absolute),
// `array_order: ordered|any`, `max_differences`. kInvalidArgument naming a bad option.
Result<JsonOptions> ParseJsonOptions(const nlohmann::json& options);

// Immutable after construction; Compare() is thread-safe.
class JsonComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "json";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);
  explicit JsonComparator(JsonOptions options);

  std::string kind() const override { return std::string(kKind); }
  // counts: {"differing_values", "only_legacy", "only_new", "type_changes", "ignored",
  // "within_tolerance"}. kMatch: equal values. kNoise: equal except under ignore_paths or
  // within tolerance. kMismatch otherwise. kError: unreadable or invalid JSON, naming the file,
  // line and column.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

 private:
  const JsonOptions options_;
  const std::vector<std::vector<std::string>> ignore_;  // options_.ignore_paths, split
};

}  // namespace cutover
