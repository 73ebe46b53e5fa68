// Counts keyed by a non-negative index (a read length, a position in a read): a plain array for
// small indexes, where short reads keep every count, and an ordered map beyond, so that one read
// of megabases costs one entry instead of an array as long as the read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace cutover {

class IndexCounts {
 public:
  // Indexes below this are counted in the array (which grows to the largest index seen).
  static constexpr size_t kDenseLimit = size_t{1} << 16;

  void Add(size_t index, uint64_t n = 1) {
    if (index < kDenseLimit) {
      if (index >= dense_.size()) dense_.resize(index + 1);
      dense_[index] += n;
    } else {
      sparse_[index] += n;
    }
  }
  uint64_t count(size_t index) const;
  bool empty() const;
  // The largest index with a count (0 when empty).
  size_t max_index() const;
  // Calls fn(index, count) for every index with a non-zero count, in increasing order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (size_t i = 0; i < dense_.size(); ++i) {
      if (dense_[i] != 0) fn(i, dense_[i]);
    }
    for (const auto& [index, n] : sparse_) {
      if (n != 0) fn(index, n);
    }
  }

 private:
  std::vector<uint64_t> dense_;        // [index] below kDenseLimit
  std::map<size_t, uint64_t> sparse_;  // index at or beyond kDenseLimit
};

}  // namespace cutover
