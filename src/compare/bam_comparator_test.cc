#include "compare/bam_comparator.h"

#include <gtest/gtest.h>

#include "testing/shell.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

using nlohmann::json;

const char kHeader[] =
    "@HD\tVN:1.6\tSO:unsorted\n"
    "@SQ\tSN:chr1\tLN:10000\n"
    "@SQ\tSN:chr2\tLN:5000\n"
    "@RG\tID:s1\tSM:s1\n"
    "@PG\tID:bwa\tPN:bwa\tVN:0.7.17\n";

// A SAM record; `flag` 0x1|0x40 etc. given by the caller.
std::string Rec(const std::string& name, int flag, const std::string& contig, int pos, int mapq,
                const std::string& cigar, const std::string& tags = "NM:i:0",
                const std::string& mate = "*\t0\t0") {
  const std::string seq = "ACGTACGTAC";
  return name + "\t" + std::to_string(flag) + "\t" + contig + "\t" + std::to_string(pos) + "\t" +
         std::to_string(mapq) + "\t" + cigar + "\t" + mate + "\t" + seq + "\t" +
         std::string(seq.size(), 'I') + "\t" + tags + "\n";
}

// Eight unpaired reads on two contigs, in no particular order.
std::string Body() {
  return Rec("r5", 0, "chr2", 300, 60, "10M") + Rec("r1", 0, "chr1", 100, 60, "10M") +
         Rec("r3", 16, "chr1", 500, 42, "5S5M", "NM:i:1\tXS:i:20") +
         Rec("r2", 0, "chr1", 200, 60, "10M") + Rec("r8", 4, "*", 0, 0, "*", "") +
         Rec("r4", 0, "chr1", 900, 3, "10M") + Rec("r7", 0, "chr2", 50, 60, "10M") +
         Rec("r6", 16, "chr2", 400, 60, "10M");
}

class BamComparatorTest : public ::testing::Test {
 protected:
  std::filesystem::path Sam(const std::string& name, const std::string& body,
                            const std::string& header = kHeader) {
    return dir_.Write(name, header + body);
  }
  // samtools converts `sam` to BAM (`args` e.g. "sort -n -o" or "view -b -o").
  std::filesystem::path Samtools(const std::string& args, const std::filesystem::path& sam,
                                 const std::string& out) {
    std::filesystem::path path = dir_.path() / out;
    EXPECT_EQ(RunShell("samtools " + args + " " + path.string() + " " + sam.string()), 0);
    return path;
  }
  Comparison Run(const json& options, const std::filesystem::path& a,
                 const std::filesystem::path& b, int64_t records_per_pass = 0) {
    auto parsed = ParseBamOptions(options);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (records_per_pass > 0) parsed->records_per_pass = records_per_pass;
    return BamComparator(*parsed).Compare(a, b);
  }
  TestTempDir dir_;
};

TEST_F(BamComparatorTest, SameAlignmentsMatchWhateverTheFormatAndOrder) {
  auto sam = Sam("a.sam", Body());
  auto bam = Samtools("view -b -o", sam, "a.bam");
  auto coordinate = Samtools("sort -o", sam, "coord.bam");
  auto by_name = Samtools("sort -n -o", sam, "name.bam");
  auto collated = Samtools("collate -o", sam, "collated.bam");
  for (const auto& b : {bam, coordinate, by_name, collated}) {
    Comparison c = Run(json::object(), sam, b);
    EXPECT_EQ(c.outcome, Outcome::kMatch) << b << ": " << c.message;
    EXPECT_EQ(c.message, "identical alignments (8 reads)");
    EXPECT_EQ(c.metrics["same_placement"], 1.0);
    EXPECT_EQ(c.metrics["reads_compared"], 8);
    // r8 unmapped on both sides: not in same_mapq's denominator.
    EXPECT_EQ(c.counts["reads_legacy"], 8);
  }
  // Coordinate-sorted against name-sorted, both ways round.
  EXPECT_EQ(Run(json::object(), coordinate, by_name).outcome, Outcome::kMatch);
  EXPECT_EQ(Run(json::object(), by_name, coordinate).outcome, Outcome::kMatch);
}

