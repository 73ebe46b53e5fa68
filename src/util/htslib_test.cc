#include "util/htslib.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "testing/shell.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

const char kSam[] =
    "@HD\tVN:1.6\tSO:unsorted\n"
    "@SQ\tSN:chr1\tLN:1000\n"
    "r1\t0\tchr1\t10\t60\t4M\t*\t0\t0\tACGT\tIIII\n";

TEST(HtslibTest, OpensSamAndBamAndNamesTheFormat) {
  TestTempDir dir;
  auto sam = dir.Write("a.sam", kSam);
  auto f = OpenHtsFile(sam);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(HtsFormatName(f->get()), "SAM");
  EXPECT_TRUE(IsAlignmentFile(f->get()));
  EXPECT_FALSE(IsVariantFile(f->get()));
  ASSERT_EQ(RunShell("samtools view -b -o " + (dir.path() / "a.bam").string() + " " + sam.string()), 0);
  auto b = OpenHtsFile(dir.path() / "a.bam");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(HtsFormatName(b->get()), "BAM");
}

TEST(HtslibTest, MissingFileIsNotFound) {
  TestTempDir dir;
  auto f = OpenHtsFile(dir.path() / "nope.bam");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kNotFound);
  EXPECT_NE(f.status().message().find("nope.bam"), std::string::npos);
}

TEST(HtslibTest, BgzfWithoutItsEndBlockIsCorruption) {
  TestTempDir dir;
  auto sam = dir.Write("a.sam", kSam);
  auto bam = dir.path() / "a.bam";
  ASSERT_EQ(RunShell("samtools view -b -o " + bam.string() + " " + sam.string()), 0);
  TestTempDir::CutTail(bam, 28);  // the 28-byte BGZF end-of-file block
  auto f = OpenHtsFile(bam);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kCorruption);
  EXPECT_NE(f.status().message().find("end-of-file block"), std::string::npos);
  // Opened anyway (threads asked for, which it must not use: htslib would hang), it says so.
  bool missing = false;
  auto g = OpenHtsFile(bam, {.threads = 1, .require_eof_block = false}, &missing);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE(missing);
  auto whole = dir.path() / "whole.bam";
  ASSERT_EQ(RunShell("samtools view -b -o " + whole.string() + " " + sam.string()), 0);
  ASSERT_TRUE(OpenHtsFile(whole, {.threads = 1, .require_eof_block = false}, &missing).ok());
  EXPECT_FALSE(missing);
}

TEST(HtslibTest, CramNeedsAReference) {
  TestTempDir dir;
  auto fa = dir.Write("ref.fa", ">chr1\n" + std::string(1000, 'A') + "\n");
  auto sam = dir.Write("a.sam", kSam);
  auto cram = dir.path() / "a.cram";
  ASSERT_EQ(RunShell("samtools view -C -T " + fa.string() + " -o " + cram.string() + " " + sam.string()),
            0);
  auto f = OpenHtsFile(cram);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("reference"), std::string::npos);
  HtsOpenOptions options;
  options.reference = fa;
  auto g = OpenHtsFile(cram, options);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(HtsFormatName(g->get()), "CRAM");
}

TEST(HtslibTest, FastaIsIndexedOnOpen) {
  TestTempDir dir;
  auto fa = dir.Write("ref.fa", ">c\nACGTACGT\n");
  auto fai = OpenFasta(fa);
  ASSERT_TRUE(fai.ok()) << fai.status().ToString();
  hts_pos_t len = 0;
  char* s = faidx_fetch_seq64(fai->get(), "c", 2, 4, &len);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(std::string(s, static_cast<size_t>(len)), "GTA");
  std::free(s);
  EXPECT_FALSE(OpenFasta(dir.path() / "none.fa").ok());
}

}  // namespace
}  // namespace cutover
