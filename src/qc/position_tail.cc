#include "qc/position_tail.h"

namespace cutover {

void PositionTail::DropBefore(size_t position) {
  std::erase_if(kept_, [&](const Kept& k) { return k.end() <= position; });
  for (Kept& k : kept_) {
    const size_t passed = position - k.origin;
    if (passed > k.bytes.size() / 2) {
      k.bytes = k.bytes.substr(passed);  // a fresh string: the passed bytes are freed
      k.origin = position;
    }
  }
}

}  // namespace cutover
