#include "compare/alignment_table.h"

#include <fmt/format.h>
#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <limits>

namespace cutover {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t SlotsFor(size_t entries) {
  size_t slots = 16;
  while (slots * 3 < entries * 4 + 4) slots <<= 1;  // at most 3/4 full
  return slots;
}

}  // namespace

Result<MappedRegion> MappedRegion::Map(size_t bytes) {
  MappedRegion region;
  if (bytes == 0) return region;
  // Rounded up to whole huge pages: the kernel backs only whole, aligned ones with huge pages.
  const size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* data = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED) {
    return Status::FromErrno(fmt::format("mapping {} MB for the pass's records", size >> 20),
                             errno);
  }
  // Advice only: without transparent huge pages the region stays in ordinary pages.
  (void)::madvise(data, size, MADV_HUGEPAGE);
  region.data_ = data;
  region.size_ = size;
  return region;
}

Status MappedRegion::Grow(size_t bytes) {
  if (bytes <= size_) return Status::Ok();
  if (data_ == nullptr) {
    CUTOVER_ASSIGN_OR_RETURN(*this, Map(bytes));
    return Status::Ok();
  }
  const size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* data = ::mremap(data_, size_, size, MREMAP_MAYMOVE);
  if (data == MAP_FAILED) {
    return Status::FromErrno(fmt::format("growing the pass's records to {} MB", size >> 20), errno);
  }
  (void)::madvise(data, size, MADV_HUGEPAGE);
  data_ = data;
  size_ = size;
  return Status::Ok();
}

MappedRegion::~MappedRegion() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

MappedRegion& MappedRegion::operator=(MappedRegion&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Result<AlignmentTable> AlignmentTable::Create(size_t max_entries, size_t expected) {
  if (max_entries >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument(fmt::format("a pass may hold at most {} records",
                                               std::numeric_limits<uint32_t>::max() - 1));
  }
  AlignmentTable t;
  t.max_entries_ = max_entries;
  expected = std::min(expected, max_entries);
  // Room for a few more than expected (a file-size estimate, often a little short).
  t.capacity_ = std::min(max_entries, std::max<size_t>(expected + expected / 8, 1024));
  CUTOVER_ASSIGN_OR_RETURN(t.entry_memory_, MappedRegion::Map(t.capacity_ * sizeof(HeldAlignment)));
  t.entries_ = static_cast<HeldAlignment*>(t.entry_memory_.data());
  t.capacity_ = std::min(max_entries, t.entry_memory_.size() / sizeof(HeldAlignment));
  const size_t slots = SlotsFor(expected);
  CUTOVER_ASSIGN_OR_RETURN(t.slot_memory_, MappedRegion::Map(slots * sizeof(Slot)));
  t.slots_ = static_cast<Slot*>(t.slot_memory_.data());
  t.mask_ = slots - 1;
  return t;
}

void AlignmentTable::Store(HeldAlignment* held, const AlignmentSummary& summary, int64_t number) {
  auto fits = [](int64_t v) {
    return v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max();
  };
  held->cigar = summary.cigar;
  held->tags = summary.tags;
  held->all_tags = summary.all_tags;
  held->tid = summary.tid;
  held->mtid = summary.mtid;
  held->flag = summary.flag;
  held->mapq = summary.mapq;
  held->wide = !fits(summary.pos) || !fits(summary.mpos) || !fits(summary.tlen) || number < 0 ||
               number > std::numeric_limits<uint32_t>::max();
  if (held->wide) {
    held->number = static_cast<uint32_t>(wide_.size());
    wide_.push_back({summary, number});
    return;
  }
  held->pos = static_cast<int32_t>(summary.pos);
  held->mpos = static_cast<int32_t>(summary.mpos);
  held->tlen = static_cast<int32_t>(summary.tlen);
  held->number = static_cast<uint32_t>(number);
}

AlignmentSummary AlignmentTable::Summary(const HeldAlignment& held) const {
  if (held.wide) return wide_[held.number].summary;
  AlignmentSummary s;
  s.cigar = held.cigar;
  s.tags = held.tags;
  s.all_tags = held.all_tags;
  s.pos = held.pos;
  s.mpos = held.mpos;
  s.tlen = held.tlen;
  s.tid = held.tid;
  s.mtid = held.mtid;
  s.flag = held.flag;
  s.mapq = held.mapq;
  return s;
}

Status AlignmentTable::Grow() {
  if (size_ >= max_entries_) {
    return Status::Failed(fmt::format("the table holds its {} records already", max_entries_));
  }
  if (size_ >= capacity_) {
    CUTOVER_RETURN_IF_ERROR(
        entry_memory_.Grow(std::min(capacity_ * 2, max_entries_) * sizeof(HeldAlignment)));
    entries_ = static_cast<HeldAlignment*>(entry_memory_.data());
    capacity_ = std::min(max_entries_, entry_memory_.size() / sizeof(HeldAlignment));
  }
  if ((size_ + 1) * 4 <= (mask_ + 1) * 3) return Status::Ok();
  const size_t slots = (mask_ + 1) * 2;
  CUTOVER_ASSIGN_OR_RETURN(MappedRegion memory, MappedRegion::Map(slots * sizeof(Slot)));
  Slot* grown = static_cast<Slot*>(memory.data());
  const size_t mask = slots - 1;
  for (size_t e = 0; e < size_; ++e) {
    const uint64_t key = entries_[e].key;
    size_t i = key & mask;
    while (grown[i].entry != 0) i = (i + 1) & mask;
    grown[i] = Slot{Tag(key), static_cast<uint32_t>(e + 1)};
  }
  slot_memory_ = std::move(memory);
  slots_ = grown;
  mask_ = mask;
  return Status::Ok();
}

}  // namespace cutover