// The new side of most tests: r1 moved 5 bases, r2 on the other strand, r3 another MAPQ and
// CIGAR, r4 unmapped, r5 on another contig, r6 missing, r9 added; r7 and r8 unchanged.
std::string ChangedBody() {
  return Rec("r9", 0, "chr1", 700, 60, "10M") + Rec("r1", 0, "chr1", 105, 60, "10M") +
         Rec("r2", 16, "chr1", 200, 60, "10M") +
         Rec("r3", 16, "chr1", 500, 40, "10M", "NM:i:1\tXS:i:20") +
         Rec("r4", 4, "*", 0, 0, "*", "") + Rec("r5", 0, "chr1", 300, 60, "10M") +
         Rec("r7", 0, "chr2", 50, 60, "10M") + Rec("r8", 4, "*", 0, 0, "*", "");
}

TEST_F(BamComparatorTest, CountsEachFieldAndTheMetrics) {
  auto a = Samtools("sort -o", Sam("a.sam", Body()), "a.bam");
  auto b = Samtools("sort -n -o", Sam("b.sam", ChangedBody()), "b.bam");
  Comparison c = Run(json::object(), a, b);
  EXPECT_EQ(c.outcome, Outcome::kMismatch) << c.message;
  // Compared: r1 r2 r3 r4 r5 r7 r8 (7). Same placement: r3, r7, r8 (r1 moved 5 > 0 bases).
  EXPECT_EQ(c.counts["reads_compared"], 7);
  EXPECT_EQ(c.counts["only_legacy"], 1);
  EXPECT_EQ(c.counts["only_new"], 1);
  EXPECT_EQ(c.counts["differing_reads"], 5);  // r1 r2 r3 r4 r5
  EXPECT_DOUBLE_EQ(c.metrics["same_placement"].get<double>(), 3.0 / 7);
  // Both mapped: r1 r2 r3 r5 r7; r3's MAPQ differs.
  EXPECT_DOUBLE_EQ(c.metrics["same_mapq"].get<double>(), 4.0 / 5);
  EXPECT_DOUBLE_EQ(c.metrics["mapped_only_legacy"].get<double>(), 1.0 / 7);
  EXPECT_EQ(c.metrics["mapped_only_new"], 0.0);
  EXPECT_DOUBLE_EQ(c.metrics["only_legacy"].get<double>(), 1.0 / 8);
  EXPECT_DOUBLE_EQ(c.metrics["only_new"].get<double>(), 1.0 / 8);
  const json& f = c.counts["per_field"];
  EXPECT_EQ(f["placement"], 2);  // r1 (beyond tolerance 0), r5
  EXPECT_EQ(f["strand"], 1);
  EXPECT_EQ(f["MAPQ"], 1);
  EXPECT_EQ(f["CIGAR"], 1);
  EXPECT_EQ(f["mapped"], 1);
  // The worst first: the reads on one side only or mapped on one side only.
  ASSERT_GE(c.differences.size(), 3u);
  EXPECT_EQ(c.differences[0].location.find("read r"), 0u);
  EXPECT_NE(c.differences[0].location.find("only in") == std::string::npos
                ? c.differences[0].location.find(": mapped")
                : 0,
            std::string::npos)
      << c.differences[0].location;
  bool listed_r3 = false;
  for (const Difference& d : c.differences) {
    if (d.location.starts_with("read r3 ")) {
      listed_r3 = true;
      EXPECT_NE(d.location.find("MAPQ, CIGAR"), std::string::npos) << d.location;
      EXPECT_NE(d.legacy.find("5S5M"), std::string::npos);
      EXPECT_NE(d.new_side.find("\t40\t10M\t"), std::string::npos);
    }
  }
  EXPECT_TRUE(listed_r3);
}

TEST_F(BamComparatorTest, PositionToleranceEdges) {
  auto a = Sam("a.sam", Rec("r1", 0, "chr1", 100, 60, "10M"));
  auto b = Sam("b.sam", Rec("r1", 0, "chr1", 105, 60, "10M"));
  Comparison at = Run(json{{"position_tolerance", 5}}, a, b);
  EXPECT_EQ(at.outcome, Outcome::kNoise) << at.message;
  EXPECT_EQ(at.metrics["same_placement"], 1.0);
  EXPECT_EQ(at.counts["within_tolerance"], 1);
  Comparison below = Run(json{{"position_tolerance", 4}}, a, b);
  EXPECT_EQ(below.outcome, Outcome::kMismatch);
  EXPECT_EQ(below.metrics["same_placement"], 0.0);
}

