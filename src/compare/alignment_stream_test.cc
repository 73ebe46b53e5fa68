#include "compare/alignment_stream.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "compare/partitioned_matcher.h"
#include "testing/shell.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

const char kHeader[] = "@HD\tVN:1.6\tSO:unsorted\n@SQ\tSN:chr1\tLN:100000\n";

// Read i: "r<i>", unpaired, at position i, secondary when i % 10 == 0.
std::string Rec(int i, const std::string& tags = "NM:i:0") {
  return "r" + std::to_string(i) + "\t" + (i % 10 == 0 ? "256" : "0") + "\tchr1\t" +
         std::to_string(i) + "\t60\t4M\t*\t0\t0\tACGT\tIIII\t" + tags + "\n";
}

std::string Reads(int n) {
  std::string sam = kHeader;
  for (int i = 1; i <= n; ++i) sam += Rec(i);
  return sam;
}

class AlignmentStreamTest : public ::testing::Test {
 protected:
  AlignmentReader Open(const std::filesystem::path& path) {
    auto r = AlignmentReader::Open(path);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(*r);
  }
  TestTempDir dir_;
  TagTable tags_{TagFilter{}};
};

TEST_F(AlignmentStreamTest, HandsOverEveryRecordInOrderInBatches) {
  const int n = 5000;  // more than two batches
  const auto sam = dir_.Write("a.sam", Reads(n));
  AlignmentCheckpoints checkpoints;
  AlignmentStream s(Open(sam), ContigMap(), tags_, {}, &checkpoints);
  int64_t next = 1;
  size_t batches = 0;
  while (const AlignmentBatch* b = s.Next()) {
    ++batches;
    ASSERT_FALSE(b->records.empty());
    EXPECT_LE(b->records.size(), AlignmentStream::kBatchRecords);
    for (const StreamedAlignment& r : b->records) {
      ASSERT_EQ(r.number, next);
      EXPECT_EQ(std::string(b->name(r)), "r" + std::to_string(next));
      EXPECT_EQ(r.summary.pos, next - 1);
      ++next;
    }
  }
  EXPECT_EQ(next, n + 1);
  EXPECT_EQ(batches, 3u);
  EXPECT_TRUE(s.status().ok());
  EXPECT_EQ(s.records(), n);
  EXPECT_EQ(s.reads(), n - n / 10);  // secondary records are not reads
  EXPECT_EQ(s.Next(), nullptr);      // and stays at the end
}

TEST_F(AlignmentStreamTest, PartitionsShareTheRecordsOutByKey) {
  const auto sam = dir_.Write("a.sam", Reads(3000));
  std::set<int64_t> seen;
  for (int64_t p = 0; p < 3; ++p) {
    AlignmentCheckpoints checkpoints;
    AlignmentStream s(Open(sam), ContigMap(), tags_, {p, 3}, &checkpoints);
    while (const AlignmentBatch* b = s.Next()) {
      for (const StreamedAlignment& r : b->records) {
        EXPECT_EQ(KeyHash::From64(r.key).partition % 3, static_cast<uint64_t>(p));
        EXPECT_TRUE(seen.insert(r.number).second);
      }
    }
    EXPECT_EQ(s.records(), 3000);  // every partition's records are counted
  }
  EXPECT_EQ(seen.size(), 3000u);
}

TEST_F(AlignmentStreamTest, AnErrorComesAfterTheRecordsBeforeIt) {
  std::string sam = kHeader;
  for (int i = 1; i <= 3000; ++i) sam += Rec(i);
  sam += Rec(3001, "NM:i:0\tXX:B:A,1");  // an array of characters: not a valid B subtype
  for (int i = 3002; i <= 3100; ++i) sam += Rec(i);
  const auto path = dir_.Write("a.sam", sam);
  AlignmentCheckpoints checkpoints;
  AlignmentStream s(Open(path), ContigMap(), tags_, {}, &checkpoints);
  int64_t last = 0;
  while (const AlignmentBatch* b = s.Next()) last = b->records.back().number;
  EXPECT_EQ(last, 3000);
  ASSERT_FALSE(s.status().ok());
  EXPECT_NE(s.status().message().find("record 3001 (line 3003)"), std::string::npos)
      << s.status().message();
}

TEST_F(AlignmentStreamTest, ADestroyedStreamStopsItsThread) {
  const auto sam = dir_.Write("a.sam", Reads(20000));
  AlignmentCheckpoints checkpoints;
  {
    AlignmentStream s(Open(sam), ContigMap(), tags_, {}, &checkpoints);
    ASSERT_NE(s.Next(), nullptr);  // the thread waits for room, several batches ahead
  }
  { AlignmentStream untouched(Open(sam), ContigMap(), tags_, {}, &checkpoints); }
}

}  // namespace
}  // namespace cutover
