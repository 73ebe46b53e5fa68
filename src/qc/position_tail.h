// The bytes (qualities or bases) of the reads that reach beyond a frontier position, kept as they
// are while at most `capacity` reads extend beyond it: one megabase read costs one megabyte here
// instead of a row of counters per position. When more reads would extend beyond it, the
// frontier moves to the shortest of them and the owner counts the bytes it passes in its own
// per-position counters. So positions before frontier() are counted by the owner, the rest are
// here, each covered by at most `capacity` reads.
//
// Memory: at most `capacity` bytes per position beyond the frontier (one per read reaching it).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cutover {

class PositionTail {
 public:
  explicit PositionTail(size_t capacity) : capacity_(capacity) {}
  PositionTail(const PositionTail&) = delete;
  PositionTail& operator=(const PositionTail&) = delete;

  size_t frontier() const { return frontier_; }
  // The longest read added (0 when none reached beyond the frontier).
  size_t longest() const { return longest_; }

  // Keeps the bytes of `read` from frontier() on (nothing if it is not longer). If more than
  // `capacity` reads then extend beyond the frontier, moves it to the shortest of them, calling
  // promote(position, bytes) for each kept read with its bytes from the old frontier (at
  // `position`) to the new one, before those bytes are dropped.
  template <typename Promote>
  void Add(std::string_view read, Promote&& promote) {
    if (read.size() <= frontier_) return;
    longest_ = std::max(longest_, read.size());
    kept_.push_back({frontier_, std::string(read.substr(frontier_))});
    while (kept_.size() > capacity_) {
      size_t next = kept_.front().end();
      for (const Kept& k : kept_) next = std::min(next, k.end());
      for (const Kept& k : kept_) promote(frontier_, k.View(frontier_, next));
      frontier_ = next;
      DropBefore(next);
    }
  }

  // Calls fn(position, column) for each position from frontier() to longest() - 1, in order;
  // `column` holds the byte at that position of every kept read covering it (in no set order).
  template <typename Fn>
  void ForEachColumn(Fn&& fn) const {
    std::vector<const Kept*> by_length;
    for (const Kept& k : kept_) by_length.push_back(&k);
    std::sort(by_length.begin(), by_length.end(),
              [](const Kept* a, const Kept* b) { return a->end() > b->end(); });
    std::string column;
    size_t covering = by_length.size();
    for (size_t p = frontier_; p < longest_; ++p) {
      while (covering > 0 && by_length[covering - 1]->end() <= p) --covering;
      column.clear();
      for (size_t i = 0; i < covering; ++i) column.push_back(by_length[i]->At(p));
      fn(p, std::string_view(column));
    }
  }

 private:
  struct Kept {
    size_t origin;      // the position of bytes[0]
    std::string bytes;  // the read's bytes from origin to its end
    size_t end() const { return origin + bytes.size(); }
    char At(size_t position) const { return bytes[position - origin]; }
    std::string_view View(size_t from, size_t to) const {
      return std::string_view(bytes).substr(from - origin, to - from);
    }
  };
  // Drops reads that end at or before `position`; frees the bytes before it once they are most
  // of a read's (so that moving the frontier costs amortised constant time per byte).
  void DropBefore(size_t position);

  const size_t capacity_;
  size_t frontier_ = 0;
  size_t longest_ = 0;
  std::vector<Kept> kept_;  // at most capacity_ reads, each longer than frontier_
};

}  // namespace cutover
