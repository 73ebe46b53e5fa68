#include "compare/fastq_comparator.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace cutover {
namespace {

using nlohmann::json;

std::string Rec(const std::string& name, const std::string& seq, const std::string& qual = "",
                const std::string& plus = "") {
  return "@" + name + "\n" + seq + "\n+" + plus + "\n" +
         (qual.empty() ? std::string(seq.size(), 'I') : qual) + "\n";
}

Comparison FastqRun(const json& options, const std::string& a, const std::string& b) {
  TestTempDir dir;
  auto c = FastqComparator::FromOptions(options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return (*c)->Compare(dir.Write("a.fq", a), dir.WriteGzip("b.fq.gz", b));
}

const std::string kThree = Rec("r1 1:N", "ACGT") + Rec("r2 1:N", "GGCC") + Rec("r3 1:N", "TTAA");

TEST(FastqComparatorTest, SameReadsPlainVersusGzipMatch) {
  Comparison c = FastqRun(json::object(), kThree, kThree);
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(c.message, "identical reads (3)");
  EXPECT_EQ(c.counts["records_new"], 3);
}

TEST(FastqComparatorTest, SequenceQualityAndNameDifferences) {
  std::string b = Rec("r1 1:N", "ACGA") + Rec("r2 1:N", "GGCC", "II#I") + Rec("r3x 1:N", "TTAA");
  Comparison c = FastqRun(json::object(), kThree, b);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["differing_records"], 3);
  EXPECT_EQ(c.counts["sequence_differs"], 1);
  EXPECT_EQ(c.counts["quality_differs"], 1);
  EXPECT_EQ(c.counts["name_differs"], 1);
  EXPECT_EQ(c.message, "3 records differ (1 sequence, 1 quality, 1 name), first at record 1 (line 1)");
  ASSERT_EQ(c.differences.size(), 3u);
  EXPECT_EQ(c.differences[0].legacy, "@r1 1:N\nACGT\n+\nIIII");
  EXPECT_EQ(c.differences[0].new_side, "@r1 1:N\nACGA\n+\nIIII");
  EXPECT_EQ(c.differences[1].location, "record 2 (line 5)");
}

TEST(FastqComparatorTest, ExtraAndMissingRecords) {
  Comparison c = FastqRun(json::object(), kThree, kThree + Rec("r4", "A"));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["only_new"], 1);
  EXPECT_EQ(c.differences.at(0).location, "new record 4 (line 13)");
  EXPECT_FALSE(c.differences.at(0).in_legacy);
  Comparison d = FastqRun(json::object(), kThree, Rec("r1 1:N", "ACGT"));
  EXPECT_EQ(d.counts["only_legacy"], 2);
}

TEST(FastqComparatorTest, NameCommentsAndPlusLinesAreNoiseWhenAsked) {
  std::string b = Rec("r1 2:Y", "ACGT") + Rec("r2 1:N", "GGCC", "", "r2") + Rec("r3 1:N", "TTAA");
  EXPECT_EQ(FastqRun(json::object(), kThree, b).outcome, Outcome::kMismatch);
  Comparison c = FastqRun(json{{"names", "first_word"}}, kThree, b);
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
}

TEST(FastqComparatorTest, AnyOrderPairsReadsById) {
  std::string shuffled = Rec("r3 1:N", "TTAA") + Rec("r1 1:N", "ACGT") + Rec("r2 1:N", "GGCC");
  json any = {{"order", "any"}};
  Comparison c = FastqRun(any, kThree, shuffled);
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  EXPECT_EQ(c.message, "same reads; differ only in read order");
  EXPECT_EQ(FastqRun(json::object(), kThree, shuffled).outcome, Outcome::kMismatch);
  EXPECT_EQ(FastqRun(any, kThree, kThree).outcome, Outcome::kMatch);

  std::string b = Rec("r4", "CCCC") + Rec("r2 1:N", "GGCA") + Rec("r1 1:N", "ACGT");
  Comparison m = FastqRun(any, kThree, b);
  EXPECT_EQ(m.outcome, Outcome::kMismatch);
  EXPECT_EQ(m.counts["only_legacy"], 1);
  EXPECT_EQ(m.counts["only_new"], 1);
  EXPECT_EQ(m.counts["sequence_differs"], 1);
  ASSERT_EQ(m.differences.size(), 3u);
  EXPECT_EQ(m.differences[0].location, "record 2 (new record 2)");
  EXPECT_EQ(m.differences[0].new_side, "@r2 1:N\nGGCA\n+\nIIII");
  EXPECT_EQ(m.differences[1].location, "record 3");
  EXPECT_EQ(m.differences[2].location, "new record 1");
  EXPECT_EQ(m.differences[2].new_side, "@r4\nCCCC\n+\nIIII");
}

