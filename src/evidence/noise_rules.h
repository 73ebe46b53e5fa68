// Calibration's rule inference: given how two runs of the *same* legacy implementation on the
// same input differed, propose `compare:` options under which those differences are noise.
//
// Known shapes become `replace` rules that normalise the value wherever it appears (ISO dates
// and times, `date`-style timestamps, clock times, temporary paths, UUIDs, process ids in
// "pid 1234"); any other differing token becomes an `ignore` rule for lines starting with the
// same text as the differing line up to that token (e.g. "^Elapsed: "). Reordered lines give
// `order: any`. A byte-level comparison of gzip or text files is moved to `text` first.
//
// Pure functions: no I/O, deterministic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparator.h"

namespace cutover {

// A false report of bugprone-exception-escape on the implicit members (json's move is noexcept).
struct RuleProposal {  // NOLINT(bugprone-exception-escape)
  std::string kind;         // the comparator kind to use
  nlohmann::json options;   // its options, the previous ones included
  std::vector<std::string> reasons;  // one line per added rule: "ISO timestamps (line 3)"
  bool changed = false;     // false: nothing more could be inferred
};

// RE2's metacharacters: the only characters QuoteRegex escapes.
inline constexpr std::string_view kRegexMeta = "\\.^$|?*+()[]{}";

// `text` with RE2's metacharacters escaped only, so rules stay readable in cutover.yaml
// ("Elapsed: 0.5" -> "Elapsed: 0\\.5").
std::string QuoteRegex(std::string_view text);

// `kind`/`options`: the spec the comparison was made with. `comparison`: its result on two runs
// of legacy (its differences are the evidence; the more listed, the better). `looks_textual`:
// both files are text or gzip text (decides bytes -> text).
RuleProposal ProposeNoiseRules(const std::string& kind, const nlohmann::json& options,
                               const Comparison& comparison, bool looks_textual);

}  // namespace cutover
