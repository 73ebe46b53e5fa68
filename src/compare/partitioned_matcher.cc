#include "compare/partitioned_matcher.h"

#include <algorithm>

namespace cutover {

HashSlots::HashSlots(size_t expected) {
  size_t capacity = 16;
  while (capacity < expected * 2) capacity <<= 1;
  slots_.assign(capacity, Slot{});
}

void HashSlots::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.entry == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

size_t PassCapacity(const PartitionOptions& options, int64_t partitions) {
  int64_t share = options.expected_entries / std::max<int64_t>(partitions, 1);
  if (options.max_held > 0) share = std::min(share, options.max_held);
  return static_cast<size_t>(std::max<int64_t>(share, 0));
}

}  // namespace cutover