TEST(FastqComparatorTest, DifferenceCapListsTheFirstRecordsWhateverThePasses) {
  // 300 reads, every 10th with another sequence, in reverse order on the new side: the first
  // three by legacy record are listed, however the partitions meet them.
  std::string a, b;
  for (int i = 0; i < 300; ++i) a += Rec("read" + std::to_string(i), "ACGT");
  for (int i = 299; i >= 0; --i) b += Rec("read" + std::to_string(i), i % 10 == 3 ? "ACGG" : "ACGT");
  TestTempDir dir;
  auto pa = dir.Write("a.fq", a);
  auto pb = dir.Write("b.fq", b);
  FastqOptions options;
  options.any_order = true;
  options.max_differences = 3;
  for (int64_t records_per_pass : {2000000, 20}) {
    options.records_per_pass = records_per_pass;
    Comparison c = FastqComparator(options).Compare(pa, pb);
    EXPECT_EQ(c.outcome, Outcome::kMismatch);
    EXPECT_EQ(c.counts["sequence_differs"], 30);
    ASSERT_EQ(c.differences.size(), 3u) << records_per_pass;
    EXPECT_EQ(c.differences[0].location, "record 4 (new record 297)");
    EXPECT_EQ(c.differences[1].location, "record 14 (new record 287)");
    EXPECT_EQ(c.differences[2].location, "record 24 (new record 277)");
    EXPECT_NE(c.differences[0].new_side.find("ACGG"), std::string::npos);
    EXPECT_EQ(c.counts["passes"] == 1, records_per_pass == 2000000);
  }
}

TEST(FastqComparatorTest, ManyPassesFindTheSameDifferences) {
  std::string a, b;
  for (int i = 0; i < 500; ++i) a += Rec("read" + std::to_string(i), "ACGT");
  for (int i = 499; i >= 0; --i) {
    if (i == 77) continue;
    b += Rec("read" + std::to_string(i), i == 300 ? "ACGG" : "ACGT");
  }
  TestTempDir dir;
  auto pa = dir.Write("a.fq", a);
  auto pb = dir.Write("b.fq", b);
  FastqOptions one;
  one.any_order = true;
  FastqOptions many = one;
  many.records_per_pass = 20;
  Comparison c1 = FastqComparator(one).Compare(pa, pb);
  Comparison c2 = FastqComparator(many).Compare(pa, pb);
  EXPECT_EQ(c1.counts["passes"], 1);
  EXPECT_GE(c2.counts["passes"], 16);
  for (const Comparison* c : {&c1, &c2}) {
    EXPECT_EQ(c->outcome, Outcome::kMismatch);
    EXPECT_EQ(c->counts["only_legacy"], 1);
    EXPECT_EQ(c->counts["sequence_differs"], 1);
    ASSERT_EQ(c->differences.size(), 2u);
    EXPECT_EQ(c->differences[0].location, "record 78");
    EXPECT_EQ(c->differences[1].location, "record 301 (new record 200)");
  }
}

TEST(FastqComparatorTest, MalformedInputIsAnErrorNamingFileRecordAndLine) {
  TestTempDir dir;
  auto ok = dir.Write("ok.fq", kThree);
  auto bad = dir.Write("bad.fq", Rec("r1", "ACGT") + "@r2\nACGT\n+\nIII\n");
  for (const json& options : {json::object(), json{{"order", "any"}}}) {
    auto cmp = FastqComparator::FromOptions(options);
    Comparison c = (*cmp)->Compare(ok, bad);
    EXPECT_EQ(c.outcome, Outcome::kError);
    EXPECT_NE(c.message.find("new: " + bad.string() +
                             ": record 2 (line 8): quality has 3 characters, sequence has 4"),
              std::string::npos)
        << c.message;
  }
  auto gz = dir.WriteGzip("cut.fq.gz", kThree + kThree + kThree);
  TestTempDir::CutTail(gz, 12);
  Comparison t = (*FastqComparator::FromOptions(json::object()))->Compare(gz, ok);
  EXPECT_EQ(t.outcome, Outcome::kError);
  EXPECT_NE(t.message.find("cut.fq.gz: truncated gzip stream"), std::string::npos) << t.message;
  auto dup = dir.Write("dup.fq", Rec("r1", "A") + Rec("r1", "C"));
  Comparison d = (*FastqComparator::FromOptions(json{{"order", "any"}}))->Compare(dup, ok);
  EXPECT_EQ(d.outcome, Outcome::kError);
  EXPECT_NE(d.message.find("read id 'r1' at records 1 and 2"), std::string::npos) << d.message;
  Comparison missing = (*FastqComparator::FromOptions(json::object()))->Compare(ok, dir.path() / "none.fq");
  EXPECT_EQ(missing.outcome, Outcome::kError);
}

TEST(FastqComparatorTest, BadOptions) {
  EXPECT_FALSE(FastqComparator::FromOptions({{"order", "sorted"}}).ok());
  EXPECT_FALSE(FastqComparator::FromOptions({{"names", "id"}}).ok());
  EXPECT_FALSE(FastqComparator::FromOptions({{"fields", "seq"}}).ok());
}

}  // namespace
}  // namespace cutover
