// FastQC's grouping of read positions into the rows of its per-position modules (FastQC's
// BaseGroup): up to 75 positions are shown one by one; longer reads keep positions 1-9 single
// and group the rest in intervals of 2, 5, 10, 20, 50, ... chosen so that fewer than 75 rows
// remain. --nogroup shows every position; --expgroup uses growing intervals.
#pragma once

#include <string>
#include <vector>

namespace cutover {

struct BaseGroup {
  int first = 1;  // 1-based, inclusive
  int last = 1;
  std::string Label() const;  // "5" or "10-14"
};

enum class Grouping { kLinear, kNone, kExponential };

struct GroupingOptions {
  Grouping grouping = Grouping::kLinear;
  int min_length = 0;  // --min_length: the groups cover at least this many positions
};

std::vector<BaseGroup> MakeBaseGroups(int max_length, const GroupingOptions& options);

}  // namespace cutover
