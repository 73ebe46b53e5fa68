#include "qc/contaminant_finder.h"

#include <gtest/gtest.h>

#include <random>

#include "qc/builtin_lists.h"

namespace cutover {
namespace {

ContaminantFinder Finder() {
  auto f = ContaminantFinder::Create(
      {
          {"Adapter A", "GATCGGAAGAGCACACGTCTGAACTCCAGTCAC"},  // 34 bp
          {"Short", "TTGACCAGTAGG"},
      },
      kDefaultFastqcVersion);
  EXPECT_TRUE(f.ok());
  return std::move(*f);
}

TEST(ContaminantFinderTest, ShortQueriesMatchExactlyOnEitherStrand) {
  ContaminantFinder f = Finder();
  auto hit = f.Find("TTGACCAG");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->ToString(), "Short (100% over 8bp)");
  // Reverse complement of "GACCAGTAGG" is "CCTACTGGTC".
  hit = f.Find("CCTACTGGTC");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->ToString(), "Short (100% over 10bp)");
  EXPECT_FALSE(f.Find("TTGACCAGTAGT"));  // 12 bp with a mismatch: no exact hit, too short
}

TEST(ContaminantFinderTest, LongQueriesAllowOneMismatchOverMoreThan20bp) {
  ContaminantFinder f = Finder();
  // The adapter's first 30 bases, then unrelated sequence.
  auto hit = f.Find("GATCGGAAGAGCACACGTCTGAACTCCAGTTTTTTTTTTTTTTTTTTTT");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->name, "Adapter A");
  EXPECT_GT(hit->length, 20);
  // One mismatch among 33 bases: one run of 33 with 1 mismatch, (33-1)*100/33 = 96%.
  std::string q = "GATCGGAAGAGCACACGTCTGAACTCCAGTCAC";
  q[15] = 'T';
  hit = f.Find(q + "GGGGGGGGGGGG");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->length, 33);
  EXPECT_EQ(hit->percent_id, 96);
  EXPECT_FALSE(f.Find(std::string(50, 'A')));
}

TEST(ContaminantFinderTest, IllegalLetters) {
  auto f = ContaminantFinder::Create({{"Bad", "ACGN"}}, kDefaultFastqcVersion);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("Bad"), std::string::npos);
}

TEST(ContaminantFinderTest, EqualLengthHitsRankedByIdentityFrom0121) {
  const std::string exact = "GATCGGAAGAGCACACGTCTGAACTCCAGTCAC";
  std::string one_off = exact;
  one_off[15] = 'T';
  const std::vector<NamedSequence> list = {{"One mismatch", one_off}, {"Exact", exact}};
  const std::string query = exact + "GGGGGGGGGGGG";
  auto old = ContaminantFinder::Create(list, FastqcVersion::k0_11_9);
  auto now = ContaminantFinder::Create(list, FastqcVersion::k0_12_1);
  ASSERT_TRUE(old.ok() && now.ok());
  auto hit = old->Find(query);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->ToString(), "One mismatch (96% over 33bp)") << "0.11.9: the first, same length";
  hit = now->Find(query);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->ToString(), "Exact (100% over 33bp)");
}

// The seed index answers as FastQC's full scan, on FastQC's own contaminant list for both
// versions: queries cut from contaminants (either strand, 20-75 bp, overhanging either end)
// with 0-4 substitutions or Ns, and random ones.
TEST(ContaminantFinderTest, IndexedFindAgreesWithTheFullScan) {
  for (FastqcVersion version : {FastqcVersion::k0_11_9, FastqcVersion::k0_12_1}) {
    std::string warnings;
    std::vector<NamedSequence> list =
        ParseSequenceList(BuiltinListsFor(version).contaminants, &warnings);
    ASSERT_GT(list.size(), 100u);
    auto finder = ContaminantFinder::Create(list, version);
    ASSERT_TRUE(finder.ok());
    std::mt19937 rng(15);
    const std::string bases = "GATCN";
    int hits = 0;
    for (int n = 0; n < 1500; ++n) {
      std::string query;
      const int length = 20 + static_cast<int>(rng() % 56);
      if (n % 5 == 0) {
        for (int i = 0; i < length; ++i) query.push_back(bases[rng() % 4]);
      } else {
        const std::string& c = list[rng() % list.size()].sequence;
        const int start = static_cast<int>(rng() % (c.size() + 20)) - 10;
        for (int i = 0; i < length; ++i) {
          const int at = start + i;
          query.push_back(at >= 0 && at < static_cast<int>(c.size()) ? c[at] : bases[rng() % 4]);
        }
        for (int m = static_cast<int>(rng() % 5); m > 0; --m) query[rng() % length] = bases[rng() % 5];
        if (n % 2 == 0) {
          std::string rc(query.rbegin(), query.rend());
          for (char& ch : rc) ch = ch == 'A' ? 'T' : ch == 'T' ? 'A' : ch == 'G' ? 'C' : ch == 'C' ? 'G' : ch;
          query = rc;
        }
      }
      auto fast = finder->Find(query);
      auto scan = finder->FindByScan(query);
      ASSERT_EQ(fast.has_value(), scan.has_value()) << query;
      if (fast) {
        ++hits;
        EXPECT_EQ(fast->ToString(), scan->ToString()) << query;
      }
    }
    EXPECT_GT(hits, 500);  // the queries do exercise hits
  }
}

}  // namespace
}  // namespace cutover