TEST_F(BamComparatorTest, ThresholdsDecideBetweenNoiseAndMismatch) {
  // Four reads, one moved to another contig: same_placement 0.75.
  std::string a = Rec("r1", 0, "chr1", 100, 60, "10M") + Rec("r2", 0, "chr1", 200, 60, "10M") +
                  Rec("r3", 0, "chr1", 300, 60, "10M") + Rec("r4", 0, "chr1", 400, 60, "10M");
  std::string b = Rec("r1", 0, "chr1", 100, 60, "10M") + Rec("r2", 0, "chr1", 200, 60, "10M") +
                  Rec("r3", 0, "chr1", 300, 60, "10M") + Rec("r4", 0, "chr2", 400, 60, "10M");
  auto pa = Sam("a.sam", a), pb = Sam("b.sam", b);
  Comparison none = Run(json::object(), pa, pb);
  EXPECT_EQ(none.outcome, Outcome::kMismatch);
  EXPECT_NE(none.message.find("no thresholds"), std::string::npos) << none.message;
  Comparison at = Run(json{{"min_same_placement", 0.75}}, pa, pb);
  EXPECT_EQ(at.outcome, Outcome::kNoise) << at.message;  // exactly at the bound passes
  Comparison above = Run(json{{"min_same_placement", 0.76}}, pa, pb);
  EXPECT_EQ(above.outcome, Outcome::kMismatch);
  EXPECT_NE(above.message.find("same_placement 0.7500 < 0.76"), std::string::npos)
      << above.message;
  Comparison other = Run(json{{"min_same_placement", 0.5}, {"max_differing", 0.2}}, pa, pb);
  EXPECT_EQ(other.outcome, Outcome::kMismatch);  // differing 0.25 > 0.2
  EXPECT_NE(other.message.find("differing 0.2500 > 0.2"), std::string::npos) << other.message;
}

TEST_F(BamComparatorTest, IgnoredTagsAndHeaderLines) {
  auto a = Sam("a.sam", Rec("r1", 0, "chr1", 100, 60, "10M", "NM:i:0\tXS:i:20"));
  auto b = Sam("b.sam", Rec("r1", 0, "chr1", 100, 60, "10M", "NM:i:0\tXS:i:25"));
  Comparison tags = Run(json::object(), a, b);
  EXPECT_EQ(tags.outcome, Outcome::kMismatch);
  EXPECT_EQ(tags.counts["per_field"]["tags"], 1);
  EXPECT_EQ(Run(json{{"ignore_tags", json::array({"XS"})}}, a, b).outcome, Outcome::kMatch);
  EXPECT_EQ(Run(json{{"tags", json::array({"NM"})}}, a, b).outcome, Outcome::kMatch);
  EXPECT_EQ(Run(json{{"tags", json::array()}}, a, b).outcome, Outcome::kMatch);
  EXPECT_EQ(Run(json{{"tags", json::array({"NM", "XS"})}}, a, b).outcome, Outcome::kMismatch);
  // Tag order and integer width do not matter: NM:i stored as 'C' by samtools either way.
  auto c = Sam("c.sam", Rec("r1", 0, "chr1", 100, 60, "10M", "XS:i:20\tNM:i:0"));
  EXPECT_EQ(Run(json::object(), a, c).outcome, Outcome::kMatch);

  std::string other_pg = std::string(kHeader) + "@PG\tID:samtools\tPN:samtools\n@CO\tx\n";
  auto d = Sam("d.sam", Rec("r1", 0, "chr1", 100, 60, "10M", "NM:i:0\tXS:i:20"), other_pg);
  EXPECT_EQ(Run(json::object(), a, d).outcome, Outcome::kMatch);
  std::string other_rg = "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr1\tLN:10000\n@SQ\tSN:chr2\tLN:5000\n@RG\tID:s2\n";
  auto e = Sam("e.sam", Rec("r1", 0, "chr1", 100, 60, "10M", "NM:i:0\tXS:i:20"), other_rg);
  Comparison header = Run(json::object(), a, e);
  EXPECT_EQ(header.outcome, Outcome::kMismatch);
  EXPECT_EQ(header.counts["header_only_legacy"], 1);  // @RG s1 (@HD's sort order not compared)
  ASSERT_FALSE(header.differences.empty());
  EXPECT_EQ(header.differences[0].location, "header");
  EXPECT_EQ(header.differences[0].legacy, "@RG\tID:s1\tSM:s1");
  EXPECT_EQ(Run(json{{"ignore_header", json::array({"PG", "@RG", "HD"})}}, a, e).outcome,
            Outcome::kMatch);
}

