#include "compare/alignment_record.h"

#include <gtest/gtest.h>

#include <string>

#include "util/htslib.h"

namespace cutover {
namespace {

const char kHeader[] = "@HD\tVN:1.6\n@SQ\tSN:chr1\tLN:10000\n";

// Parses one SAM line (without its newline) into records_[i].
class AlignmentRecordTest : public ::testing::Test {
 protected:
  AlignmentRecordTest() : header_(sam_hdr_parse(sizeof kHeader - 1, kHeader)) {}

  const bam1_t* Parse(const std::string& line) {
    BamRecordPtr& b = records_.emplace_back(bam_init1());
    kstring_t text = KS_INITIALIZE;
    kputsn(line.data(), line.size(), &text);
    EXPECT_GE(sam_parse1(&text, header_.get(), b.get()), 0) << line;
    ks_free(&text);
    return b.get();
  }
  // A mapped record of read r1 with these tags (tab-separated SAM fields, or "").
  const bam1_t* WithTags(const std::string& tags) {
    return Parse("r1\t0\tchr1\t100\t60\t4M\t*\t0\t0\tACGT\tIIII" +
                 (tags.empty() ? std::string() : "\t" + tags));
  }
  AlignmentSummary Summary(const bam1_t* b, const TagFilter& filter = {}) {
    TagScratch scratch;
    auto s = Summarize(b, ContigMap(), TagTable(filter), &scratch);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : AlignmentSummary{};
  }

