#include "qc/qc_runner.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(QcRunnerTest, ReportNamesAsFastqc) {
  EXPECT_EQ(ReportBaseName("x.fastq.gz"), "x");
  EXPECT_EQ(ReportBaseName("x.fq"), "x");
  EXPECT_EQ(ReportBaseName("x.fastq.txt"), "x") << ".txt, then .fastq";
  EXPECT_EQ(ReportBaseName("x.txt.fastq"), "x.txt") << "each suffix once, in order";
  EXPECT_EQ(ReportBaseName("reads.FASTQ.gz"), "reads.FASTQ") << "case-sensitive";
  EXPECT_EQ(ReportBaseName("a.sam"), "a");
  EXPECT_EQ(ReportBaseName("a.ubam"), "a");  // FastQC 0.12.1 (the default)
  EXPECT_EQ(ReportBaseName("a.ubam", FastqcVersion::k0_11_9), "a.ubam");
  EXPECT_EQ(ReportBaseName("a.bam.ubam"), "a.bam") << "each suffix once, in order";
}

TEST(QcRunnerTest, CasavaNames) {
  EXPECT_EQ(CasavaBaseName("s_L001_R1_001.fastq.gz"), "s_L001_R1.fastq.gz");
  EXPECT_EQ(CasavaBaseName("s_L001_R1_012.fastq"), "s_L001_R1.fastq");
  EXPECT_EQ(CasavaBaseName("s_L001_R1.fastq.gz"), "");
  EXPECT_EQ(CasavaBaseName("s_abc.fastq"), "");
  EXPECT_EQ(CasavaBaseName("s_001.fq"), "");
}

TEST(QcRunnerTest, CasavaGroupsKeepArgumentOrder) {
  QcOptions o;
  o.casava = true;
  o.inputs = {"/d/s_L001_R1_002.fastq.gz", "/d/other.fq", "/d/s_L001_R1_001.fastq.gz"};
  std::vector<QcInput> groups = GroupInputs(o);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].name, "s_L001_R1.fastq.gz");
  EXPECT_EQ(groups[0].paths, (std::vector<std::string>{"/d/s_L001_R1_002.fastq.gz",
                                                       "/d/s_L001_R1_001.fastq.gz"}));
  EXPECT_EQ(groups[1].name, "other.fq");
  o.casava = false;
  EXPECT_EQ(GroupInputs(o).size(), 3u);
}

// FastQC's stdin: one input named "stdin" or "stdin:NAME" reads standard input ("-"), the
// reports named after NAME, written to the current folder without -o; among other inputs the
// name is a file name like any other.
TEST(QcRunnerTest, StdinAsTheOnlyInputReadsStandardInput) {
  QcOptions o;
  o.inputs = {"stdin"};
  std::vector<QcInput> groups = GroupInputs(o);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].paths, std::vector<std::string>{"-"});
  EXPECT_EQ(groups[0].name, "stdin");
  EXPECT_EQ(groups[0].dir, ".");
  o.inputs = {"stdin:S1_R1.fastq"};
  groups = GroupInputs(o);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].paths, std::vector<std::string>{"-"});
  EXPECT_EQ(groups[0].name, "stdin:S1_R1.fastq");  // summary.txt's name
  EXPECT_EQ(ReportBaseName(groups[0].name), "S1_R1");
  o.inputs = {"stdin", "b.fq"};
  groups = GroupInputs(o);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_NE(groups[0].paths, std::vector<std::string>{"-"});
}

}  // namespace
}  // namespace cutover
