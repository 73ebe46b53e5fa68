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

}  // namespace
}  // namespace cutover
