#include "qc/base_groups.h"

namespace cutover {
namespace {

std::vector<BaseGroup> Ungrouped(int max_length) {
  std::vector<BaseGroup> groups;
  for (int p = 1; p <= max_length; ++p) groups.push_back({p, p});
  return groups;
}

std::vector<BaseGroup> Exponential(int max_length) {
  std::vector<BaseGroup> groups;
  int start = 1;
  int interval = 1;
  while (start <= max_length) {
    int end = start + interval - 1;
    if (end > max_length) end = max_length;
    groups.push_back({start, end});
    start += interval;
    if (start == 10 && max_length > 75) interval = 5;
    if (start == 50 && max_length > 200) interval = 10;
    if (start == 100 && max_length > 300) interval = 50;
    if (start == 500 && max_length > 1000) interval = 100;
    if (start == 1000 && max_length > 2000) interval = 500;
  }
  return groups;
}

// The first of 2, 5, 10, 20, 50, 100, ... leaving fewer than 75 groups.
int LinearInterval(int length) {
  for (int multiplier = 1;; multiplier *= 10) {
    for (int base : {2, 5, 10}) {
      const int interval = base * multiplier;
      int count = 9 + (length - 9) / interval;
      if ((length - 9) % interval != 0) ++count;
      if (count < 75) return interval;
    }
  }
}

std::vector<BaseGroup> Linear(int max_length) {
  if (max_length <= 75) return Ungrouped(max_length);
  const int interval = LinearInterval(max_length);
  std::vector<BaseGroup> groups;
  int start = 1;
  while (start <= max_length) {
    int end = start + interval - 1;
    if (start < 10) end = start;
    if (start == 10 && interval > 10) end = interval - 1;
    if (end > max_length) end = max_length;
    groups.push_back({start, end});
    if (start < 10) {
      start += 1;
    } else if (start == 10 && interval > 10) {
      start = interval;
    } else {
      start += interval;
    }
  }
  return groups;
}

}  // namespace

std::string BaseGroup::Label() const {
  return first == last ? std::to_string(first)
                       : std::to_string(first) + "-" + std::to_string(last);
}

std::vector<BaseGroup> MakeBaseGroups(int max_length, const GroupingOptions& options) {
  if (options.min_length > max_length) max_length = options.min_length;
  switch (options.grouping) {
    case Grouping::kNone: return Ungrouped(max_length);
    case Grouping::kExponential: return Exponential(max_length);
    case Grouping::kLinear: break;
  }
  return Linear(max_length);
}

}  // namespace cutover
