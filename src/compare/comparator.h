// Comparing one output of the legacy side with the same output of the new side.
//
// A comparator is built once per (step, output) from its `compare:` spec and then used from
// many threads: Compare() is const and thread-safe. Comparators stream their inputs: memory does
// not grow with the file size. A file that cannot be read or parsed gives Outcome::kError with
// the file and line named, never a crash and never a false match.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/outcome.h"
#include "util/status.h"

namespace cutover {

struct Difference {
  std::string location;  // "line 12", "record 5", "byte 1024"
  std::string legacy;    // the legacy side's content there ("" if absent), truncated
  std::string new_side;  // the new side's content there
};

struct Comparison {
  Outcome outcome = Outcome::kError;
  std::string message;  // one line for humans: "3 lines differ (first at line 12)"
  // Comparator-specific counts, e.g. {"lines_legacy": 100, "lines_new": 101, "differing": 3}.
  nlohmann::json counts = nlohmann::json::object();
  std::vector<Difference> differences;  // the first few, in file order

  // {"outcome", "message", "counts", "differences": [{"location","legacy","new"}]}
  nlohmann::json ToJson() const;
  static Result<Comparison> FromJson(const nlohmann::json& j);
};

class Comparator {
 public:
  virtual ~Comparator() = default;
  virtual std::string kind() const = 0;
  virtual Comparison Compare(const std::filesystem::path& legacy,
                             const std::filesystem::path& new_side) const = 0;
};

// Builds the comparator `kind` ("bytes", "text") with `options` (the rest of the output's
// `compare:` mapping). Unknown kinds and unknown or ill-typed options are kInvalidArgument
// errors naming the option.
Result<std::unique_ptr<Comparator>> MakeComparator(const std::string& kind,
                                                   const nlohmann::json& options);

// A readable, diff-like rendering for a terminal.
std::string RenderComparison(const Comparison& comparison);

}  // namespace cutover
