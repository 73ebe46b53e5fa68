// Calibration infers `ignore` rules from two runs of the *legacy* side, anchored on the text
// that starts the differing line ("^# normalize\.ipynb run "). The new side often writes the
// same kind of line with its own words ("# normalize.py run ..."), which such a rule never
// matches. Widening looks at how legacy and new differed under the inferred rules and, where
// an inferred prefix rule covers the legacy line but not the new side's line at the same place,
// and the two lines share the prefix's shape (the same words and separators, some words
// different), replaces the differing words with `\S+` ("^# normalize\.\S+ run ").
//
// Only rules in `inferred` are widened (never a rule the user wrote), only into a rule that
// matches both lines, and only when a word of the prefix stays as it was: a difference between
// the sides that is not in a line legacy itself varies on stays a difference.
//
// Pure functions: no I/O, deterministic.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compare/comparator.h"
#include "evidence/noise_rules.h"

namespace cutover {

// `kind`/`options`: the spec proposed from the legacy runs; `inferred`: the ignore rules that
// calibration added (the only ones that may be widened); `legacy_vs_new`: legacy run 1 compared
// with the new side's output under that spec *without* the `inferred` rules, so that legacy's
// line and the new side's line at the same place appear as one changed pair. Returns the spec
// with widened rules (changed false when nothing could be widened); `inferred` is updated to
// the widened rules.
RuleProposal WidenRulesToNew(const std::string& kind, const nlohmann::json& options,
                             std::vector<std::string>& inferred, const Comparison& legacy_vs_new);

// The text a prefix rule written by calibration anchors on: "^Elapsed: " -> "Elapsed: ",
// "^a\.b" -> "a.b". "" when `rule` is not of that form (a user's regex with operators).
std::string PrefixOfRule(const std::string& rule);

}  // namespace cutover
