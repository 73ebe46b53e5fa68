#include "trim/galore_settings.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace cutover::trim {
namespace {

// A FASTQ file of `reads` (all qualities 'I').
std::string WriteFastq(const TestTempDir& dir, const std::vector<std::string>& reads) {
  std::string path = (dir.path() / "in.fq").string();
  std::ofstream out(path);
  for (size_t i = 0; i < reads.size(); ++i) {
    out << "@r" << i << "\n" << reads[i] << "\n+\n" << std::string(reads[i].size(), 'I') << "\n";
  }
  return path;
}

GaloreOptions Options(const std::vector<std::string>& args) {
  auto o = ParseGaloreCommandLine(args);
  EXPECT_TRUE(o.ok()) << o.status().ToString();
  return o.ok() ? *o : GaloreOptions{};
}

Result<GaloreSettings> Resolve(const GaloreOptions& o) {
  std::FILE* log = std::tmpfile();
  auto s = ResolveGaloreSettings(o, log);
  std::fclose(log);
  return s;
}

TEST(GaloreSettingsTest, AutoDetectionPicksTheMostFrequentAdapter) {
  TestTempDir dir;
  const std::string nextera = "ACGTACGTCTGTCTCTTATAACGT";
  const std::string illumina = "ACGTAGATCGGAAGAGCACGTACGT";
  const std::string f = WriteFastq(dir, {nextera, nextera, illumina, nextera, "ACGTACGTACGT"});
  auto s = Resolve(Options({f}));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->adapter, "CTGTCTCTTATA");
  EXPECT_EQ(s->adapter_name, "Nextera Transposase sequence; auto-detected");
  EXPECT_EQ(s->report_message,
            "Using Nextera adapter for trimming (count: 3). Second best hit was Illumina (count: 1)\n");
  // Trim Galore's defaults: quality 20, Phred+33, length 20, stringency 1, error rate 0.1.
  EXPECT_EQ(s->cutoff, 20);
  EXPECT_EQ(s->phred, 33);
  EXPECT_EQ(s->length_cutoff, 20);
  EXPECT_EQ(s->stringency, 1);
  EXPECT_DOUBLE_EQ(s->error_rate, 0.1);
}

TEST(GaloreSettingsTest, AnInconclusiveDetectionDefaultsToIllumina) {
  TestTempDir dir;
  const std::string f = WriteFastq(dir, {"ACGTACGT", "TTTTGGGG"});
  auto s = Resolve(Options({f}));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->adapter, "AGATCGGAAGAGC");
  EXPECT_EQ(s->adapter_name, "Illumina TruSeq, Sanger iPCR; default (inconclusive auto-detection)");
  EXPECT_NE(s->report_message.find("Unable to auto-detect most prominent adapter"),
            std::string::npos);
  // Below the already-trimmed threshold, no adapter at all.
  auto none = Resolve(Options({"--consider_already_trimmed", "5", f}));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->adapter, "X");
}

TEST(GaloreSettingsTest, PresetsAndGivenAdapters) {
  auto small = Resolve(Options({"--small_rna", "--paired", "a.fq", "b.fq"}));
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  EXPECT_EQ(small->adapter, "TGGAATTCTCGG");
  EXPECT_EQ(small->a2, "GATCGTCGGACT");  // the small RNA 3' adapter for read 2
  EXPECT_EQ(small->length_cutoff, 18);
  auto repeat = Resolve(Options({"-a", "A{10}", "x.fq"}));
  ASSERT_TRUE(repeat.ok());
  EXPECT_EQ(repeat->adapter, "AAAAAAAAAA");
  EXPECT_EQ(repeat->adapter_name, "user defined");
  auto phred64 = Resolve(Options({"--phred64", "-q", "25", "-a", "ACGT", "x.fq"}));
  ASSERT_TRUE(phred64.ok());
  EXPECT_EQ(phred64->cutoff, 56);  // passed to cutadapt on the Phred+64 scale
  EXPECT_EQ(phred64->phred_score_cutoff, 25);
  auto nextseq = Resolve(Options({"--nextseq", "20", "-a", "ACGT", "x.fq"}));
  ASSERT_TRUE(nextseq.ok());
  EXPECT_FALSE(nextseq->cutoff.has_value());
  auto fraction = Resolve(Options({"--max_n", "0.25", "-a", "ACGT", "x.fq"}));
  ASSERT_TRUE(fraction.ok());
  EXPECT_EQ(fraction->maxn_fraction, 0.25);
}

TEST(GaloreSettingsTest, TrimGaloresChecks) {
  auto error = [](const std::vector<std::string>& args) {
    auto s = Resolve(Options(args));
    return s.ok() ? std::string("ok") : s.status().message();
  };
  EXPECT_NE(error({"-a", "ACGZ", "x.fq"}).find("DNA characters only"), std::string::npos);
  EXPECT_NE(error({"--nextera", "-a", "ACGT", "x.fq"}).find("Make your choice"),
            std::string::npos);
  EXPECT_NE(error({"--paired", "-a", "ACGT", "x.fq"}).find("even number"), std::string::npos);
  EXPECT_NE(error({"--paired", "-a", "ACGT", "x.fq", "x.fq"}).find("the very same file"),
            std::string::npos);
  EXPECT_NE(error({"-e", "1.5", "-a", "ACGT", "x.fq"}).find("between 0 and 1"),
            std::string::npos);
  EXPECT_NE(error({"--max_n", "200", "-a", "ACGT", "x.fq"}).find("between 0 and 100"),
            std::string::npos);
  EXPECT_NE(error({"-q", "20", "--nextseq", "20", "-a", "ACGT", "x.fq"}).find("mutually exclusive"),
            std::string::npos);
  EXPECT_NE(error({"-a", "ACGT", "my reads.fq"}).find("whitespace"), std::string::npos);
}

}  // namespace
}  // namespace cutover::trim
