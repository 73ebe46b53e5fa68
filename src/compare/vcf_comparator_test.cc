#include "compare/vcf_comparator.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "testing/shell.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

using nlohmann::json;

const char kHeader[] =
    "##fileformat=VCFv4.2\n"
    "##fileDate=20260101\n"
    "##source=callerA\n"
    "##contig=<ID=chr1,length=1000>\n"
    "##contig=<ID=chr2,length=1000>\n"
    "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
    "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n"
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ts1\ts2\n";

// Six allele sites: 4 SNVs (one at chr1:20 inside the multi-allelic record) ... see each test.
std::string Rec(const std::string& chrom, int pos, const std::string& ref, const std::string& alt,
                const std::string& qual, const std::string& info, const std::string& s1,
                const std::string& s2) {
  return chrom + "\t" + std::to_string(pos) + "\t.\t" + ref + "\t" + alt + "\t" + qual +
         "\tPASS\t" + info + "\tGT:AD\t" + s1 + "\t" + s2 + "\n";
}

// Sites: chr1:10 A>G, chr1:20 ACT>A and (trimmed) chr1:21 C>CT, chr1:40 C>T, chr2:5 G>A.
std::string Body() {
  return Rec("chr2", 5, "G", "A", "20", "DP=8;AF=0.5", "0/1:4,4", "0/0:8,0") +
         Rec("chr1", 10, "A", "G", "50", "DP=20;AF=0.5", "0/1:10,10", "1/1:0,20") +
         Rec("chr1", 20, "ACT", "A,ACTT", "60", "DP=30;AF=0.25,0.25", "1/2:0,15,15",
             "0/1:10,5,0") +
         Rec("chr1", 40, "C", "T", "30", "DP=10;AF=1", "1/1:0,10", "0/0:10,0");
}

class VcfComparatorTest : public ::testing::Test {
 protected:
  std::filesystem::path Vcf(const std::string& name, const std::string& body,
                            const std::string& header = kHeader) {
    return dir_.Write(name, header + body);
  }
  // bcftools `args` on `in`, writing `out` (its format from -O in args).
  std::filesystem::path Bcftools(const std::string& args, const std::filesystem::path& in,
                                 const std::string& out) {
    std::filesystem::path path = dir_.path() / out;
    EXPECT_EQ(RunShell("bcftools " + args + " -o " + path.string() + " " + in.string() +
                       " 2>/dev/null"),
              0);
    return path;
  }
  Comparison Run(const json& options, const std::filesystem::path& a,
                 const std::filesystem::path& b, int64_t sites_per_pass = 0) {
    auto parsed = ParseVcfOptions(options);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (sites_per_pass > 0) parsed->sites_per_pass = sites_per_pass;
    return VcfComparator(*parsed).Compare(a, b);
  }
  TestTempDir dir_;
};

TEST_F(VcfComparatorTest, SameCallsMatchWhateverTheFormatOrderAndSplitting) {
  auto vcf = Vcf("a.vcf", Body());
  auto sorted_bgzf = Bcftools("sort -Oz", vcf, "sorted.vcf.gz");
  auto bcf = Bcftools("view -Ob", vcf, "a.bcf");
  auto split = Bcftools("norm -m- -Oz", vcf, "split.vcf.gz");
  for (const auto& b : {vcf, sorted_bgzf, bcf, split}) {
    Comparison c = Run(json::object(), vcf, b);
    EXPECT_EQ(c.outcome, Outcome::kMatch) << b << ": " << c.message;
    EXPECT_EQ(c.metrics["sites_both"], 5);
    EXPECT_EQ(c.metrics["recall"], 1.0);
    EXPECT_EQ(c.metrics["genotype_concordance"], 1.0);
    EXPECT_EQ(c.counts["snv"]["both"], 3);
    EXPECT_EQ(c.counts["indel"]["both"], 2);
  }
  // Samples in another column order are matched by name.
  auto swapped = Bcftools("view --no-update -s s2,s1 -Ov", vcf, "swapped.vcf");
  EXPECT_EQ(Run(json::object(), vcf, swapped).outcome, Outcome::kMatch);
}

