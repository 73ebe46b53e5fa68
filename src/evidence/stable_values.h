// What calibration cannot see: runs made seconds apart on one machine by one user agree on the
// date, the host name and the user name, so a legacy output that embeds them looks
// deterministic until the day, the machine or the user changes. Given the values of the
// calibration's own day, machine and user, this names the lines of an output that hold one of
// them and that the proposed rules would neither ignore nor normalise, so the user can decide.
//
// Pure functions: no I/O, deterministic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compare/text_comparator.h"

namespace cutover {

struct StableValue {
  std::string what;   // "today's date", "this machine's name", "the user name"
  std::string value;  // "2026-12-04", "lab-07", "ana"
};

// One line per value found, at most one per value, first occurrence: "line 3 holds today's date
// (2026-12-04)". A value counts as a whole word ("ana" is not in "banana"); values shorter than 3
// characters are not looked for. `rules` (may be null): the comparator the proposal builds; lines
// it ignores, and values its `replace` rules normalise away, are not named.
std::vector<std::string> StableValueHints(std::string_view text,
                                          const std::vector<StableValue>& values,
                                          const TextComparator* rules);

}  // namespace cutover
