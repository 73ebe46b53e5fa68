// Matching the records of two inputs by key in bounded memory, by hash partitioning.
//
// The key space is split by key hash into P partitions and the inputs are read once per
// partition (a pass), each pass holding only its partition's entries in a hash table, so one
// pass's memory is bounded by one partition whatever the input size. Two ways to choose P:
//   - max_held set: P starts at `partitions`; a pass that comes to hold more than max_held
//     entries ends, P grows `growth`-fold and matching starts over from the first partition
//     (for a caller that cannot know the number of keys before reading them);
//   - max_held 0: P is the caller's (sized from counts it already has), passes never end early
//     unless the caller ends one (MatchPass::Overflow: a budget of its own, in bytes say).
// The caller reads its inputs in each pass and decides what to hold: typically one input's
// records under unique keys (holding a key twice is a duplicate), probed with the other's; or
// both inputs' keys, counted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "util/status.h"

namespace cutover {

// A key's hash, as two independent 64-bit values: `slot` places the key in the hash table,
// `partition` chooses its pass (independent bits, so one partition's keys still spread evenly
// over the table). Equal keys must have equal KeyHashes.
struct KeyHash {
  uint64_t slot = 0;
  uint64_t partition = 0;
  // Both from one 64-bit hash: the slot from all of it, the partition from its high 32 bits.
  static KeyHash From64(uint64_t h) { return {h, h >> 32}; }
};

struct PartitionOptions {
  // Entries one pass may hold before P grows and matching starts over; 0: no limit, P stays.
  int64_t max_held = 0;
  int64_t partitions = 1;  // P of the first attempt (>= 1)
  int64_t growth = 4;      // P's factor after a pass overflows (>= 2)
  // P no attempt may exceed: a pass that overflows at P beyond max_partitions / growth ends the
  // run with an error instead of another attempt. Random keys never need so many (at
  // 4,000,000 entries a pass, 65,536 passes hold 2.6e11); keys whose hashes collide (more than
  // max_held of them with equal `partition`) would need them for ever.
  int64_t max_partitions = int64_t{1} << 16;
  // Entries expected over all partitions, 0 if unknown: each pass's table starts sized for its
  // share (at most max_held), so it rarely grows. A hint; never a limit.
  int64_t expected_entries = 0;
};

// An open-addressing index from key hashes to entry numbers (the entries live elsewhere):
// compact and cache-friendly next to a node-based map. Not thread-safe.
class HashSlots {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // Room for `expected` entries before the first Grow.
  explicit HashSlots(size_t expected);

  // Looks up hash `h`: returns the entry number of the first entry stored under `h` for which
  // same(entry) is true, or kNone; *free is then the slot where Put may store it.
  template <typename Same>
  size_t Find(uint64_t h, Same same, size_t* free) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.entry == 0) {
        *free = i;
        return kNone;
      }
      if (s.hash == h && same(s.entry - 1)) return s.entry - 1;
    }
  }
  // Stores entry number `entry` under `h` in the slot Find returned (no Grow in between).
  void Put(size_t free, uint64_t h, size_t entry) { slots_[free] = Slot{h, entry + 1}; }
  // Whether one more entry than `entries` would fill more than half of the slots.
  bool Full(size_t entries) const { return (entries + 1) * 2 > slots_.size(); }
  // Doubles the slots, keeping every entry.
  void Grow();

 private:
  struct Slot {
    uint64_t hash = 0;
    size_t entry = 0;  // 1-based entry number; 0: empty
  };
  std::vector<Slot> slots_;
};

// One pass: the entries of one partition. Held: what the caller keeps per key (its key bytes
// too, when the key hash alone is not to be trusted); default-constructible. Not thread-safe.
template <typename Held>
class MatchPass {
 public:
  MatchPass(int64_t partition, int64_t partitions, int64_t max_held, size_t expected)
      : partition_(partition), partitions_(partitions), max_held_(max_held), slots_(expected) {
    entries_.reserve(expected);
  }

