#include "qc/analysis.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "qc/report_text.h"

namespace cutover {
namespace {

std::string Write(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << content;
  return path;
}

QcSetup MakeSetup(QcOptions* options) {
  options->contaminants_file =
      Write("contaminants.txt", "Test adapter\tAGATCGGAAGAGCACACGTCTGAACTCCAGTCAC\n");
  std::string warnings;
  auto setup = LoadQcSetup(*options, &warnings);
  EXPECT_TRUE(setup.ok()) << setup.status().message();
  return std::move(*setup);
}

std::string Analyse(const std::string& path, QcOptions options) {
  QcSetup setup = MakeSetup(&options);
  auto result = AnalyseInput({path}, "x.fq", options, setup);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? FastqcDataText(*result) : "";
}

// Basic Statistics worked out by hand: 3 reads, lengths 4, 10, 8; bases counted after upper-
// casing: G+C = 2 + 5 + 4 = 11 of A+C+G+T = 4 + 10 + 7 (one N) = 21 -> 11*100/21 = 52.
TEST(AnalysisTest, BasicStatisticsByHand) {
  std::string path = Write("basic.fq",
                           "@r1\nacgt\n+\nIIII\n"
                           "@r2\nGGCCCAATTA\n+\n##########\n"
                           "@r3\nNGCGCATT\n+\n55555555\n");
  std::string data = Analyse(path, {});
  EXPECT_NE(data.find("Total Sequences\t3\n"), std::string::npos) << data;
  EXPECT_NE(data.find("Sequence length\t4-10\n"), std::string::npos);
  EXPECT_NE(data.find("%GC\t52\n"), std::string::npos);
  EXPECT_NE(data.find("Encoding\tSanger / Illumina 1.9\n"), std::string::npos);
  // Per sequence quality: means (as characters) '#'=35 -> 2, '5'=53 -> 20, 'I'=73 -> 40.
  EXPECT_NE(data.find("#Quality\tCount\n2\t1.0\n"), std::string::npos);
  // 0.12.1 (the default): total bases after the count; first line names the version.
  EXPECT_NE(data.find("Total Sequences\t3\nTotal Bases\t22 bp\n"), std::string::npos);
  EXPECT_EQ(data.rfind("##FastQC\t0.12.1+cutover.", 0), 0u);
  // Names without tiles: the module is left out.
  EXPECT_EQ(data.find("Per tile"), std::string::npos);
}

// A read longer than the limit is refused, naming the file, the record and its line, at one
// thread and at two; a read of exactly the limit is analysed.
TEST(AnalysisTest, ReadLongerThanTheLimitIsAnErrorNamingTheRecord) {
  std::string path = Write("long.fq", "@r1\nACGT\n+\nIIII\n@r2\nACGTAC\n+\nIIIIII\n");
  for (int threads : {1, 2}) {
    QcOptions options;
    options.threads = threads;
    options.max_read_length = 5;
    QcSetup setup = MakeSetup(&options);
    auto result = AnalyseInput({path}, "long.fq", options, setup);
    ASSERT_FALSE(result.ok()) << threads;
    EXPECT_NE(result.status().message().find(path + ": record 2 (line 6, @r2): the read has 6 "
                                             "bases, more than the limit of 5; "),
              std::string::npos)
        << result.status().message();
    EXPECT_NE(result.status().message().find("leave reads over 5 bases out first"),
              std::string::npos)
        << result.status().message();
    options.max_read_length = 6;
    EXPECT_TRUE(AnalyseInput({path}, "long.fq", options, setup).ok()) << threads;
  }
}

// A read so far over the limit that its record passes the reader's size limit (twice the read
// limit and 4 MiB) is refused by the reader, before it is all in memory, with the same advice.
TEST(AnalysisTest, RecordFarOverTheLimitIsRefusedByTheReaderNamingTheRecord) {
  const std::string seq(5'000'000, 'A');
  std::string path = Write("huge.fq", "@r1\nACGT\n+\nIIII\n@r2 comment\n" + seq + "\n+\n" +
                                          std::string(seq.size(), 'I') + "\n");
  for (int threads : {1, 2}) {
    QcOptions options;
    options.threads = threads;
    options.max_read_length = 5;
    QcSetup setup = MakeSetup(&options);
    auto result = AnalyseInput({path}, "huge.fq", options, setup);
    ASSERT_FALSE(result.ok()) << threads;
    const std::string& message = result.status().message();
    EXPECT_NE(message.find(path + ": record 2 (line 5, @r2 comment): the record passes 4194314 "
                                  "bytes, so its read has more than the limit of 5 bases"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("leave reads over 5 bases out first"), std::string::npos) << message;
  }
}

TEST(AnalysisTest, Version0119HasNoTotalBasesAndTheDeduplicatedColumn) {
  std::string path = Write("v0119.fq", "@r1\nACGTACGTAC\n+\nIIIIIIIIII\n@r2\nACGTACGTAC\n+\nIIIIIIIIII\n");
  QcOptions old;
  old.fastqc_version = FastqcVersion::k0_11_9;
  std::string data = Analyse(path, old);
  EXPECT_EQ(data.rfind("##FastQC\t0.11.9+cutover.", 0), 0u) << data;
  EXPECT_EQ(data.find("Total Bases"), std::string::npos);
  EXPECT_NE(data.find("#Duplication Level\tPercentage of deduplicated\tPercentage of total\n"),
            std::string::npos);
  data = Analyse(path, {});
  EXPECT_NE(data.find("#Duplication Level\tPercentage of total\n1\t0.0\n2\t100.0\n"),
            std::string::npos)
      << data;
}

TEST(AnalysisTest, DefaultListsAreBuiltInPerVersion) {
  for (FastqcVersion v : {FastqcVersion::k0_11_9, FastqcVersion::k0_12_1}) {
    QcOptions options;
    options.fastqc_version = v;
    std::string warnings;
    auto setup = LoadQcSetup(options, &warnings);
    ASSERT_TRUE(setup.ok()) << setup.status().message();
    EXPECT_EQ(warnings, "");
    EXPECT_EQ(setup->contaminants.size(), 151u);
    EXPECT_EQ(setup->contaminants.front().name, "Illumina Single End Adapter 1");
    EXPECT_TRUE(setup->limits.Ignored("kmer"));
    std::vector<std::string> adapters;
    for (const NamedSequence& a : setup->adapters) adapters.push_back(a.name + "=" + a.sequence);
    std::vector<std::string> common = {
        "Illumina Universal Adapter=AGATCGGAAGAG", "Illumina Small RNA 3' Adapter=TGGAATTCTCGG",
        "Illumina Small RNA 5' Adapter=GATCGTCGGACT", "Nextera Transposase Sequence=CTGTCTCTTATA"};
    if (v == FastqcVersion::k0_11_9) {
      common.push_back("SOLID Small RNA Adapter=CGCCTTGGCCGT");
    } else {
      common.push_back("PolyA=AAAAAAAAAAAA");
      common.push_back("PolyG=GGGGGGGGGGGG");
    }
    EXPECT_EQ(adapters, common) << ToString(v);
  }
}

// The same report whatever the thread count, on reads that exercise every module.
TEST(AnalysisTest, ThreadsDoNotChangeTheReport) {
  std::mt19937 rng(3);
  std::string fq;
  const std::string adapter = "AGATCGGAAGAGCACACGTCTGAACTCCAGTCAC";
  for (int i = 0; i < 30000; ++i) {
    int length = 20 + static_cast<int>(rng() % 140);
    std::string seq;
    for (int k = 0; k < length; ++k) seq.push_back("ACGTACGTACGTN"[rng() % 13]);
    if (i % 5 == 0 && length > 40) seq.replace(length - 30, 30, adapter.substr(0, 30));
    if (i % 7 == 0) seq = adapter + adapter.substr(0, 20);  // overrepresented
    std::string qual;
    for (size_t k = 0; k < seq.size(); ++k) qual.push_back(static_cast<char>('#' + rng() % 40));
    fq += "@M:1:FC:1:" + std::to_string(1101 + i % 3) + ":" + std::to_string(i) + ":7 1:N:0:1\n" +
          seq + "\n+\n" + qual + "\n";
  }
  std::string path = Write("threads.fq", fq);
  QcOptions one, two;
  two.threads = 2;
  std::string a = Analyse(path, one);
  std::string b = Analyse(path, two);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find(">>Per tile sequence quality"), std::string::npos);
  EXPECT_NE(a.find("Test adapter (100% over"), std::string::npos) << "contaminant hit";
}

TEST(AnalysisTest, BadRecordsAreErrorsNamingTheRecord) {
  QcOptions options;
  QcSetup setup = MakeSetup(&options);
  std::string path = Write("bad.fq", "@r1\nACGT\n+\nIIII\n@r2\nACGT\n+\nII\x01I\n");
  auto result = AnalyseInput({path}, "bad.fq", options, setup);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("record 2 (line 8): quality character 0x01"),
            std::string::npos)
      << result.status().message();
  std::string empty = Write("empty.fq", "");
  result = AnalyseInput({empty}, "empty.fq", options, setup);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("no reads"), std::string::npos);
}

TEST(AnalysisTest, KmerModuleIsRefusedNotSilentlySkipped) {
  QcOptions options;
  options.limits_file = Write("limits_kmer.txt", "kmer ignore 0\n");
  std::string warnings;
  auto setup = LoadQcSetup(options, &warnings);
  ASSERT_FALSE(setup.ok());
  EXPECT_NE(setup.status().message().find("Kmer Content"), std::string::npos);
}

}  // namespace
}  // namespace cutover
