#include "qc/position_tail.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace cutover {
namespace {

// What an owner does: counts positions before the frontier itself, hands the rest to the tail.
struct Owner {
  explicit Owner(size_t capacity) : tail(capacity) {}
  void Add(const std::string& read) {
    const size_t counted_here = std::min(read.size(), tail.frontier());
    for (size_t p = 0; p < counted_here; ++p) Count(p, read[p]);
    tail.Add(read, [&](size_t position, std::string_view bytes) {
      EXPECT_LE(position + bytes.size(), tail.frontier() + bytes.size());
      for (size_t i = 0; i < bytes.size(); ++i) Count(position + i, bytes[i]);
    });
  }
  void Count(size_t p, char c) {
    if (p >= counted.size()) counted.resize(p + 1);
    counted[p].push_back(c);
  }
  PositionTail tail;
  std::vector<std::string> counted;  // per position, the bytes the owner counted
};

TEST(PositionTailTest, EveryByteIsCountedByTheOwnerOrKeptExactlyOnce) {
  std::mt19937 rng(11);
  for (size_t capacity : {1u, 2u, 5u, 100u}) {
    Owner owner(capacity);
    std::vector<std::string> reads;
    for (int i = 0; i < 600; ++i) {
      std::string read(rng() % 3 == 0 ? rng() % 3000 : rng() % 300, 'x');
      for (char& c : read) c = static_cast<char>('A' + rng() % 26);
      reads.push_back(read);
      owner.Add(read);
    }
    size_t longest = 0;
    for (const std::string& r : reads) longest = std::max(longest, r.size());
    EXPECT_EQ(owner.tail.longest(), longest);
    std::vector<std::string> kept(longest);
    size_t next = owner.tail.frontier();
    owner.tail.ForEachColumn([&](size_t p, std::string_view column) {
      EXPECT_EQ(p, next++);
      EXPECT_LE(column.size(), capacity);
      kept[p] = std::string(column);
    });
    EXPECT_EQ(next, std::max(longest, owner.tail.frontier()));
    for (size_t p = 0; p < longest; ++p) {
      std::string expected;
      for (const std::string& r : reads) {
        if (p < r.size()) expected.push_back(r[p]);
      }
      std::string seen = p < owner.counted.size() ? owner.counted[p] : "";
      if (p < owner.tail.frontier()) {
        EXPECT_TRUE(kept[p].empty());
        EXPECT_GT(seen.size(), capacity) << "position " << p;
      }
      seen += kept[p];
      std::sort(expected.begin(), expected.end());
      std::sort(seen.begin(), seen.end());
      ASSERT_EQ(seen, expected) << "capacity " << capacity << ", position " << p;
    }
  }
}

TEST(PositionTailTest, OneLongReadStaysWhole) {
  PositionTail tail(100);
  int promoted = 0;
  tail.Add(std::string(1'000'000, 'G'), [&](size_t, std::string_view) { ++promoted; });
  EXPECT_EQ(promoted, 0);
  EXPECT_EQ(tail.frontier(), 0u);
  EXPECT_EQ(tail.longest(), 1'000'000u);
  size_t columns = 0;
  tail.ForEachColumn([&](size_t, std::string_view column) { columns += column == "G"; });
  EXPECT_EQ(columns, 1'000'000u);
}

}  // namespace
}  // namespace cutover
