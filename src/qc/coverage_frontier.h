// Where the coverage of read positions drops to a bound: the first position beyond which at most
// `capacity` reads extend (the (capacity+1)-th longest read's length, 0 while there are fewer
// reads). Positions before it are covered by more than `capacity` reads. It only moves forward as
// reads come in; it lets per-position counters be sized by how many reads can reach them
// (PerBaseQuality, PerBaseContent).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>

namespace cutover {

class CoverageFrontier {
 public:
  explicit CoverageFrontier(uint64_t capacity) : capacity_(capacity) {}

  size_t position() const { return position_; }
  // Counts a read of `length` bases. Returns whether position() moved.
  bool Add(size_t length) { return length > position_ && AddBeyond(length); }

 private:
  bool AddBeyond(size_t length);

  const uint64_t capacity_;
  size_t position_ = 0;
  uint64_t beyond_ = 0;                 // reads longer than position_ (at most capacity_)
  std::map<size_t, uint64_t> lengths_;  // their lengths
};

}  // namespace cutover
