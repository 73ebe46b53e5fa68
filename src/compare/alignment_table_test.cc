#include "compare/alignment_table.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <unordered_map>

namespace cutover {
namespace {

TEST(AlignmentTableTest, HoldsFindsAndKeepsTheOrderHeld) {
  auto t = AlignmentTable::Create(100, 4);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->Find(42), AlignmentTable::kNone);
  auto [a, inserted] = t->Hold(42);
  ASSERT_TRUE(inserted);
  EXPECT_EQ(a->key, 42u);
  EXPECT_EQ(a->copies, 0);
  EXPECT_EQ(a->pos, -1);  // default values
  a->number = 7;
  auto [again, inserted_again] = t->Hold(42);
  EXPECT_FALSE(inserted_again);
  EXPECT_EQ(again->number, 7);
  ASSERT_EQ(t->Find(42), 0u);
  EXPECT_EQ(t->entry(0).number, 7);
  EXPECT_EQ(t->size(), 1u);
}

TEST(AlignmentTableTest, KeysSharingTheirLowOrHighBitsStayApart) {
  auto t = AlignmentTable::Create(100, 8);
  ASSERT_TRUE(t.ok());
  // The same slot (low bits), the same tag (high bits), or both but for one bit.
  const uint64_t keys[] = {0x0000000100000005, 0x0000000200000005, 0x0000000100000015,
                           0x0000000300000005, 0x8000000100000005};
  for (uint64_t k : keys) {
    if (t->Full()) {
      ASSERT_TRUE(t->Grow().ok());
    }
    EXPECT_TRUE(t->Hold(k).second);
  }
  for (size_t i = 0; i < std::size(keys); ++i) EXPECT_EQ(t->Find(keys[i]), i);
  EXPECT_EQ(t->Find(0x0000000400000005), AlignmentTable::kNone);
}

TEST(AlignmentTableTest, GrowsPastItsExpectedSizeUpToItsMaximum) {
  const size_t max = 100'000;  // entries' memory of more than one huge page: moved as it grows
  auto t = AlignmentTable::Create(max, 10);
  ASSERT_TRUE(t.ok());
  std::mt19937_64 random(1);
  std::unordered_map<uint64_t, size_t> held;
  while (held.size() < max) {
    const uint64_t k = random() & 0xffff0000000fffffULL;  // many equal tags and home slots
    if (t->Full()) {
      ASSERT_TRUE(t->Grow().ok()) << held.size();
    }
    auto [e, inserted] = t->Hold(k);
    EXPECT_EQ(inserted, !held.contains(k));
    if (inserted) {
      e->number = static_cast<int64_t>(held.size());
      held[k] = held.size();
    }
  }
  EXPECT_EQ(t->size(), max);
  for (const auto& [k, n] : held) {
    const size_t e = t->Find(k);
    ASSERT_NE(e, AlignmentTable::kNone);
    EXPECT_EQ(t->entry(e).number, static_cast<int64_t>(n));
    EXPECT_EQ(e, n);
  }
  EXPECT_TRUE(t->Full());
  EXPECT_FALSE(t->Grow().ok());  // max_entries held
  size_t n = 0;
  for (const HeldAlignment& h : t->held()) EXPECT_EQ(h.number, static_cast<int64_t>(n++));
}

AlignmentSummary Sample(int64_t pos, int64_t mpos, int64_t tlen) {
  AlignmentSummary s;
  s.cigar = 1;
  s.tags = 2;
  s.all_tags = 3;
  s.pos = pos;
  s.mpos = mpos;
  s.tlen = tlen;
  s.tid = 4;
  s.mtid = 70000;
  s.flag = 0x893;
  s.mapq = 255;
  return s;
}

void ExpectSame(const AlignmentSummary& a, const AlignmentSummary& b) {
  EXPECT_EQ(a.cigar, b.cigar);
  EXPECT_EQ(a.tags, b.tags);
  EXPECT_EQ(a.all_tags, b.all_tags);
  EXPECT_EQ(a.pos, b.pos);
  EXPECT_EQ(a.mpos, b.mpos);
  EXPECT_EQ(a.tlen, b.tlen);
  EXPECT_EQ(a.tid, b.tid);
  EXPECT_EQ(a.mtid, b.mtid);
  EXPECT_EQ(a.flag, b.flag);
  EXPECT_EQ(a.mapq, b.mapq);
  EXPECT_EQ(DiffFields(a, b, 0), 0u);
}

TEST(AlignmentTableTest, StoresSummariesWhateverTheirPositionsAndNumbers) {
  auto t = AlignmentTable::Create(100, 10);
  ASSERT_TRUE(t.ok());
  const int64_t max32 = std::numeric_limits<int32_t>::max();
  const int64_t min32 = std::numeric_limits<int32_t>::min();
  const struct {
    AlignmentSummary summary;
    int64_t number;
    bool wide;
  } cases[] = {
      {Sample(100, 300, 350), 1, false},
      {Sample(-1, -1, 0), 2, false},
      {Sample(max32, max32, min32), std::numeric_limits<uint32_t>::max(), false},
      {Sample(max32 + 1, 5, 5), 3, true},         // a SAM record on a long contig
      {Sample(5, 3'000'000'000, 5), 4, true},     // its mate there
      {Sample(5, 5, min32 - 1), 5, true},         // TLEN beyond 32 bits
      {Sample(5, 5, 5), int64_t{5} << 32, true},  // the 2^34th record
  };
  uint64_t key = 1;
  for (const auto& c : cases) {
    HeldAlignment* h = t->Hold(key++).first;
    t->Store(h, c.summary, c.number);
    h->copies = 1;
    EXPECT_EQ(h->wide, c.wide) << c.number;
  }
  key = 1;
  for (const auto& c : cases) {
    const HeldAlignment& h = t->entry(t->Find(key++));
    ExpectSame(t->Summary(h), c.summary);
    EXPECT_EQ(t->Number(h), c.number);
    EXPECT_EQ(h.copies, 1);
  }
}

TEST(AlignmentTableTest, MovingKeepsTheEntries) {
  auto t = AlignmentTable::Create(10, 10);
  ASSERT_TRUE(t.ok());
  t->Hold(3).first->number = 9;
  AlignmentTable moved = std::move(*t);
  ASSERT_EQ(moved.Find(3), 0u);
  EXPECT_EQ(moved.entry(0).number, 9);
}

TEST(AlignmentTableTest, TooManyEntriesForItsSlots) {
  EXPECT_FALSE(AlignmentTable::Create(size_t{1} << 32, 10).ok());
}

}  // namespace
}  // namespace cutover
