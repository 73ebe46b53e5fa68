#include "compare/partitioned_matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "compare/difference_list.h"
#include "util/digest.h"

namespace cutover {
namespace {

struct Record {
  std::string key;
  std::string value;
};

// What joining two inputs by key found, in a stable order for comparing.
struct Joined {
  std::vector<std::string> changed, only_legacy, only_new;
  int64_t passes = 0;
  std::vector<int64_t> attempts;  // P of each attempt
  size_t most_held = 0;           // the largest table of any pass of the last attempt
  bool operator==(const Joined& o) const {
    return changed == o.changed && only_legacy == o.only_legacy && only_new == o.only_new;
  }
};

struct HeldRecord {
  std::string key;
  std::string value;
  bool matched = false;
};

// The join the comparators do: hold the legacy records of a partition under unique keys, probe
// with the new ones, then list the held records nothing matched.
Result<Joined> Join(const std::vector<Record>& legacy, const std::vector<Record>& fresh,
                    PartitionOptions options) {
  Joined out;
  PartitionedMatcher<HeldRecord> matcher(options);
  Status s = matcher.Run(
      [&](int64_t partitions) {
        std::vector<int64_t> attempts = std::move(out.attempts);
        out = Joined{};  // a new attempt: what the last one found is void
        out.attempts = std::move(attempts);
        out.attempts.push_back(partitions);
      },
      [&](MatchPass<HeldRecord>& pass) -> Status {
        for (const Record& r : legacy) {
          const KeyHash h = KeyHash::From64(StableHash64(r.key));
          if (!pass.Owns(h)) continue;
          auto [held, inserted] = pass.Hold(h, [&](const HeldRecord& e) { return e.key == r.key; });
          if (!inserted) return Status::Corruption("duplicate legacy key " + r.key);
          held->key = r.key;
          held->value = r.value;
          if (pass.overflowed()) return Status::Ok();
        }
        for (const Record& r : fresh) {
          const KeyHash h = KeyHash::From64(StableHash64(r.key));
          if (!pass.Owns(h)) continue;
          HeldRecord* held = pass.Find(h, [&](const HeldRecord& e) { return e.key == r.key; });
          if (held == nullptr) {
            out.only_new.push_back(r.key);
            continue;
          }
          held->matched = true;
          if (held->value != r.value) out.changed.push_back(r.key);
        }
        for (const HeldRecord& held : pass.held()) {
          if (!held.matched) out.only_legacy.push_back(held.key);
        }
        out.most_held = std::max(out.most_held, pass.size());
        return Status::Ok();
      });
  if (!s.ok()) return s;
  out.passes = matcher.passes();
  for (auto* v : {&out.changed, &out.only_legacy, &out.only_new}) std::sort(v->begin(), v->end());
  return out;
}

// n records "k0".."k<n-1>" with value "v"; every `changed`th one different in `fresh`.
void MakeInputs(int n, std::vector<Record>* legacy, std::vector<Record>* fresh) {
  for (int i = 0; i < n; ++i) {
    legacy->push_back({"k" + std::to_string(i), "v"});
    fresh->push_back({"k" + std::to_string(i), i % 10 == 3 ? "w" : "v"});
  }
}

TEST(PartitionedMatcherTest, OnePassPairsByKey) {
  std::vector<Record> legacy = {{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}};
  std::vector<Record> fresh = {{"d", "4"}, {"e", "5"}, {"b", "x"}, {"a", "1"}};
  PartitionOptions options;
  options.max_held = 100;
  auto j = Join(legacy, fresh, options);
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ(j->changed, std::vector<std::string>{"b"});
  EXPECT_EQ(j->only_legacy, std::vector<std::string>{"c"});
  EXPECT_EQ(j->only_new, std::vector<std::string>{"e"});
  EXPECT_EQ(j->passes, 1);
  EXPECT_EQ(j->attempts, std::vector<int64_t>{1});
}

TEST(PartitionedMatcherTest, OverflowGrowsPartitionsAndStartsOver) {
  std::vector<Record> legacy, fresh;
  MakeInputs(200, &legacy, &fresh);
  fresh.push_back({"extra", "v"});
  legacy.push_back({"gone", "v"});
  PartitionOptions one_pass;
  one_pass.max_held = 1000;
  auto whole = Join(legacy, fresh, one_pass);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->passes, 1);
  EXPECT_EQ(whole->changed.size(), 20u);
  EXPECT_EQ(whole->only_new, std::vector<std::string>{"extra"});
  EXPECT_EQ(whole->only_legacy, std::vector<std::string>{"gone"});