TEST_F(VcfComparatorTest, PrecisionRecallAndGenotypeConcordanceByHand) {
  auto a = Vcf("a.vcf", Body());
  // New: chr1:40 missed, chr1:77 C>A added, chr1:10 s1 called 1/1 instead of 0/1.
  std::string b = Rec("chr2", 5, "G", "A", "20", "DP=8;AF=0.5", "0/1:4,4", "0/0:8,0") +
                  Rec("chr1", 10, "A", "G", "50", "DP=20;AF=0.5", "1/1:10,10", "1/1:0,20") +
                  Rec("chr1", 20, "ACT", "A,ACTT", "60", "DP=30;AF=0.25,0.25", "1/2:0,15,15",
                      "0/1:10,5,0") +
                  Rec("chr1", 77, "C", "A", "30", "DP=10;AF=1", "1/1:0,10", "0/0:10,0");
  auto pb = Bcftools("sort -Oz", Vcf("b.vcf", b), "b.vcf.gz");
  Comparison c = Run(json::object(), a, pb);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  // Both: chr2:5, chr1:10, chr1:20, chr1:21 (4); only legacy chr1:40; only new chr1:77.
  EXPECT_EQ(c.metrics["sites_both"], 4);
  EXPECT_DOUBLE_EQ(c.metrics["recall"].get<double>(), 4.0 / 5);
  EXPECT_DOUBLE_EQ(c.metrics["precision"].get<double>(), 4.0 / 5);
  // 4 sites x 2 samples, one genotype differs.
  EXPECT_DOUBLE_EQ(c.metrics["genotype_concordance"].get<double>(), 7.0 / 8);
  // SNVs: chr2:5, chr1:10 both; chr1:40 only legacy; chr1:77 only new.
  EXPECT_DOUBLE_EQ(c.metrics["snv_recall"].get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(c.metrics["snv_precision"].get<double>(), 2.0 / 3);
  EXPECT_EQ(c.metrics["indel_recall"], 1.0);
  EXPECT_EQ(c.counts["genotype_differs"], 1);
  ASSERT_GE(c.differences.size(), 3u);
  // On one side only first, then the genotype difference.
  EXPECT_NE(c.differences[0].location.find("only in"), std::string::npos);
  EXPECT_NE(c.differences[1].location.find("only in"), std::string::npos);
  EXPECT_EQ(c.differences[2].location, "chr1:10 A>G (record 2, new record 1): genotype");

  // Thresholds: recall 0.8 passes min_recall 0.8 (inclusive), fails 0.81.
  EXPECT_EQ(Run(json{{"min_recall", 0.8}, {"min_genotype_concordance", 0.875}}, a, pb).outcome,
            Outcome::kNoise);
  Comparison strict = Run(json{{"min_recall", 0.81}}, a, pb);
  EXPECT_EQ(strict.outcome, Outcome::kMismatch);
  EXPECT_NE(strict.message.find("recall 0.8000 < 0.81"), std::string::npos) << strict.message;
  EXPECT_EQ(Run(json{{"min_recall", 0.8}, {"min_genotype_concordance", 0.9}}, a, pb).outcome,
            Outcome::kMismatch);
}

// A record with genotypes on one side and none (no GT in FORMAT) on the other: found by the
// fuzzer, the genotype loop read past the empty side's string and threw. Each sample of that
// site counts as a different genotype.
TEST_F(VcfComparatorTest, GenotypesOnOneSideOnlyAreDifferentGenotypes) {
  auto with_gt = Vcf("gt.vcf", Body());
  std::string body = Body();
  const std::string chr1_40 = Rec("chr1", 40, "C", "T", "30", "DP=10;AF=1", "1/1:0,10", "0/0:10,0");
  body.replace(body.find(chr1_40), chr1_40.size(),
               "chr1\t40\t.\tC\tT\t30\tPASS\tDP=10;AF=1\tAD\t0,10\t10,0\n");
  auto without_gt = Vcf("no_gt.vcf", body);
  for (const auto& [a, b] : {std::pair{with_gt, without_gt}, std::pair{without_gt, with_gt}}) {
    Comparison c = Run(json::object(), a, b);
    EXPECT_EQ(c.outcome, Outcome::kMismatch) << c.message;
    EXPECT_EQ(c.metrics["sites_both"], 5);
    // 5 sites x 2 samples; chr1:40's two differ.
    EXPECT_DOUBLE_EQ(c.metrics["genotype_concordance"].get<double>(), 8.0 / 10);
    EXPECT_EQ(c.counts["genotype_differs"], 1);
  }
}

TEST_F(VcfComparatorTest, QualAndValueTolerances) {
  auto a = Vcf("a.vcf", Rec("chr1", 10, "A", "G", "50", "DP=20;AF=0.5", "0/1:10,10", "1/1:0,20"));
  auto b = Vcf("b.vcf", Rec("chr1", 10, "A", "G", "52", "DP=21;AF=0.5", "0/1:10,11", "1/1:0,20"));
  Comparison exact = Run(json::object(), a, b);
  EXPECT_EQ(exact.outcome, Outcome::kMismatch);
  EXPECT_EQ(exact.counts["qual_differs"], 1);
  EXPECT_EQ(exact.counts["info_differs"], 1);
  EXPECT_EQ(exact.counts["format_differs"], 1);
  EXPECT_NE(exact.differences.at(0).location.find("QUAL, INFO, FORMAT (INFO/DP, FORMAT/AD)"),
            std::string::npos)
      << exact.differences.at(0).location;
  Comparison at = Run(json{{"qual_tolerance", 2}, {"tolerance", 1}}, a, b);
  EXPECT_EQ(at.outcome, Outcome::kNoise) << at.message;
  EXPECT_EQ(at.counts["within_tolerance"], 1);
  EXPECT_EQ(Run(json{{"qual_tolerance", 1.9}, {"tolerance", 1}}, a, b).outcome,
            Outcome::kMismatch);
  EXPECT_EQ(Run(json{{"qual_tolerance", {{"relative", 0.04}}}, {"tolerance", {{"absolute", 1}}}},
                a, b)
                .outcome,
            Outcome::kNoise);
  Comparison ignored = Run(json{{"ignore_info", "DP"}, {"ignore_format", "AD"}}, a, b);
  EXPECT_EQ(ignored.outcome, Outcome::kMismatch);  // QUAL still differs
  EXPECT_EQ(ignored.counts["info_differs"], 0);
  EXPECT_EQ(ignored.counts["format_differs"], 0);
  EXPECT_EQ(Run(json{{"qual_tolerance", 2}, {"ignore_info", "DP"}, {"ignore_format", "AD"}}, a, b)
                .outcome,
            Outcome::kNoise);
}

TEST_F(VcfComparatorTest, LeftAlignsWithTheReference) {
  // chr1 = GATTTTCA...: deleting one T written at the right end (pos 5) or the left (pos 2).
  auto fa = dir_.Write("ref.fa", ">chr1\nGATTTTCA" + std::string(992, 'A') + "\n>chr2\n" +
                                     std::string(1000, 'C') + "\n");
  auto a = Vcf("a.vcf", Rec("chr1", 2, "AT", "A", "50", "DP=20", "0/1:10,10", "0/0:20,0"));
  auto b = Vcf("b.vcf", Rec("chr1", 5, "TT", "T", "50", "DP=20", "0/1:10,10", "0/0:20,0"));
  EXPECT_EQ(Run(json::object(), a, b).metrics["sites_both"], 0);
  Comparison c = Run(json{{"reference", fa.string()}}, a, b);
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(c.metrics["sites_both"], 1);
}

TEST_F(VcfComparatorTest, HeaderLinesAndManyPasses) {
  auto a = Vcf("a.vcf", Body());
  std::string other = kHeader;
  other.replace(other.find("callerA"), 7, "callerB");
  other.replace(other.find("20260101"), 8, "20261203");
  other.insert(other.find("#CHROM"), "##bcftools_callCommand=call -mv\n##caller_version=2\n");
  Comparison c = Run(json::object(), a, Vcf("b.vcf", Body(), other));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);  // ##caller_version is compared
  EXPECT_EQ(c.counts["header_only_new"], 1);
  EXPECT_EQ(c.differences.at(0).new_side, "##caller_version=2");
  EXPECT_EQ(Run(json{{"ignore_header", json::array({"fileDate", "source", "*Command",
                                                    "caller_*"})}},
                a, Vcf("c.vcf", Body(), other))
                .outcome,
            Outcome::kMatch);

  auto sorted = Bcftools("sort -Oz", a, "s.vcf.gz");
  Comparison one = Run(json::object(), a, sorted);
  Comparison many = Run(json::object(), a, sorted, 1);
  EXPECT_GE(many.counts["passes"].get<int>(), 4);
  EXPECT_EQ(many.metrics, one.metrics);
  EXPECT_EQ(many.outcome, Outcome::kMatch);
}