TEST_F(BamComparatorTest, PairedReadsAndSecondaryRecords) {
  // A pair, each mate with a secondary record; mates are told apart by flag.
  const std::string pair =
      Rec("p1", 99, "chr1", 100, 60, "10M", "NM:i:0", "=\t300\t210") +
      Rec("p1", 147, "chr1", 300, 60, "10M", "NM:i:0", "=\t100\t-210") +
      Rec("p1", 355, "chr2", 700, 0, "10M", "NM:i:0", "chr1\t300\t0") +
      Rec("p1", 2161, "chr2", 900, 10, "5S5M", "NM:i:0", "chr1\t300\t0");
  auto a = Sam("a.sam", pair);
  // The same records in another order.
  const std::string shuffled =
      Rec("p1", 2161, "chr2", 900, 10, "5S5M", "NM:i:0", "chr1\t300\t0") +
      Rec("p1", 147, "chr1", 300, 60, "10M", "NM:i:0", "=\t100\t-210") +
      Rec("p1", 355, "chr2", 700, 0, "10M", "NM:i:0", "chr1\t300\t0") +
      Rec("p1", 99, "chr1", 100, 60, "10M", "NM:i:0", "=\t100\t210").substr(0, 0) +
      Rec("p1", 99, "chr1", 100, 60, "10M", "NM:i:0", "=\t300\t210");
  Comparison same = Run(json::object(), a, Sam("b.sam", shuffled));
  ASSERT_EQ(same.outcome, Outcome::kMatch) << same.message;
  EXPECT_EQ(same.counts["reads_compared"], 2);
  // The second mate no longer properly paired, and its secondary record elsewhere.
  const std::string changed =
      Rec("p1", 97, "chr1", 100, 60, "10M", "NM:i:0", "=\t300\t210") +
      Rec("p1", 145, "chr1", 300, 60, "10M", "NM:i:0", "=\t100\t-210") +
      Rec("p1", 355, "chr2", 800, 0, "10M", "NM:i:0", "chr1\t300\t0") +
      Rec("p1", 2161, "chr2", 900, 10, "5S5M", "NM:i:0", "chr1\t300\t0");
  Comparison c = Run(json::object(), a, Sam("c.sam", changed));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.metrics["properly_paired_changes"], 1.0);
  EXPECT_EQ(c.counts["secondary_only_legacy"], 1);
  EXPECT_EQ(c.counts["secondary_only_new"], 1);
  EXPECT_EQ(c.metrics["same_placement"], 1.0);

  // One record a pass: the read's four records must spread over passes (its two mates shared
  // one whatever the number of passes, and matching never ended), with the same answer.
  Comparison split = Run(json::object(), a, Sam("c2.sam", changed), 1);
  ASSERT_EQ(split.outcome, Outcome::kMismatch) << split.message;
  EXPECT_GE(split.counts["passes"].get<int>(), 4);
  EXPECT_EQ(split.metrics, c.metrics);
  EXPECT_EQ(split.counts["secondary_only_new"], 1);
}

TEST_F(BamComparatorTest, ManyPassesGiveTheSameAnswer) {
  auto a = Samtools("sort -o", Sam("a.sam", Body()), "a.bam");
  auto b = Samtools("sort -n -o", Sam("b.sam", ChangedBody()), "b.bam");
  Comparison one = Run(json::object(), a, b);
  Comparison many = Run(json::object(), a, b, 2);
  EXPECT_EQ(one.counts["passes"], 1);
  EXPECT_GE(many.counts["passes"].get<int>(), 4);
  EXPECT_EQ(many.metrics, one.metrics);
  json one_counts = one.counts, many_counts = many.counts;
  one_counts.erase("passes");
  many_counts.erase("passes");
  EXPECT_EQ(many_counts, one_counts);
  ASSERT_EQ(many.differences.size(), one.differences.size());
  for (size_t i = 0; i < one.differences.size(); ++i) {
    EXPECT_EQ(many.differences[i].location, one.differences[i].location);
  }
}

