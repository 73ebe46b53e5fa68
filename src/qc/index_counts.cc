#include "qc/index_counts.h"

namespace cutover {

uint64_t IndexCounts::count(size_t index) const {
  if (index < kDenseLimit) return index < dense_.size() ? dense_[index] : 0;
  auto it = sparse_.find(index);
  return it == sparse_.end() ? 0 : it->second;
}

bool IndexCounts::empty() const {
  size_t none = 0;
  ForEach([&](size_t, uint64_t) { ++none; });
  return none == 0;
}

size_t IndexCounts::max_index() const {
  for (auto it = sparse_.rbegin(); it != sparse_.rend(); ++it) {
    if (it->second != 0) return it->first;
  }
  for (size_t i = dense_.size(); i-- > 0;) {
    if (dense_[i] != 0) return i;
  }
  return 0;
}

}  // namespace cutover