  int64_t partition() const { return partition_; }
  int64_t partitions() const { return partitions_; }
  // Whether the key belongs to this pass; keys of other partitions are skipped.
  bool Owns(KeyHash h) const {
    return h.partition % static_cast<uint64_t>(partitions_) == static_cast<uint64_t>(partition_);
  }

  // The entry held for the key (hash `h` and same_key(entry) true), or null. Entry pointers stay
  // valid until the next Hold.
  template <typename SameKey>
  Held* Find(KeyHash h, SameKey same_key) {
    size_t free = 0;
    const size_t i = slots_.Find(h.slot, [&](size_t e) { return same_key(entries_[e]); }, &free);
    return i == HashSlots::kNone ? nullptr : &entries_[i];
  }
  // Holds a new (default-constructed) entry for the key and returns it with true; or, when the
  // key is already held, that entry with false. A new entry beyond max_held sets overflowed():
  // the caller should end the pass, whose results are void.
  template <typename SameKey>
  std::pair<Held*, bool> Hold(KeyHash h, SameKey same_key) {
    if (slots_.Full(entries_.size())) slots_.Grow();
    size_t free = 0;
    const size_t i = slots_.Find(h.slot, [&](size_t e) { return same_key(entries_[e]); }, &free);
    if (i != HashSlots::kNone) return {&entries_[i], false};
    slots_.Put(free, h.slot, entries_.size());
    entries_.emplace_back();
    if (max_held_ > 0 && static_cast<int64_t>(entries_.size()) > max_held_) overflowed_ = true;
    return {&entries_.back(), true};
  }

  // Ends the pass by the caller's own measure (bytes held, say): as an entry beyond max_held
  // would, so P grows and matching starts over.
  void Overflow() { overflowed_ = true; }
  bool overflowed() const { return overflowed_; }
  size_t size() const { return entries_.size(); }
  // Every entry held, in the order held.
  std::vector<Held>& held() { return entries_; }

 private:
  const int64_t partition_;
  const int64_t partitions_;
  const int64_t max_held_;
  HashSlots slots_;
  std::vector<Held> entries_;
  bool overflowed_ = false;
};

// The table size one pass starts with: its share of options.expected_entries, at most max_held.
size_t PassCapacity(const PartitionOptions& options, int64_t partitions);

// Drives the passes. Not thread-safe; one Run per matcher.
template <typename Held>
class PartitionedMatcher {
 public:
  explicit PartitionedMatcher(PartitionOptions options) : options_(options) {}

  // Calls begin_attempt(P) (the caller resets what it tallied), then pass(MatchPass<Held>&) ->
  // Status for partitions 0..P-1, each with an empty table. After a pass that overflowed, starts
  // over with P * growth, unless that is beyond max_partitions (an error: the entries cannot be
  // split so finely). Returns the first error a pass returns, at once.
  template <typename BeginAttempt, typename Pass>
  Status Run(BeginAttempt begin_attempt, Pass pass) {
    int64_t partitions = options_.partitions;
    while (true) {
      begin_attempt(partitions);
      bool overflowed = false;
      const size_t capacity = PassCapacity(options_, partitions);
      for (int64_t p = 0; p < partitions && !overflowed; ++p) {
        MatchPass<Held> one(p, partitions, options_.max_held, capacity);
        CUTOVER_RETURN_IF_ERROR(pass(one));
        overflowed = one.overflowed();
      }
      if (!overflowed) {
        passes_ = partitions;
        return Status::Ok();
      }
      if (partitions > options_.max_partitions / options_.growth) {
        return Status::Failed(fmt::format(
            "matching would need more than {} passes over the files: more records share a key "
            "hash than one pass may hold (raise the comparator's records_per_pass or "
            "sites_per_pass)",
            options_.max_partitions));
      }
      partitions *= options_.growth;
    }
  }

  // P of the attempt that finished: how many passes over the inputs it took.
  int64_t passes() const { return passes_; }

 private:
  const PartitionOptions options_;
  int64_t passes_ = 0;
};

}  // namespace cutover
