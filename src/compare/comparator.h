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
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/metric_thresholds.h"
#include "compare/outcome.h"
#include "util/status.h"

namespace cutover {

struct Difference {
  std::string location;  // "line 12", "record 5", "byte 1024"
  std::string legacy;    // the legacy side's content there ("" if absent), truncated
  std::string new_side;  // the new side's content there
  // False when that side has nothing at `location` (an extra line or byte on the other side),
  // so an absent line is not confused with an empty one. In JSON only written when false.
  bool in_legacy = true;
  bool in_new = true;
};

struct Comparison {
  Outcome outcome = Outcome::kError;
  std::string message;  // one line for humans: "3 lines differ (first at line 12)"
  // Comparator-specific counts, e.g. {"lines_legacy": 100, "lines_new": 101, "differing": 3}.
  nlohmann::json counts = nlohmann::json::object();
  std::vector<Difference> differences;  // the first few, in file order
  // Concordance figures, for formats judged by them (`bam`, `vcf`): {"same_placement": 0.998,
  // "recall": 0.9971, ...}, fractions in [0, 1] (null when there was nothing to measure).
  // Empty for the other comparators. The ledger stores them; gates and the report read them.
  nlohmann::json metrics = nlohmann::json::object();

  // {"version": 1, "outcome", "message", "counts",
  //  "differences": [{"location","legacy","new"[,"in_legacy":false][,"in_new":false]}]
  //  [, "metrics": {NAME: number}]}  (metrics written only when there are some)
  // Strings are made valid UTF-8 (invalid bytes become "\xNN") so the JSON always serializes.
  // FromJson reads what ToJson writes (a missing "version" is read as 1); malformed JSON is
  // kCorruption.
  nlohmann::json ToJson() const;
  static Result<Comparison> FromJson(const nlohmann::json& j);
};

class Comparator {
 public:
  virtual ~Comparator() = default;
  virtual std::string kind() const = 0;
  // False for an output published but deliberately not compared (`compare: none`): the routing
  // layer then records no comparison for it.
  virtual bool compares() const { return true; }
  // For comparators judged by concordance figures (`bam`, `vcf`): the metrics that are fractions
  // in [0, 1] (those a min_/max_ option may bound), and the thresholds configured. The report
  // draws them. Empty for the other comparators.
  virtual std::vector<std::string> fraction_metrics() const { return {}; }
  virtual std::vector<MetricThreshold> thresholds() const { return {}; }
  virtual Comparison Compare(const std::filesystem::path& legacy,
                             const std::filesystem::path& new_side) const = 0;
};

// Builds the comparator `kind` (one of ComparatorKinds()) with `options` (the rest of the output's
// `compare:` mapping). Unknown kinds and unknown or ill-typed options are kInvalidArgument
// errors naming the option.
// `options` may be null (no options). Thread-safe.
Result<std::unique_ptr<Comparator>> MakeComparator(const std::string& kind,
                                                   const nlohmann::json& options);

// The kinds MakeComparator knows, in registry order: bytes, text, table, json, fastq, fastqc,
// bam, vcf, command, none (registry.cc; docs/comparators.md describes each).
std::vector<std::string_view> ComparatorKinds();

// "differing 0.0109, reads_compared 40000, same_placement 0.9924": each metric by name, fractions
// with four decimals, null as "n/a". Terminal-safe only when the names are (they are the
// comparator's own).
std::string FormatMetrics(const nlohmann::json& metrics);

struct RenderOptions {
  bool color = false;  // ANSI colours: for a terminal only
};

// A readable, diff-like rendering: the outcome and message, the counts, then per difference
// "@@ location @@" and the legacy ("- ") and new ("+ ") content, each line marked.
std::string RenderComparison(const Comparison& comparison, const RenderOptions& options = {});

}  // namespace cutover
