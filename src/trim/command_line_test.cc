#include "trim/command_line.h"

#include <gtest/gtest.h>

namespace cutover::trim {
namespace {

Result<CommandLine> Parse(const std::vector<std::string>& args) { return ParseCommandLine(args); }

TEST(CommandLineTest, ArgparseSpellings) {
  auto c = Parse({"-a", "ACGT", "-q20", "--quality-base=64", "--overl", "5", "-u", "-5", "-u", "3",
                  "in.fq", "-e0.2", "--times", "2", "-m", "10", "-NZ", "--trim-n"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const TrimOptions& o = c->options;
  ASSERT_EQ(o.adapters1.size(), 1u);
  EXPECT_EQ(o.adapters1[0].text, "ACGT");
  ASSERT_TRUE(o.quality1.has_value());
  EXPECT_EQ(o.quality1->front, 0);
  EXPECT_EQ(o.quality1->back, 20);
  EXPECT_EQ(o.quality_base, 64);
  EXPECT_EQ(o.search.min_overlap, 5);  // --overl: a unique prefix of --overlap
  EXPECT_EQ(o.cut1, (std::vector<int>{-5, 3}));
  EXPECT_DOUBLE_EQ(o.search.max_errors, 0.2);
  EXPECT_EQ(o.times, 2);
  EXPECT_EQ(o.minimum_length->read1, 10);
  EXPECT_FALSE(o.search.adapter_wildcards);  // -N from the cluster -NZ
  EXPECT_EQ(c->io.gzip_level, 1);            // -Z
  EXPECT_TRUE(o.trim_n);
  EXPECT_EQ(c->io.input1, "in.fq");
  EXPECT_EQ(c->io.output1, "-");
  EXPECT_FALSE(o.paired);
}

TEST(CommandLineTest, PairedEnd) {
  auto c = Parse({"-a", "A", "-A", "G", "-q", "5,15", "-m", "20:", "--pair-filter=both", "-o", "o1",
                  "-p", "o2", "i1", "i2"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const TrimOptions& o = c->options;
  EXPECT_TRUE(o.paired);
  EXPECT_EQ(o.quality1->front, 5);
  EXPECT_EQ(o.quality2->back, 15);  // -Q defaults to -q
  EXPECT_EQ(o.minimum_length->read1, 20);
  EXPECT_FALSE(o.minimum_length->read2.has_value());
  EXPECT_EQ(o.pair_filter, PairFilter::kBoth);
  EXPECT_EQ(c->io.output2, "o2");
  EXPECT_EQ(c->io.input2, "i2");
}

TEST(CommandLineTest, QualityZeroMeansNone) {
  auto c = Parse({"-q", "0", "in.fq"});
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->options.quality1.has_value());
  auto d = Parse({"-q", "0,0", "in.fq"});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->options.quality1.has_value());  // only the string "0" disables it
}

TEST(CommandLineTest, ErrorsAsCutadaptWordsThem) {
  auto message = [](const std::vector<std::string>& a) {
    auto c = ParseCommandLine(a);
    EXPECT_FALSE(c.ok());
    return c.ok() ? std::string() : c.status().message();
  };
  EXPECT_NE(message({}).find("did not provide any input"), std::string::npos);
  EXPECT_NE(message({"a.fq", "b.fq"}).find("two input files"), std::string::npos);
  EXPECT_NE(message({"-A", "X", "-o", "o", "i1", "i2"}).find("-p (--paired-output)"), std::string::npos);
  EXPECT_NE(message({"-O", "0", "in.fq"}).find("overlap must be at least 1"), std::string::npos);
  EXPECT_NE(message({"-u", "3", "-u", "4", "in.fq"}).find("same end twice"), std::string::npos);
  EXPECT_NE(message({"-m", "5:6", "in.fq"}).find("single-end"), std::string::npos);
  EXPECT_NE(message({"-O", "x", "in.fq"}).find("invalid int value: 'x'"), std::string::npos);
  EXPECT_NE(message({"-q"}).find("expected one argument"), std::string::npos);
  EXPECT_NE(message({"--qual", "5", "in.fq"}).find("ambiguous"), std::string::npos);
  EXPECT_NE(message({"--bogus", "in.fq"}).find("unrecognized arguments: --bogus"), std::string::npos);
  EXPECT_NE(message({"--rc", "in.fq"}).find("not implemented"), std::string::npos);
  EXPECT_NE(message({"--action=crop", "in.fq"}).find("invalid choice: 'crop'"), std::string::npos);
  EXPECT_NE(message({"--discard-trimmed", "--discard-untrimmed", "in.fq"}).find("Only one of"),
            std::string::npos);
  EXPECT_NE(message({"-o", "x.fq.bz2", "in.fq"}).find("only plain and gzip"), std::string::npos);
}

TEST(CommandLineTest, Actions) {
  auto action = [](std::vector<std::string> a) {
    a.push_back("in.fq");
    auto c = ParseCommandLine(a);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? c->options.action : AdapterAction::kTrim;
  };
  EXPECT_EQ(action({}), AdapterAction::kTrim);
  EXPECT_EQ(action({"--action=trim"}), AdapterAction::kTrim);
  EXPECT_EQ(action({"--action", "retain"}), AdapterAction::kRetain);
  EXPECT_EQ(action({"--action=mask"}), AdapterAction::kMask);
  EXPECT_EQ(action({"--action=lowercase"}), AdapterAction::kLowercase);
  EXPECT_EQ(action({"--action=none"}), AdapterAction::kNone);
  // cutadapt's deprecated spellings, and the last one given wins.
  EXPECT_EQ(action({"--no-trim"}), AdapterAction::kNone);
  EXPECT_EQ(action({"--mask-adapter"}), AdapterAction::kMask);
  EXPECT_EQ(action({"--mask-adapter", "--action=lowercase"}), AdapterAction::kLowercase);
}

TEST(CommandLineTest, OutputsOfRejectedReads) {
  auto c = ParseCommandLine({"-a", "ACGT", "-m", "20", "--too-short-output", "s.fq",
                             "--untrimmed-output", "u.fq.gz", "--too-long-output", "l.fq",
                             "-o", "o.fq", "in.fq"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->options.too_short_output);
  EXPECT_EQ(c->io.too_short_output[0], "s.fq");
  EXPECT_TRUE(c->options.untrimmed_output);
  EXPECT_EQ(c->io.untrimmed_output[0], "u.fq.gz");
  // As cutadapt: without -M there is no too-long filter, and its output is ignored (no file).
  EXPECT_FALSE(c->options.too_long_output);
  EXPECT_EQ(c->io.too_long_output[0], "");
  EXPECT_FALSE(c->options.paired);

  // A -paired- output turns paired-end mode on, and needs its R1 partner.
  auto p = ParseCommandLine({"-a", "ACGT", "--untrimmed-output", "u1.fq",
                             "--untrimmed-paired-output", "u2.fq", "-o", "o1.fq", "-p", "o2.fq",
                             "in1.fq", "in2.fq"});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->options.paired);
  EXPECT_EQ(p->io.untrimmed_output[1], "u2.fq");
  auto message = [](const std::vector<std::string>& a) {
    auto r = ParseCommandLine(a);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_EQ(message({"--too-short-paired-output", "s2.fq", "-m", "5", "-o", "a", "-p", "b",
                     "in1.fq", "in2.fq"}),
            "When trimming paired-end data, you must use either none or both of the "
            "--too-short-output/--too-short-paired-output options.");
  EXPECT_NE(message({"--untrimmed-output", "u.fq", "--discard-untrimmed", "in.fq"})
                .find("Only one of the --discard-trimmed, --discard-untrimmed and "
                      "--untrimmed-output"),
            std::string::npos);
  EXPECT_EQ(message({"-m", "5", "--too-short-output", "o.fq", "-o", "o.fq", "in.fq"}),
            "Path o.fq specified more than once as an output file. This is not supported at "
            "the moment.");
  EXPECT_NE(message({"--untrimmed-output", "u.fq.xz", "in.fq"}).find("only plain and gzip"),
            std::string::npos);
  // A special file may be given twice.
  EXPECT_TRUE(ParseCommandLine({"-m", "5", "--too-short-output", "/dev/null", "-o", "/dev/null",
                                "in.fq"})
                  .ok());
}

}  // namespace
}  // namespace cutover::trim