  SamHeaderPtr header_;
  std::vector<BamRecordPtr> records_;
};

TEST_F(AlignmentRecordTest, TagsDigestTheSameWhateverTheirOrderAndIntegerWidth) {
  const AlignmentSummary a = Summary(WithTags("NM:i:1\tMD:Z:2A1\tAS:i:300\tXF:f:1.5"));
  // 1 fits in 'C', 300 in 'S': the same values stored narrower, and in another order.
  const bam1_t* narrow = WithTags("XF:f:1.5\tAS:i:300\tMD:Z:2A1\tNM:i:1");
  const AlignmentSummary b = Summary(narrow);
  EXPECT_EQ(a.tags, b.tags);
  EXPECT_EQ(a.all_tags, b.all_tags);
  EXPECT_NE(a.tags, 0u);
  EXPECT_EQ(DiffFields(a, b, 0), 0u);
}

TEST_F(AlignmentRecordTest, TagsDifferByValueNameKindAndMultiplicity) {
  const AlignmentSummary base = Summary(WithTags("NM:i:1\tXH:Z:2A"));
  for (const char* other :
       {"NM:i:2\tXH:Z:2A", "NM:i:1\tXH:Z:2C", "XM:i:1\tXH:Z:2A", "NM:i:1\tXH:H:2A", "NM:i:1",
        "NM:i:1\tXH:Z:2A\tNM:i:1", "NM:A:1\tXH:Z:2A", "NM:B:i,1\tXH:Z:2A", ""}) {
    const AlignmentSummary s = Summary(WithTags(other));
    EXPECT_NE(s.tags, base.tags) << other;
    EXPECT_EQ(DiffFields(base, s, 0), kFieldTags) << other;
  }
  EXPECT_EQ(Summary(WithTags("")).tags, 0u);
}

TEST_F(AlignmentRecordTest, IntegerArraysCompareWidenedFloatArraysByBytes) {
  EXPECT_EQ(Summary(WithTags("ZB:B:c,1,-2")).tags, Summary(WithTags("ZB:B:i,1,-2")).tags);
  EXPECT_NE(Summary(WithTags("ZB:B:c,1,-2")).tags, Summary(WithTags("ZB:B:c,-2,1")).tags);
  EXPECT_NE(Summary(WithTags("ZB:B:f,1.5")).tags, Summary(WithTags("ZB:B:f,2.5")).tags);
  EXPECT_NE(Summary(WithTags("ZB:B:f,1.5")).tags, Summary(WithTags("ZB:f:1.5")).tags);
}

TEST_F(AlignmentRecordTest, IgnoredTagsChangeOnlyTheDigestOfAllTags) {
  TagFilter ignore_xs;
  ignore_xs.ignore = {"XS"};
  const AlignmentSummary a = Summary(WithTags("NM:i:1\tXS:i:20"), ignore_xs);
  const AlignmentSummary b = Summary(WithTags("NM:i:1\tXS:i:30"), ignore_xs);
  EXPECT_EQ(a.tags, b.tags);
  EXPECT_NE(a.all_tags, b.all_tags);
  EXPECT_EQ(DiffFields(a, b, 0), kFieldIgnoredTags);
  EXPECT_EQ(a.tags, Summary(WithTags("NM:i:1")).tags);  // as if XS were absent

  TagFilter only_nm;
  only_nm.restricted = true;
  only_nm.only = {"NM", "XS"};
  only_nm.ignore = {"XS"};
  const AlignmentSummary c = Summary(WithTags("NM:i:1\tXS:i:20\tMD:Z:4"), only_nm);
  const AlignmentSummary d = Summary(WithTags("NM:i:1\tMD:Z:3"), only_nm);
  EXPECT_EQ(DiffFields(c, d, 0), kFieldIgnoredTags);
}

TEST_F(AlignmentRecordTest, TagTableFollowsTheFilter) {
  TagFilter all;
  all.ignore = {"XS", "AS"};
  const TagTable t(all);
  EXPECT_TRUE(t.Compared('N' << 8 | 'M'));
  EXPECT_FALSE(t.Compared('X' << 8 | 'S'));
  EXPECT_FALSE(t.Compared('A' << 8 | 'S'));
  TagFilter only;
  only.restricted = true;
  only.only = {"NM"};
  const TagTable u(only);
  EXPECT_TRUE(u.Compared('N' << 8 | 'M'));
  EXPECT_FALSE(u.Compared('M' << 8 | 'D'));
  TagFilter none;
  none.restricted = true;
  EXPECT_FALSE(TagTable(none).Compared('N' << 8 | 'M'));
}

TEST_F(AlignmentRecordTest, PairingKeysOfOneReadDifferInTheirHighBits) {
  // The high 32 bits choose the pass: a read's mates and secondary records must spread over
  // passes like any other records, or a read with more records than one pass holds could never
  // be split. Two random keys share them once in 2^32; 500 reads, three keys each.
  int shared = 0;
  for (int i = 0; i < 500; ++i) {
    const std::string name = "read" + std::to_string(i);
    const bam1_t* first = Parse(name + "\t99\tchr1\t100\t60\t4M\t=\t300\t204\tACGT\tIIII");
    const bam1_t* second = Parse(name + "\t147\tchr1\t300\t60\t4M\t=\t100\t-204\tACGT\tIIII");
    const bam1_t* other = Parse(name + "\t355\tchr1\t700\t0\t4M\t=\t300\t0\tACGT\tIIII");
    const uint64_t a = PairingKey(first, Summary(first)) >> 32;
    const uint64_t b = PairingKey(second, Summary(second)) >> 32;
    const uint64_t c = PairingKey(other, Summary(other)) >> 32;
    shared += (a == b) + (a == c) + (b == c);
  }
  EXPECT_EQ(shared, 0);
}

TEST_F(AlignmentRecordTest, MalformedTagsAreCorruption) {
  bam1_t* b = records_.emplace_back(bam_init1()).get();
  ASSERT_NE(bam_set1(b, 2, "r1", 4, -1, -1, 0, 0, nullptr, -1, -1, 0, 0, nullptr, nullptr, 8), 0);
  const uint8_t value[4] = {1, 0, 0, 0};
  ASSERT_EQ(bam_aux_append(b, "ZZ", 'i', 4, value), 0);
  b->l_data -= 4;  // the tag cut to its name and type
  TagScratch scratch;
  auto s = Summarize(b, ContigMap(), TagTable(TagFilter{}), &scratch);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace cutover
