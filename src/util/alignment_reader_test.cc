#include "util/alignment_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/shell.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

// A SAM file of `n` unpaired reads r1..rn with long names and tags (so that a BAM of a few
// thousand of them spans several BGZF blocks).
std::string ManyReads(int n) {
  std::string sam = "@HD\tVN:1.6\tSO:unsorted\n@SQ\tSN:chr1\tLN:100000\n";
  const std::string seq(100, 'A');
  for (int i = 1; i <= n; ++i) {
    sam += "r" + std::to_string(i) + "_" + std::string(40, 'x') + "\t0\tchr1\t" +
           std::to_string(i % 90000 + 1) + "\t60\t100M\t*\t0\t0\t" + seq + "\t" +
           std::string(100, 'I') + "\tNM:i:0\tXZ:Z:" + std::to_string(i * 7919) + "\n";
  }
  return sam;
}

std::string NameOf(const AlignmentReader& r) {
  const std::string name = bam_get_qname(r.record());
  return name.substr(0, name.find('_'));
}

class AlignmentReaderTest : public ::testing::Test {
 protected:
  std::filesystem::path Bam(int n) {
    const auto sam = dir_.Write("a.sam", ManyReads(n));
    auto bam = dir_.path() / "a.bam";
    EXPECT_EQ(RunShell("samtools view -b -o " + bam.string() + " " + sam.string()), 0);
    return bam;
  }
  TestTempDir dir_;
};

TEST_F(AlignmentReaderTest, CheckpointsLeadBackToTheRecordsOfABam) {
  const int n = 5000;
  const auto bam = Bam(n);
  AlignmentCheckpoints checkpoints;
  HtsOpenOptions threaded;
  threaded.threads = 1;  // positions noted while blocks are decoded ahead
  {
    auto r = AlignmentReader::Open(bam, threaded);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    while (true) {
      checkpoints.Note(*r);
      auto got = r->Next();
      ASSERT_TRUE(got.ok());
      if (!*got) break;
      checkpoints.Note(*r);  // noting twice changes nothing
    }
    EXPECT_EQ(r->number(), n);
  }
  auto r = AlignmentReader::Open(bam);
  ASSERT_TRUE(r.ok());
  for (int64_t want : {1, 2, 1024, 1025, 1500, 3000, 4097, 5000}) {
    ASSERT_TRUE(checkpoints.SeekBefore(want, &*r).ok());
    EXPECT_LT(r->number(), want);
    EXPECT_GE(r->number(), want - AlignmentCheckpoints::kEvery);
    while (r->number() < want) ASSERT_TRUE(*r->Next());
    EXPECT_EQ(NameOf(*r), "r" + std::to_string(want));
    EXPECT_EQ(r->Where(), "record " + std::to_string(want));
  }
  // Going back is the caller's business: a checkpoint behind the reader is not taken.
  ASSERT_TRUE(checkpoints.SeekBefore(3000, &*r).ok());
  EXPECT_EQ(r->number(), 5000);
  ASSERT_TRUE(r->Seek(r->Tell(), 5000).ok());  // where it is
  EXPECT_FALSE(*r->Next());
}

TEST_F(AlignmentReaderTest, ASamFileHasNoCheckpointsAndIsReadOnward) {
  const auto sam = dir_.Write("a.sam", ManyReads(3000));
  auto r = AlignmentReader::Open(sam);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->Tell(), -1);
  AlignmentCheckpoints checkpoints;
  while (true) {
    checkpoints.Note(*r);
    if (!*r->Next()) break;
  }
  auto again = AlignmentReader::Open(sam);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(checkpoints.SeekBefore(2500, &*again).ok());
  EXPECT_EQ(again->number(), 0);
  EXPECT_EQ(again->Seek(0, 5).code(), StatusCode::kIoError);
  ASSERT_TRUE(*again->Next());
  EXPECT_EQ(NameOf(*again), "r1");
  EXPECT_EQ(again->Where(7), "record 7 (line 9)");
}

}  // namespace
}  // namespace cutover
