#include "qc/fastqc_args.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

Result<FastqcArgs> Parse(const std::vector<std::string>& args) { return ParseFastqcArgs(args); }

TEST(FastqcArgsTest, LegacyCommandLine) {
  auto a = Parse({"-q", "-t", "2", "--outdir=/tmp", "--extract", "x.fq.gz", "y.fq"});
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_TRUE(a->options.quiet);
  EXPECT_EQ(a->options.threads, 2);
  EXPECT_EQ(a->options.output_dir, "/tmp");
  EXPECT_TRUE(a->options.extract);
  EXPECT_EQ(a->options.inputs, (std::vector<std::string>{"x.fq.gz", "y.fq"}));
}

TEST(FastqcArgsTest, AbbreviationsCaseAndNegation) {
  auto a = Parse({"--NOGROUP", "--cas", "--noextract", "-java", "/usr/bin/java", "-d", "/tmp",
                  "--min_l", "50", "f.fq"});
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->options.grouping.grouping, Grouping::kNone);
  EXPECT_EQ(a->options.grouping.min_length, 50);
  EXPECT_TRUE(a->options.casava);
  EXPECT_FALSE(a->options.extract);
}

TEST(FastqcArgsTest, DocumentedShortOptions) {
  auto a = Parse({"-c", "cont.txt", "-a", "ad.txt", "-l", "lim.txt", "-k", "5", "-f", "fastq", "x"});
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->options.contaminants_file, "cont.txt");
  EXPECT_EQ(a->options.adapters_file, "ad.txt");
  EXPECT_EQ(a->options.limits_file, "lim.txt");
  EXPECT_EQ(a->options.kmer_size, 5);
}

TEST(FastqcArgsTest, Errors) {
  EXPECT_EQ(Parse({"--bogus", "x"}).status().message().rfind("Unknown option: bogus", 0), 0u);
  EXPECT_EQ(Parse({"-e", "x"}).status().message(), "Option e is ambiguous (expgroup, extract)");
  EXPECT_FALSE(Parse({"-t", "two", "x"}).ok());
  EXPECT_FALSE(Parse({"-t", "0", "x"}).ok());
  EXPECT_FALSE(Parse({"--nogroup", "--expgroup", "x"}).ok());
  EXPECT_FALSE(Parse({"-o", "/no/such/dir", "x"}).ok());
  EXPECT_EQ(Parse({"-f", "fasta", "x"}).status().message(),
            "Unrecognised sequence format 'fasta', acceptable formats are "
            "bam,sam,bam_mapped,sam_mapped and fastq");
  EXPECT_FALSE(Parse({"-k", "11", "x"}).ok());
  EXPECT_FALSE(Parse({"--nano", "x"}).ok());
  EXPECT_FALSE(Parse({"-q"}).ok()) << "no input";
  EXPECT_FALSE(Parse({"x", "-o"}).ok()) << "missing value";
}

TEST(FastqcArgsTest, FastqcFormats) {
  for (const char* format : {"fastq", "bam", "sam", "bam_mapped", "sam_mapped"}) {
    auto a = Parse({"-f", format, "x"});
    ASSERT_TRUE(a.ok()) << format << ": " << a.status().message();
    EXPECT_EQ(a->options.format, format);
  }
}

TEST(FastqcArgsTest, Fastqc0121Options) {
  auto a = Parse({"--dup_length", "30", "--svg", "--memory=1024", "--extract", "--delete", "x"});
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->options.dup_length, 30);
  EXPECT_TRUE(a->options.svg);
  EXPECT_EQ(a->options.memory_mb, 1024);
  EXPECT_TRUE(a->options.delete_zip);
  EXPECT_TRUE(a->options.extract);
  EXPECT_EQ(a->options.fastqc_version, FastqcVersion::k0_12_1) << "the default";
  EXPECT_EQ(Parse({"--memory", "99", "x"}).status().message(),
            "Memory value 99 MB was outside the allowed range (100 - 10000)");
  EXPECT_FALSE(Parse({"--memory", "10001", "x"}).ok());
  EXPECT_TRUE(Parse({"--memory", "0", "x"}).ok()) << "FastQC: 0 is not given";
  EXPECT_FALSE(Parse({"--dup_length", "-5", "x"}).ok()) << "FastQC 0.12.1 hangs on it";
  EXPECT_EQ(Parse({"-m", "5", "x"}).status().message(), "Option m is ambiguous (memory, min_length)");
}

TEST(FastqcArgsTest, FastqcVersionFromTheOptionThenTheEnvironment) {
  auto a = ParseFastqcArgs({"--fastqc-version", "0.11.9", "x"}, "0.12.1");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->options.fastqc_version, FastqcVersion::k0_11_9) << "the option wins";
  a = ParseFastqcArgs({"--fastqc-version=0.12.1", "x"}, "0.11.9");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->options.fastqc_version, FastqcVersion::k0_12_1);
  a = ParseFastqcArgs({"x"}, "0.11.9");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->options.fastqc_version, FastqcVersion::k0_11_9);
  a = ParseFastqcArgs({"x"}, "");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->options.fastqc_version, FastqcVersion::k0_12_1);
  a = ParseFastqcArgs({"x"}, "0.12");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().rfind("CUTOVER_FASTQC_VERSION: ", 0), 0u) << a.status().message();
  EXPECT_FALSE(ParseFastqcArgs({"--fastqc-version", "0.11.8", "x"}).ok());
  // --dup_length exists only in 0.12.1.
  a = ParseFastqcArgs({"--dup_length", "30", "x"}, "0.11.9");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("FastQC 0.12.1 option"), std::string::npos);
}

TEST(FastqcArgsTest, HelpAndVersion) {
  EXPECT_TRUE(Parse({"--help"})->help);
  EXPECT_TRUE(Parse({"-v"})->version);
}

}  // namespace
}  // namespace cutover