  PartitionOptions small;
  small.max_held = 20;  // 201 legacy records: at least 16 partitions of ~13
  auto parts = Join(legacy, fresh, small);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(*parts, *whole);  // the same answer, however many passes
  EXPECT_GE(parts->passes, 16);
  EXPECT_EQ(parts->attempts.back(), parts->passes);
  EXPECT_EQ(parts->attempts.front(), 1);
  for (size_t i = 1; i < parts->attempts.size(); ++i) {
    EXPECT_EQ(parts->attempts[i], parts->attempts[i - 1] * 4);  // fourfold each time
  }
  EXPECT_LE(parts->most_held, 20u);  // the memory bound held in every pass that counted
}

TEST(PartitionedMatcherTest, OverflowIsAtOneMoreThanTheLimit) {
  std::vector<Record> legacy = {{"a", ""}, {"b", ""}, {"c", ""}};
  PartitionOptions exact;
  exact.max_held = 3;
  auto fits = Join(legacy, legacy, exact);
  ASSERT_TRUE(fits.ok());
  EXPECT_EQ(fits->passes, 1);
  PartitionOptions under;
  under.max_held = 2;
  auto grows = Join(legacy, legacy, under);
  ASSERT_TRUE(grows.ok());
  EXPECT_GT(grows->passes, 1);
}

TEST(PartitionedMatcherTest, DifferenceCapKeepsTheFirstAcrossPartitionsAndRestarts) {
  // 300 keyed records, every 7th changed: the partitions meet them in hash order, the list
  // keeps the first 5 by record number whatever the number of passes.
  std::vector<int> changed_numbers;
  for (int64_t max_held : {1000, 30, 7}) {
    PartitionOptions options;
    options.max_held = max_held;
    PartitionedMatcher<HeldRecord> matcher(options);
    DifferenceList<int> listed(5);
    int64_t counted = 0;
    Status s = matcher.Run(
        [&](int64_t) {
          listed = DifferenceList<int>(5);
          counted = 0;
        },
        [&](MatchPass<HeldRecord>& pass) -> Status {
          for (int i = 0; i < 300; ++i) {
            const std::string key = std::to_string(i);
            const KeyHash h = KeyHash::From64(StableHash64(key));
            if (!pass.Owns(h)) continue;
            pass.Hold(h, [&](const HeldRecord& e) { return e.key == key; }).first->key = key;
            if (pass.overflowed()) return Status::Ok();
          }
          for (int i = 0; i < 300; ++i) {
            const std::string key = std::to_string(i);
            const KeyHash h = KeyHash::From64(StableHash64(key));
            if (!pass.Owns(h) || i % 7 != 5) continue;
            if (pass.Find(h, [&](const HeldRecord& e) { return e.key == key; }) == nullptr) {
              return Status::Internal("not held: " + key);
            }
            ++counted;
            listed.Offer({i, 0}, i);
          }
          return Status::Ok();
        });
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(counted, 43) << max_held;  // all counted, only 5 listed
    EXPECT_EQ(listed.Take(), (std::vector<int>{5, 12, 19, 26, 33})) << max_held;
    if (max_held == 7) {
      EXPECT_GE(matcher.passes(), 64);  // 300 keys, at most 7 a pass
    }
  }
}

TEST(PartitionedMatcherTest, FixedPartitionsNeverStartOver) {
  std::vector<Record> legacy, fresh;
  MakeInputs(100, &legacy, &fresh);
  PartitionOptions fixed;
  fixed.partitions = 7;  // max_held 0: no limit
  auto j = Join(legacy, fresh, fixed);
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->passes, 7);
  EXPECT_EQ(j->attempts, std::vector<int64_t>{7});
  EXPECT_EQ(j->changed.size(), 10u);
  EXPECT_TRUE(j->only_legacy.empty());
  EXPECT_TRUE(j->only_new.empty());
  EXPECT_LT(j->most_held, 100u);  // each pass held only its partition
}

