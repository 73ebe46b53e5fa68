#include "qc/coverage_frontier.h"

namespace cutover {

bool CoverageFrontier::AddBeyond(size_t length) {
  ++lengths_[length];
  ++beyond_;
  bool moved = false;
  while (beyond_ > capacity_) {
    auto shortest = lengths_.begin();
    position_ = shortest->first;
    beyond_ -= shortest->second;
    lengths_.erase(shortest);
    moved = true;
  }
  return moved;
}

}  // namespace cutover
