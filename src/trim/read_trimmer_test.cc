#include "trim/read_trimmer.h"

#include <gtest/gtest.h>

namespace cutover::trim {
namespace {

struct Owned {
  std::string name, seq, qual;
  ReadView view() const { return {name, seq, qual}; }
};

ReadTrimmer Make(const TrimOptions& o) {
  auto t = ReadTrimmer::Create(o);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(*t);
}

TEST(ReadTrimmerTest, CutThenQualityThenAdapter) {
  TrimOptions o;
  o.adapters1 = {{AdapterOption::kBack, "AGATCGGAAGAGC"}};
  o.cut1 = {2};
  o.quality1 = QualityCutoffs{0, 20};
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  // 2 bases cut, then the two low-quality bases at the end, then the adapter.
  Owned r{"r1", "GGACGTACGTAGATCGGAAGAGCTT", "IIIIIIIIIIIIIIIIIIIIIII##"};
  ReadView v = r.view();
  ASSERT_TRUE(t.Process(&v, &s));
  EXPECT_EQ(v.sequence, "ACGTACGT");
  EXPECT_EQ(v.quality, "IIIIIIII");
  EXPECT_EQ(s.reads, 1);
  EXPECT_EQ(s.input_bp[0], 25);
  EXPECT_EQ(*s.quality_trimmed_bp[0], 2);
  EXPECT_EQ(*s.with_adapters[0], 1);
  // The adapter matched in full at the end of the 21-base read: 13 bases removed, 0 errors;
  // the base before it was a T.
  const EndStats& back = s.adapters[0][0].back;
  ASSERT_EQ(back.errors.size(), 14u);
  ASSERT_EQ(back.errors[13].size(), 1u);
  EXPECT_EQ(back.errors[13][0], 1);
  EXPECT_EQ(back.adjacent[3], 1);
  EXPECT_EQ(s.written, 1);
  EXPECT_EQ(s.written_bp[0], 8);
}

TEST(ReadTrimmerTest, MinimumLengthAndDiscardUntrimmed) {
  TrimOptions o;
  o.adapters1 = {{AdapterOption::kBack, "AGATCGGAAGAGC"}};
  o.minimum_length = LengthLimit{5, std::nullopt};
  o.discard_untrimmed = true;
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  Owned short_read{"a", "ACGAGATCGGAAGAGC", std::string(16, 'I')};
  Owned untrimmed{"b", "ACGTACGTACGT", std::string(12, 'I')};
  Owned good{"c", "ACGTACGAGATCGGAAGAGC", std::string(20, 'I')};
  ReadView v1 = short_read.view(), v2 = untrimmed.view(), v3 = good.view();
  EXPECT_FALSE(t.Process(&v1, &s));
  EXPECT_FALSE(t.Process(&v2, &s));
  EXPECT_TRUE(t.Process(&v3, &s));
  EXPECT_EQ(s.filtered_count(Filter::kTooShort), 1);
  EXPECT_EQ(s.filtered_count(Filter::kDiscardUntrimmed), 1);
  EXPECT_FALSE(s.filtered[static_cast<int>(Filter::kTooLong)].has_value());
  EXPECT_EQ(s.written, 1);
}

TEST(ReadTrimmerTest, MaxNAsCountAndFraction) {
  TrimOptions o;
  o.max_n = 1;
  ReadTrimmer count = Make(o);
  o.max_n = 0.2;
  ReadTrimmer fraction = Make(o);
  TrimStats s = count.NewStats();
  Owned one{"a", "ACNTA", "IIIII"}, two{"b", "ACNnA", "IIIII"};
  ReadView v = one.view();
  EXPECT_TRUE(count.Process(&v, &s));
  v = two.view();
  EXPECT_FALSE(count.Process(&v, &s));  // lower-case n counts too
  v = one.view();
  EXPECT_TRUE(fraction.Process(&v, &s));  // 1/5 is not above 0.2
  v = two.view();
  EXPECT_FALSE(fraction.Process(&v, &s));
}

TEST(ReadTrimmerTest, TrimNAndShorten) {
  TrimOptions o;
  o.trim_n = true;
  o.shorten = -3;
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  Owned r{"a", "NNACGTANN", "123456789"};
  ReadView v = r.view();
  ASSERT_TRUE(t.Process(&v, &s));
  // --length runs before --trim-n: the last 3 bases "ANN", then the Ns go.
  EXPECT_EQ(v.sequence, "A");
  EXPECT_EQ(v.quality, "7");
}

TEST(ReadTrimmerTest, PairFilterModes) {
  TrimOptions o;
  o.paired = true;
  o.minimum_length = LengthLimit{4, 4};
  Owned long_read{"r/1", "ACGTACGT", "IIIIIIII"}, short_read{"r/2", "AC", "II"};
  for (auto [mode, kept] : {std::pair{PairFilter::kAny, false}, std::pair{PairFilter::kBoth, true},
                            std::pair{PairFilter::kFirst, true}}) {
    o.pair_filter = mode;
    ReadTrimmer t = Make(o);
    TrimStats s = t.NewStats();
    ReadView a = long_read.view(), b = short_read.view();
    EXPECT_EQ(t.ProcessPair(&a, &b, &s), kept) << static_cast<int>(mode);
  }
  // A limit for R2 only ("-m :4") looks at R2 whatever the mode.
  o.pair_filter = PairFilter::kFirst;
  o.minimum_length = LengthLimit{std::nullopt, 4};
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  ReadView a = long_read.view(), b = short_read.view();
  EXPECT_FALSE(t.ProcessPair(&a, &b, &s));
}

TEST(ReadTrimmerTest, ExpectedErrorsUseBase33) {
  EXPECT_NEAR(ExpectedErrors("+"), 0.1, 1e-12);    // Q10
  EXPECT_NEAR(ExpectedErrors("5+"), 0.11, 1e-12);  // Q20 + Q10
}

}  // namespace
}  // namespace cutover::trim
