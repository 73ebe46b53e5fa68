// The first few differences of a comparison, in memory bounded by how many are listed.
//
// A comparator meets differences in whatever order its passes read them (one hash partition at
// a time, say) but lists the first `limit` of them in file order, while counting all of them.
// DifferenceList keeps exactly those: of everything offered, the `limit` lowest ranks, ties
// kept in the order offered. It holds at most `limit` items at any time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace cutover {

// Where a difference sorts among the listed ones: by `major`, then by `minor`.
struct DifferenceRank {
  int64_t major = 0;
  int64_t minor = 0;
  bool operator==(const DifferenceRank&) const = default;
  bool operator<(const DifferenceRank& o) const {
    return major != o.major ? major < o.major : minor < o.minor;
  }
};

// T: what the caller lists (a Difference, or what it needs to build one later); movable.
// Not thread-safe.
template <typename T>
class DifferenceList {
 public:
  explicit DifferenceList(size_t limit) : limit_(limit) {}

  size_t limit() const { return limit_; }
  size_t size() const { return heap_.size(); }

  // Whether an item of this rank offered now would be kept: callers may skip building an item
  // that would not be.
  bool WouldKeep(DifferenceRank rank) const {
    return heap_.size() < limit_ || (!heap_.empty() && rank < heap_.front().rank);
  }

  // Keeps `item` while it is among the `limit` lowest ranks offered; the item it displaces, if
  // any, is dropped.
  void Offer(DifferenceRank rank, T item) {
    if (!WouldKeep(rank)) return;
    if (heap_.size() == limit_) {
      std::pop_heap(heap_.begin(), heap_.end(), Earlier);
      heap_.pop_back();
    }
    heap_.push_back(Entry{rank, offered_++, std::move(item)});
    std::push_heap(heap_.begin(), heap_.end(), Earlier);
  }

  // The kept items, lowest rank first (ties in the order offered); leaves the list empty.
  std::vector<T> Take() {
    std::sort_heap(heap_.begin(), heap_.end(), Earlier);
    std::vector<T> out;
    out.reserve(heap_.size());
    for (Entry& e : heap_) out.push_back(std::move(e.item));
    heap_.clear();
    return out;
  }

 private:
  struct Entry {
    DifferenceRank rank;
    uint64_t order;  // offers before this one: breaks ties
    T item;
  };
  // Whether x ranks before y. As the heap order, it puts the entry ranked last, the first to
  // drop, at the front.
  static bool Earlier(const Entry& x, const Entry& y) {
    return x.rank != y.rank ? x.rank < y.rank : x.order < y.order;
  }

  size_t limit_;  // not const: a list may be assigned a fresh one
  uint64_t offered_ = 0;
  std::vector<Entry> heap_;
};

}  // namespace cutover