TEST_F(VcfComparatorTest, BadInputIsAnErrorNamingTheFileAndRecord) {
  auto good = Vcf("good.vcf", Body());
  auto bgz = Bcftools("view -Oz", good, "good.vcf.gz");
  const std::filesystem::path cut = dir_.path() / "cut.vcf.gz";
  std::filesystem::copy_file(bgz, cut);
  TestTempDir::CutTail(cut, 40);
  Comparison t = Run(json::object(), good, cut);
  EXPECT_EQ(t.outcome, Outcome::kError);
  EXPECT_NE(t.message.find("cut.vcf.gz"), std::string::npos) << t.message;
  EXPECT_NE(t.message.find("truncated"), std::string::npos) << t.message;
  const std::filesystem::path no_eof = dir_.path() / "no_eof.vcf.gz";
  std::filesystem::copy_file(bgz, no_eof);
  TestTempDir::CutTail(no_eof, 28);  // the BGZF end-of-file block alone: every record reads
  Comparison e = Run(json::object(), good, no_eof);
  EXPECT_EQ(e.outcome, Outcome::kError);
  const std::string body = Body();
  const std::string after_last =
      fmt::format("no_eof.vcf.gz: record {}: truncated: the file ends before it",
                  std::count(body.begin(), body.end(), '\n') + 1);
  EXPECT_NE(e.message.find(after_last), std::string::npos) << e.message;

  auto undeclared = Vcf("undeclared.vcf",
                        "chr1\t10\t.\tA\tG\t50\tPASS\tDP=20\tGT:XX\t0/1:3\t1/1:4\n");
  Comparison u = Run(json::object(), undeclared, good);
  EXPECT_EQ(u.outcome, Outcome::kError);
  EXPECT_NE(u.message.find("undeclared.vcf: record 1 (chr1:10): a FORMAT or INFO key is not "
                           "declared in the header"),
            std::string::npos)
      << u.message;

  std::string one_sample = kHeader;
  one_sample.replace(one_sample.find("\ts1\ts2"), 6, "\ts1\ts3");
  Comparison s = Run(json::object(), good, Vcf("samples.vcf", Body(), one_sample));
  EXPECT_EQ(s.outcome, Outcome::kError);
  EXPECT_NE(s.message.find("mismatched sample columns"), std::string::npos) << s.message;

  auto short_row = Vcf("short.vcf", "chr1\t10\t.\tA\tG\t50\tPASS\tDP=20\tGT\t0/1\n");
  Comparison r = Run(json::object(), good, short_row);
  EXPECT_EQ(r.outcome, Outcome::kError);
  EXPECT_NE(r.message.find("short.vcf: record 1: cannot read it"), std::string::npos) << r.message;

  auto twice = Vcf("twice.vcf", Body() + Rec("chr1", 10, "A", "G", "5", "DP=2", "0/1:1,1", "0/0:2,0"));
  Comparison d = Run(json::object(), twice, good);
  EXPECT_EQ(d.outcome, Outcome::kError);
  EXPECT_NE(d.message.find("each site must appear once"), std::string::npos) << d.message;

  auto sam = dir_.Write("x.sam", "@SQ\tSN:chr1\tLN:100\n");
  EXPECT_EQ(Run(json::object(), good, sam).outcome, Outcome::kError);
}

TEST(VcfOptionsTest, RejectsBadOptions) {
  EXPECT_TRUE(ParseVcfOptions(json{{"min_recall", 0.99}, {"min_precision", 0.99},
                                   {"min_genotype_concordance", 0.98}, {"qual_tolerance", 5}})
                  .ok());
  EXPECT_FALSE(ParseVcfOptions(json{{"min_same_placement", 0.9}}).ok());
  EXPECT_FALSE(ParseVcfOptions(json{{"min_recall", 2}}).ok());
  EXPECT_FALSE(ParseVcfOptions(json{{"ignore_format", "GT"}}).ok());
  EXPECT_FALSE(ParseVcfOptions(json{{"tolerance", "x"}}).ok());
}

}  // namespace
}  // namespace cutover
