#include "trim/adapter_spec.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/temp_dir.h"

namespace cutover::trim {
namespace {

Result<std::vector<Adapter>> Make(const std::vector<AdapterSpecText>& specs,
                                  SearchParameters defaults = {}) {
  AdapterNamer namer;
  return MakeAdapters(specs, defaults, &namer);
}

Adapter One(AdapterOption option, std::string text, SearchParameters defaults = {}) {
  auto a = Make({{option, text}}, defaults);
  EXPECT_TRUE(a.ok()) << text << ": " << a.status().ToString();
  EXPECT_EQ(a->size(), 1u);
  return std::move(a->front());
}

TEST(AdapterSpecTest, KindsFromOptionAndPlacement) {
  using K = AdapterKind;
  EXPECT_EQ(One(AdapterOption::kBack, "ACGT").first().kind(), K::kBack);
  EXPECT_EQ(One(AdapterOption::kBack, "ACGT$").first().kind(), K::kSuffix);
  EXPECT_EQ(One(AdapterOption::kBack, "ACGTX").first().kind(), K::kNonInternalBack);
  EXPECT_EQ(One(AdapterOption::kFront, "ACGT").first().kind(), K::kFront);
  EXPECT_EQ(One(AdapterOption::kFront, "^ACGT").first().kind(), K::kPrefix);
  EXPECT_EQ(One(AdapterOption::kFront, "xACGT").first().kind(), K::kNonInternalFront);
  EXPECT_EQ(One(AdapterOption::kFront, "ACGT;rightmost").first().kind(), K::kRightmostFront);
  EXPECT_EQ(One(AdapterOption::kAnywhere, "ACGT").first().kind(), K::kAnywhere);
  // -a ADAPTER... is a 5' adapter, -a ...ADAPTER a 3' one.
  EXPECT_EQ(One(AdapterOption::kBack, "ACGT...").first().kind(), K::kFront);
  EXPECT_EQ(One(AdapterOption::kBack, "...ACGT").first().kind(), K::kBack);
}

TEST(AdapterSpecTest, SequenceNormalisedAndBracesExpanded) {
  EXPECT_EQ(One(AdapterOption::kBack, "acgu").first().sequence(), "ACGT");
  EXPECT_EQ(One(AdapterOption::kBack, "ACGI").first().sequence(), "ACGN");
  EXPECT_EQ(One(AdapterOption::kBack, "TGA{5}CT").first().sequence(), "TGAAAAACT");
  EXPECT_EQ(One(AdapterOption::kBack, "A{0}CG").first().sequence(), "CG");
  EXPECT_EQ(*ExpandBraces("A{3}C{2}"), "AAACC");
  EXPECT_FALSE(ExpandBraces("{3}A").ok());
  EXPECT_FALSE(ExpandBraces("A{3").ok());
  EXPECT_FALSE(ExpandBraces("A{x}").ok());
}

TEST(AdapterSpecTest, NamesAreNumberedAcrossCalls) {
  AdapterNamer namer;
  auto r1 = MakeAdapters({{AdapterOption::kBack, "ACGT"}, {AdapterOption::kBack, "x=GGCC"},
                          {AdapterOption::kFront, "TTAA"}},
                         {}, &namer);
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ((*r1)[0].name(), "1");
  EXPECT_EQ((*r1)[1].name(), "x");
  EXPECT_EQ((*r1)[2].name(), "2");
  auto r2 = MakeAdapters({{AdapterOption::kBack, "CCCC"}}, {}, &namer);
  EXPECT_EQ((*r2)[0].name(), "3");  // R2's adapters continue the count, as in cutadapt
}

TEST(AdapterSpecTest, Parameters) {
  Adapter a = One(AdapterOption::kBack, "ACGTACGTAC;e=0.2;o=5;noindels");
  EXPECT_DOUBLE_EQ(a.first().max_error_rate(), 0.2);
  EXPECT_EQ(a.first().min_overlap(), 5);
  EXPECT_FALSE(a.first().indels());
  // An error count from 1 up is divided by the number of non-N bases.
  Adapter b = One(AdapterOption::kBack, "ACGTANNNNN", SearchParameters{.max_errors = 2});
  EXPECT_DOUBLE_EQ(b.first().max_error_rate(), 0.4);
  EXPECT_EQ(b.first().effective_length(), 5);
  // Anchored adapters must match in full.
  EXPECT_EQ(One(AdapterOption::kFront, "^ACGTACGT").first().min_overlap(), 8);
  // The overlap never exceeds the adapter length.
  EXPECT_EQ(One(AdapterOption::kBack, "ACG", SearchParameters{.min_overlap = 5})
                .first()
                .min_overlap(),
            3);
}

TEST(AdapterSpecTest, LinkedAdapters) {
  Adapter a = One(AdapterOption::kBack, "name=^AAAAAA...TTTTTT");
  ASSERT_TRUE(a.linked());
  EXPECT_EQ(a.name(), "name");
  EXPECT_EQ(a.first().kind(), AdapterKind::kPrefix);
  EXPECT_EQ(a.second().kind(), AdapterKind::kBack);
  EXPECT_TRUE(a.front_required());    // anchored
  EXPECT_FALSE(a.back_required());    // not anchored
  Adapter g = One(AdapterOption::kFront, "AAAAAA...TTTTTT");
  EXPECT_TRUE(g.front_required());    // -g: both required
  EXPECT_TRUE(g.back_required());
  Adapter o = One(AdapterOption::kFront, "AAAAAA;optional...TTTTTT");
  EXPECT_FALSE(o.front_required());
}

TEST(AdapterSpecTest, Errors) {
  auto msg = [](const std::vector<AdapterSpecText>& s) {
    auto r = Make(s);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(msg({{AdapterOption::kBack, "ACGTZ"}}).find("'Z'"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kBack, "^ACGT"}}).find("3' adapter"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kFront, "ACGT$"}}).find("5' adapter"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kAnywhere, "^ACGT"}}).find("anywhere"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kFront, "^XACGT"}}).find("multiple placement"),
            std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kBack, "ACGT;o=5"}}).find("exceeds"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kBack, "ACGT$;o=2"}}).find("anchored"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kBack, "ACGT;bogus=1"}}).find("bogus"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kBack, ""}}).find("empty"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kBack, "ACGT;required"}}).find("linked"), std::string::npos);
  EXPECT_NE(msg({{AdapterOption::kBack, "file:/nonexistent/adapters.fa"}})
                .find("/nonexistent/adapters.fa"),
            std::string::npos);
}

TEST(AdapterSpecTest, AdaptersFromAFastaFile) {
  TestTempDir dir;
  const std::string path =
      dir.Write("adapters.fa", "# comment\n>first adapter one\nACGT\nACGT\n\n>\nGGGGCC\n>third\nTTTT$\n")
          .string();
  AdapterNamer namer;
  auto a = MakeAdapters({{AdapterOption::kBack, "file:" + path + ";e=0.2"}}, {}, &namer);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), 3u);
  EXPECT_EQ((*a)[0].name(), "first");
  EXPECT_EQ((*a)[0].first().sequence(), "ACGTACGT");
  EXPECT_DOUBLE_EQ((*a)[0].first().max_error_rate(), 0.2);
  EXPECT_EQ((*a)[1].name(), "1");  // an empty header gets a number
  EXPECT_EQ((*a)[2].first().kind(), AdapterKind::kSuffix);
  auto anchored = MakeAdapters({{AdapterOption::kFront, "^file:" + path}}, {}, &namer);
  ASSERT_FALSE(anchored.ok());  // "^TTTT$" has two placements
}

}  // namespace
}  // namespace cutover::trim
