// The legacy records one `bam` pass holds, found by their pairing key (alignment_record.h).
//
// A pass of 4M records probes its table at random once per record of each file, so the table is
// laid out for that: an open-addressing index of 8-byte slots (32 bits of the key and the
// entry's number; a 64-byte cache line holds 8) over the entries in the order held, each entry
// a cache line with its full key. Both live in anonymous memory the kernel is asked to back with
// huge pages (transparent huge pages, where enabled): a few hundred page faults rather than
// ~100,000 as the pass first touches it, and far fewer TLB misses. Prefetch calls let the caller
// start loading a key's slots, then its entry, a few records before it needs them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <span>
#include <utility>
#include <vector>

#include "compare/alignment_record.h"
#include "util/status.h"

namespace cutover {

// A legacy record held in a pass, in one 64-byte cache line: its summary with positions, TLEN
// and record number in 32 bits, as a BAM file has them. A record whose values do not fit (SAM
// or CRAM on a contig longer than 2^31 bases, or the 2^32nd record of a file) keeps them in its
// table's list of wide records instead; AlignmentTable::Store and Summary pack and unpack.
struct HeldAlignment {
  uint64_t key = 0;  // its pairing key
  uint64_t cigar = 0;
  uint64_t tags = 0;
  uint64_t all_tags = 0;
  int32_t pos = -1;
  int32_t mpos = -1;
  int32_t tlen = 0;
  int32_t tid = -1;
  int32_t mtid = -1;
  uint32_t number = 0;  // legacy record number (the first copy's); wide: the index of its values
  // Legacy copies not yet paired: a primary record's is 1 until a new record pairs it.
  // Secondary and supplementary records are keyed by their content too, so their copies are
  // identical records (each new copy takes one).
  int32_t copies = 0;
  uint16_t flag = 0;
  uint8_t mapq = 0;
  bool wide = false;
};
static_assert(sizeof(HeldAlignment) == 64);

// Anonymous memory, mapped by Map and unmapped on destruction, zero-filled by the kernel as it
// is first touched; asked to be backed by huge pages. Movable.
class MappedRegion {
 public:
  MappedRegion() = default;
  // kFailed when the memory cannot be mapped.
  static Result<MappedRegion> Map(size_t bytes);
  ~MappedRegion();
  MappedRegion(MappedRegion&& other) noexcept { *this = std::move(other); }
  MappedRegion& operator=(MappedRegion&& other) noexcept;
  MappedRegion(const MappedRegion&) = delete;
  MappedRegion& operator=(const MappedRegion&) = delete;

  // Grows the region to at least `bytes`, keeping its content (it may move: data() changes).
  // kFailed when the memory cannot be mapped (the region is then as it was).
  Status Grow(size_t bytes);

  void* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Not thread-safe.
class AlignmentTable {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // A table for at most `max_entries` entries, its memory sized for `expected` of them (it
  // grows past that). kFailed when the memory cannot be mapped.
  static Result<AlignmentTable> Create(size_t max_entries, size_t expected);

  // Starts loading the slots where `key` is, or would be, held.
  void PrefetchSlots(uint64_t key) const { __builtin_prefetch(&slots_[key & mask_]); }
  // Starts loading entry `entry` (a number Find returned, not kNone): one cache line.
  void PrefetchEntry(size_t entry) const { __builtin_prefetch(&entries_[entry]); }

  // The number of the entry held under `key`, or kNone.
  size_t Find(uint64_t key) const {
    const uint32_t tag = Tag(key);
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.entry == 0) return kNone;
      if (s.tag == tag && entries_[s.entry - 1].key == key) return s.entry - 1;
    }
  }

  // Whether one more entry needs Grow first: when its slots would be more than 3/4 full, or
  // its entries' memory is full.
  bool Full() const { return (size_ + 1) * 4 > (mask_ + 1) * 3 || size_ >= capacity_; }
  // Doubles the slots or the entries' memory, whichever is full (kFailed when the memory cannot
  // be mapped); kFailed when the table holds max_entries already. Entry references and
  // pointers are then void; entry numbers stay.
  Status Grow();

  // The entry held under `key` and false; or a new entry (default values, its key set) and
  // true. Only when !Full().
  std::pair<HeldAlignment*, bool> Hold(uint64_t key) {
    const uint32_t tag = Tag(key);
    size_t i = key & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.entry == 0) break;
      if (s.tag == tag && entries_[s.entry - 1].key == key) return {&entries_[s.entry - 1], false};
    }
    slots_[i] = Slot{tag, static_cast<uint32_t>(size_ + 1)};
    HeldAlignment* held = new (&entries_[size_++]) HeldAlignment{};
    held->key = key;
    return {held, true};
  }

  HeldAlignment& entry(size_t entry) { return entries_[entry]; }
  // Stores a record's summary and number in its (new) entry.
  void Store(HeldAlignment* held, const AlignmentSummary& summary, int64_t number);
  // What Store stored.
  AlignmentSummary Summary(const HeldAlignment& held) const;
  int64_t Number(const HeldAlignment& held) const {
    return held.wide ? wide_[held.number].number : held.number;
  }
  size_t size() const { return size_; }
  // Every entry held, in the order held.
  std::span<HeldAlignment> held() { return {entries_, size_}; }

 private:
  struct WideAlignment {
    AlignmentSummary summary;
    int64_t number = 0;
  };
  struct Slot {
    uint32_t tag = 0;    // the key's high 32 bits (its low bits place it)
    uint32_t entry = 0;  // 1-based entry number; 0: empty
  };
  static uint32_t Tag(uint64_t key) { return static_cast<uint32_t>(key >> 32); }

  MappedRegion slot_memory_;
  MappedRegion entry_memory_;
  Slot* slots_ = nullptr;
  size_t mask_ = 0;  // slots - 1 (a power of two)
  HeldAlignment* entries_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;  // entries the entries' memory holds
  size_t max_entries_ = 0;
  std::vector<WideAlignment> wide_;
};

}  // namespace cutover