TEST(PartitionedMatcherTest, EveryKeyBelongsToExactlyOnePass) {
  for (int64_t partitions : {1, 2, 5, 64}) {
    std::vector<int> owners(500, 0);
    for (int64_t p = 0; p < partitions; ++p) {
      MatchPass<int> pass(p, partitions, 0, 0);
      for (int i = 0; i < 500; ++i) {
        if (pass.Owns(KeyHash::From64(StableHash64(std::to_string(i))))) ++owners[i];
      }
    }
    for (int i = 0; i < 500; ++i) EXPECT_EQ(owners[i], 1) << i << " of " << partitions;
  }
}

TEST(PartitionedMatcherTest, ErrorFromAPassEndsTheRun) {
  std::vector<Record> legacy = {{"a", "1"}, {"a", "2"}};
  PartitionOptions options;
  options.max_held = 10;
  auto j = Join(legacy, {}, options);
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(j.status().message(), "duplicate legacy key a");
}

TEST(PartitionedMatcherTest, KeysThatNeverSplitEndTheRunAtMaxPartitions) {
  // Three entries whose hashes share their partition bits: however many partitions, one pass
  // holds all three, beyond max_held 2. The run stops after P 1, 4, 16 instead of going on.
  PartitionOptions options;
  options.max_held = 2;
  options.max_partitions = 16;
  PartitionedMatcher<int> matcher(options);
  std::vector<int64_t> attempts;
  int64_t passes = 0;
  Status s = matcher.Run([&](int64_t p) { attempts.push_back(p); },
                         [&](MatchPass<int>& pass) {
                           ++passes;
                           for (uint64_t slot : {1, 2, 3}) {
                             const KeyHash h{slot, 0};  // partition 0, whatever P
                             if (!pass.Owns(h)) continue;
                             pass.Hold(h, [&](int) { return false; });
                           }
                           return Status::Ok();
                         });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kFailed);
  EXPECT_NE(s.message().find("more than 16 passes"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("records_per_pass"), std::string::npos) << s.message();
  EXPECT_EQ(attempts, (std::vector<int64_t>{1, 4, 16}));
  EXPECT_EQ(passes, 3);  // the first pass of each attempt overflows
}

TEST(PartitionedMatcherTest, EqualSlotHashesAreToldApartByKey) {
  // Every key under one slot hash: lookups probe past each other and still find their own.
  MatchPass<std::string> pass(0, 1, 0, 0);
  const KeyHash same{42, 0};
  for (int i = 0; i < 100; ++i) {  // enough to make the table grow several times
    const std::string key = "key" + std::to_string(i);
    auto [held, inserted] = pass.Hold(same, [&](const std::string& e) { return e == key; });
    ASSERT_TRUE(inserted) << key;
    *held = key;
  }
  EXPECT_EQ(pass.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    const std::string key = "key" + std::to_string(i);
    const std::string* found = pass.Find(same, [&](const std::string& e) { return e == key; });
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, key);
  }
  EXPECT_EQ(pass.Find(same, [](const std::string& e) { return e == "absent"; }), nullptr);
  auto [again, inserted] = pass.Hold(same, [](const std::string& e) { return e == "key7"; });
  EXPECT_FALSE(inserted);
  EXPECT_EQ(*again, "key7");
}

TEST(PartitionedMatcherTest, HashOnlyKeysMatchOnTheHash) {
  // A caller that keeps no key bytes (same_key always true) pairs by the slot hash alone.
  MatchPass<int> pass(0, 1, 0, 0);
  auto any = [](const int&) { return true; };
  *pass.Hold({1, 0}, any).first = 10;
  *pass.Hold({2, 0}, any).first = 20;
  EXPECT_FALSE(pass.Hold({1, 0}, any).second);
  ASSERT_NE(pass.Find({2, 0}, any), nullptr);
  EXPECT_EQ(*pass.Find({2, 0}, any), 20);
  EXPECT_EQ(pass.Find({3, 0}, any), nullptr);
}

TEST(PartitionedMatcherTest, PassCapacityIsAShareBoundedByTheLimit) {
  PartitionOptions o;
  o.expected_entries = 1000;
  EXPECT_EQ(PassCapacity(o, 1), 1000u);
  EXPECT_EQ(PassCapacity(o, 4), 250u);
  o.max_held = 100;
  EXPECT_EQ(PassCapacity(o, 4), 100u);
  o.expected_entries = 0;
  EXPECT_EQ(PassCapacity(o, 4), 0u);
}

}  // namespace
}  // namespace cutover
