#include "qc/alignment_reads.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/temp_dir.h"

namespace cutover {
namespace {

const char kHeader[] = "@HD\tVN:1.6\n@SQ\tSN:c1\tLN:1000\n";

struct Got {
  std::string name, sequence, quality;
  int64_t number;
  bool operator==(const Got&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Got& g) {
  return os << g.name << " " << g.sequence << " " << g.quality << " #" << g.number;
}

class AlignmentReadsTest : public ::testing::Test {
 protected:
  std::string Sam(const std::string& records) {
    return dir_.Write("x.sam", std::string(kHeader) + records).string();
  }
  // Every read of `path`, or the error's message as the only read's name.
  std::vector<Got> ReadAll(const std::string& path, bool mapped_only) {
    AlignmentReadsOptions options;
    options.mapped_only = mapped_only;
    auto reads = AlignmentReads::Open(path, options);
    if (!reads.ok()) return {{reads.status().message(), "", "", -1}};
    std::vector<Got> out;
    AlignmentRead r;
    while (true) {
      auto more = reads->Next(&r);
      if (!more.ok()) {
        out.push_back({more.status().message(), "", "", -1});
        break;
      }
      if (!*more) break;
      out.push_back({std::string(r.name), std::string(r.sequence), std::string(r.quality),
                     r.number});
    }
    return out;
  }
  TestTempDir dir_;
};

// The expected reads below are worked out by hand from FastQC's rules (alignment_reads.h).
TEST_F(AlignmentReadsTest, EveryRecordInItsSequencedOrientation) {
  const std::string path = Sam(
      "fwd\t0\tc1\t10\t60\t2S4M\t*\t0\t0\tacGTNA\tABCDEF\n"
      "rev\t16\tc1\t20\t60\t4M2S\t*\t0\t0\tAACGTR\tABCDEF\n"
      "unm\t4\t*\t0\t0\t*\t*\t0\t0\tGGCC\t!!II\n"
      "sec\t272\tc1\t30\t0\t6M\t*\t0\t0\t*\t*\n"
      "noq\t2048\tc1\t40\t60\t4M\t*\t0\t0\tACGT\t*\n"
      "odd\t16\tc1\t50\t60\t5M\t*\t0\t0\tGATTC\t!#%')\n");
  const std::vector<Got> want = {
      {"fwd", "ACGTNA", "ABCDEF", 1},  // htslib's bases are upper case
      // Reversed (RTGCAA) and complemented as FastQC does, A/T and C/G only: R stays R.
      {"rev", "RACGTT", "FEDCBA", 2},
      {"unm", "GGCC", "!!II", 3},
      {"sec", "*", "*", 4},     // no bases, no qualities: FastQC's one-base read "*"
      {"noq", "ACGT", "*", 5},  // bases without qualities: the quality string "*"
      {"odd", "GAATC", ")'%#!", 6},  // an odd length (its last byte holds one base)
  };
  EXPECT_EQ(ReadAll(path, false), want);
}

TEST_F(AlignmentReadsTest, MappedOnlySkipsUnmappedAndCutsSoftClips) {
  const std::string path = Sam(
      "fwd\t0\tc1\t10\t60\t2S4M\t*\t0\t0\tACGTNA\tABCDEF\n"
      "rev\t16\tc1\t20\t60\t1S3M2S\t*\t0\t0\tAACGTC\tABCDEF\n"
      "unm\t4\t*\t0\t0\t*\t*\t0\t0\tGGCC\t!!II\n"
      "hard\t0\tc1\t30\t60\t3H2S4M\t*\t0\t0\tTTACGT\tABCDEF\n"
      "noq\t0\tc1\t40\t60\t1S3M\t*\t0\t0\tACGT\t*\n");
  // fwd: the first 2 cut. rev: the last 2 (TC) then the first 1 (A) cut from AACGTC/ABCDEF,
  // leaving ACG/BCD, then reverse-complemented: CGT/DCB. hard: a hard clip first hides the
  // soft clip behind it, as in FastQC. noq: its missing quality "*" loses its one character to
  // the clip of one base, as FastQC's substring does.
  const std::vector<Got> want = {{"fwd", "GTNA", "CDEF", 1},
                                 {"rev", "CGT", "DCB", 2},
                                 {"hard", "TTACGT", "ABCDEF", 4},
                                 {"noq", "CGT", "", 5}};
  EXPECT_EQ(ReadAll(path, true), want);
  EXPECT_EQ(ReadAll(path, false).size(), 5u);  // all of them, whole, without mapped_only
}

TEST_F(AlignmentReadsTest, ASoftClipLongerThanTheReadIsAnErrorNamingTheRecord) {
  // Mapped, soft-clipped, but without bases: FastQC fails on it (its substring throws).
  const std::string path = Sam(
      "ok\t0\tc1\t10\t60\t4M\t*\t0\t0\tACGT\tIIII\n"
      "bad\t256\tc1\t10\t60\t3S4M\t*\t0\t0\t*\t*\n");
  std::vector<Got> got = ReadAll(path, true);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].number, -1);
  EXPECT_NE(got[1].name.find("x.sam: record 2 (line 4): read bad: its soft clip of 3 bases is "
                             "longer than its 1 bases"),
            std::string::npos)
      << got[1].name;
  EXPECT_EQ(ReadAll(path, false).size(), 2u);  // all records: nothing is cut
}

TEST_F(AlignmentReadsTest, BadFilesAreErrorsNamingTheFile) {
  const std::string fastq = dir_.Write("r.fq", "@r\nACGT\n+\nIIII\n").string();
  std::vector<Got> got = ReadAll(fastq, false);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].name.find("r.fq: not SAM, BAM or CRAM"), std::string::npos) << got[0].name;
  got = ReadAll(dir_.path() / "none.bam", false);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].name.find("none.bam: no such file"), std::string::npos) << got[0].name;
  const std::string broken = Sam("r\t0\tc1\tten\t60\t4M\t*\t0\t0\tACGT\tIIII\n");
  got = ReadAll(broken, false);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].name.find("x.sam: record 1 (line 3): cannot read it"), std::string::npos)
      << got[0].name;
}

TEST(AlignmentInputTest, ByFormatOrByName) {
  EXPECT_FALSE(AlignmentInput("x.fastq.gz", ""));
  EXPECT_FALSE(AlignmentInput("x.bam.txt", ""));
  EXPECT_FALSE(AlignmentInput("x.bam", "fastq"));  // -f wins over the name
  for (const char* name : {"x.bam", "X.BAM", "dir/x.sam", "x.ubam", "x.Sam"}) {
    auto a = AlignmentInput(name, "");
    ASSERT_TRUE(a) << name;
    EXPECT_FALSE(a->mapped_only) << name;
  }
  for (const char* format : {"bam", "sam"}) {
    auto a = AlignmentInput("reads.fq", format);
    ASSERT_TRUE(a) << format;
    EXPECT_FALSE(a->mapped_only);
  }
  for (const char* format : {"bam_mapped", "sam_mapped"}) {
    auto a = AlignmentInput("x.bam", format);
    ASSERT_TRUE(a) << format;
    EXPECT_TRUE(a->mapped_only);
  }
}

}  // namespace
}  // namespace cutover