TEST_F(BamComparatorTest, CramWithItsReference) {
  auto fa = dir_.Write("ref.fa", ">chr1\n" + std::string(10000, 'A') + "\n>chr2\n" +
                                     std::string(5000, 'C') + "\n");
  auto sam = Sam("a.sam", Body());
  const std::filesystem::path cram = dir_.path() / "a.cram";
  ASSERT_EQ(RunShell("samtools view -C -T " + fa.string() + " -o " + cram.string() + " " +
                     sam.string()),
            0);
  Comparison no_ref = Run(json::object(), sam, cram);
  EXPECT_EQ(no_ref.outcome, Outcome::kError);
  EXPECT_NE(no_ref.message.find("reference"), std::string::npos) << no_ref.message;
  Comparison c = Run(json{{"reference", fa.string()}}, sam, cram);
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message << RenderComparison(c);
}

TEST_F(BamComparatorTest, BadInputIsAnErrorNamingTheFileAndRecord) {
  auto good = Sam("good.sam", Body());
  auto bam = Samtools("view -b -o", good, "good.bam");
  // Truncated: cut inside the BGZF data, and cut off only the end-of-file block.
  const std::filesystem::path cut = dir_.path() / "cut.bam";
  std::filesystem::copy_file(bam, cut);
  TestTempDir::CutTail(cut, 60);
  Comparison t = Run(json::object(), good, cut);
  EXPECT_EQ(t.outcome, Outcome::kError);
  // The 8 records are one BGZF block, now cut: the first record cannot be read.
  EXPECT_NE(t.message.find("cut.bam: record 1: truncated: the file ends inside it"),
            std::string::npos)
      << t.message;
  const std::filesystem::path no_eof = dir_.path() / "no_eof.bam";
  std::filesystem::copy_file(bam, no_eof);
  TestTempDir::CutTail(no_eof, 28);  // the end-of-file block alone: every record reads
  Comparison e = Run(json::object(), good, no_eof);
  EXPECT_EQ(e.outcome, Outcome::kError);
  EXPECT_NE(e.message.find("no_eof.bam: record 9: truncated: the file ends before it"),
            std::string::npos)
      << e.message;

  auto cigar = Sam("cigar.sam", Rec("r1", 0, "chr1", 100, 60, "10M") +
                                    Rec("r2", 0, "chr1", 100, 60, "4Q6M"));
  Comparison c = Run(json::object(), good, cigar);
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_NE(c.message.find("cigar.sam: record 2 (line 7)"), std::string::npos) << c.message;

  auto contig = Sam("contig.sam", Rec("r1", 0, "chrX", 100, 60, "10M"));
  Comparison u = Run(json::object(), contig, good);
  EXPECT_EQ(u.outcome, Outcome::kError);
  EXPECT_NE(u.message.find("contig.sam: record 1 (line 6): read r1 is placed on a contig the "
                           "header does not declare"),
            std::string::npos)
      << u.message;

  // A BAM whose header lacks the contigs its records use (samtools reheader keeps the records).
  auto short_header = dir_.Write("h.sam", "@SQ\tSN:chr1\tLN:10000\n");
  const std::filesystem::path reheadered = dir_.path() / "reheadered.bam";
  ASSERT_EQ(RunShell("samtools reheader " + short_header.string() + " " + bam.string() + " > " +
                     reheadered.string()),
            0);
  Comparison h = Run(json::object(), good, reheadered);
  EXPECT_EQ(h.outcome, Outcome::kError);
  EXPECT_NE(h.message.find("reheadered.bam: record 1: read r5 is placed on a contig the header "
                           "does not declare"),
            std::string::npos)
      << h.message;

  auto twice = Sam("twice.sam", Rec("r1", 0, "chr1", 100, 60, "10M") +
                                    Rec("r1", 0, "chr1", 200, 60, "10M"));
  Comparison d = Run(json::object(), twice, good);
  EXPECT_EQ(d.outcome, Outcome::kError);
  EXPECT_NE(d.message.find("read r1 has a second primary record"), std::string::npos)
      << d.message;

  auto vcf = dir_.Write("x.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
  EXPECT_EQ(Run(json::object(), good, vcf).outcome, Outcome::kError);
  EXPECT_EQ(Run(json::object(), good, dir_.path() / "missing.bam").outcome, Outcome::kError);
}

// Thousands of reads: more than a few batches of records read ahead, and many passes.
TEST_F(BamComparatorTest, ThousandsOfReadsAcrossBatchesAndPasses) {
  const int n = 6000;
  std::string legacy, fresh;
  for (int i = 1; i <= n + 1; ++i) {
    const std::string name = "r" + std::to_string(i);
    const std::string pos = std::to_string(i % 9000 + 1);
    // Every 7th read another MAPQ on the new side; r4000 only in legacy, r6001 only in new.
    if (i <= n) legacy += Rec(name, 0, "chr1", i % 9000 + 1, 60, "10M");
    if (i != 4000) fresh += Rec(name, 0, "chr1", i % 9000 + 1, i % 7 == 0 ? 30 : 60, "10M");
    if (i <= n && i % 100 == 0) {  // a secondary record, half of them lost on the new side
      legacy += Rec(name, 256, "chr2", 10, 0, "10M");
      if (i % 200 != 0) fresh += Rec(name, 256, "chr2", 10, 0, "10M");
    }
  }
  auto a = Samtools("sort -o", Sam("a.sam", legacy), "a.bam");
  auto b = Samtools("sort -n -o", Sam("b.sam", fresh), "b.bam");
  Comparison one = Run(json::object(), a, b);
  EXPECT_EQ(one.outcome, Outcome::kMismatch) << one.message;
  EXPECT_EQ(one.counts["records_legacy"], n + 60);
  EXPECT_EQ(one.counts["reads_compared"], n - 1);
  EXPECT_EQ(one.counts["only_legacy"], 1);
  EXPECT_EQ(one.counts["only_new"], 1);
  EXPECT_EQ(one.counts["differing_reads"], n / 7);
  EXPECT_EQ(one.counts["per_field"]["MAPQ"], n / 7);
  EXPECT_EQ(one.counts["secondary_only_legacy"], 30);
  EXPECT_EQ(one.counts["secondary_only_new"], 0);
  const int other_mapq = n / 7;
  EXPECT_DOUBLE_EQ(one.metrics["same_mapq"].get<double>(), (n - 1.0 - other_mapq) / (n - 1));
  ASSERT_EQ(one.differences.size(), 10u);
  EXPECT_NE(one.differences[0].location.find("read r"), std::string::npos);

  Comparison many = Run(json::object(), a, b, 500);
  EXPECT_EQ(many.counts["passes"], 16);
  json one_counts = one.counts, many_counts = many.counts;
  one_counts.erase("passes");
  many_counts.erase("passes");
  EXPECT_EQ(many_counts, one_counts);
  EXPECT_EQ(many.metrics, one.metrics);
  ASSERT_EQ(many.differences.size(), one.differences.size());
  for (size_t i = 0; i < one.differences.size(); ++i) {
    EXPECT_EQ(many.differences[i].location, one.differences[i].location);
    EXPECT_EQ(many.differences[i].legacy, one.differences[i].legacy);
    EXPECT_EQ(many.differences[i].new_side, one.differences[i].new_side);
  }

  // A second primary record far into the file is named with its record and line.
  auto twice = Sam("twice.sam", legacy + Rec("r4500", 0, "chr1", 5, 60, "10M"));
  Comparison d = Run(json::object(), twice, b);
  EXPECT_EQ(d.outcome, Outcome::kError);
  EXPECT_NE(d.message.find("twice.sam: record 6061 (line 6066): read r4500 has a second primary "
                           "record (the first is record 4544)"),
            std::string::npos)
      << d.message;
}

TEST(BamOptionsTest, RejectsBadOptions) {
  EXPECT_TRUE(ParseBamOptions(json{{"min_same_placement", 0.995},
                                   {"max_only_legacy", "0.001"},
                                   {"ignore_tags", json::array({"XS", "XA"})},
                                   {"position_tolerance", 3}})
                  .ok());
  auto unknown = ParseBamOptions(json{{"min_recall", 0.9}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown option 'min_recall'"), std::string::npos);
  auto range = ParseBamOptions(json{{"min_same_placement", 99.5}});
  ASSERT_FALSE(range.ok());
  EXPECT_NE(range.status().message().find("fraction from 0 to 1"), std::string::npos);
  EXPECT_FALSE(ParseBamOptions(json{{"ignore_tags", json::array({"XSS"})}}).ok());
  EXPECT_FALSE(ParseBamOptions(json{{"position_tolerance", -1}}).ok());
  EXPECT_FALSE(ParseBamOptions(json{{"ignore_header", "P"}}).ok());
  auto parsed = ParseBamOptions(json{{"ignore_header", "@RG"}});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->ignore_header, std::vector<std::string>{"RG"});
}

}  // namespace
}  // namespace cutover
