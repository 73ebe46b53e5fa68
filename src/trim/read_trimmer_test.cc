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
  ASSERT_EQ(t.Process(&v, &s), Route::kOutput);
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
  EXPECT_EQ(t.Process(&v1, &s), Route::kDiscard);
  EXPECT_EQ(t.Process(&v2, &s), Route::kDiscard);
  EXPECT_EQ(t.Process(&v3, &s), Route::kOutput);
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
  EXPECT_EQ(count.Process(&v, &s), Route::kOutput);
  v = two.view();
  EXPECT_EQ(count.Process(&v, &s), Route::kDiscard);  // lower-case n counts too
  v = one.view();
  EXPECT_EQ(fraction.Process(&v, &s), Route::kOutput);  // 1/5 is not above 0.2
  v = two.view();
  EXPECT_EQ(fraction.Process(&v, &s), Route::kDiscard);
}

TEST(ReadTrimmerTest, TrimNAndShorten) {
  TrimOptions o;
  o.trim_n = true;
  o.shorten = -3;
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  Owned r{"a", "NNACGTANN", "123456789"};
  ReadView v = r.view();
  ASSERT_EQ(t.Process(&v, &s), Route::kOutput);
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
    EXPECT_EQ(t.ProcessPair(&a, &b, &s) == Route::kOutput, kept) << static_cast<int>(mode);
  }
  // A limit for R2 only ("-m :4") looks at R2 whatever the mode.
  o.pair_filter = PairFilter::kFirst;
  o.minimum_length = LengthLimit{std::nullopt, 4};
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  ReadView a = long_read.view(), b = short_read.view();
  EXPECT_EQ(t.ProcessPair(&a, &b, &s), Route::kDiscard);
}

TEST(ReadTrimmerTest, ExpectedErrorsUseBase33) {
  EXPECT_NEAR(ExpectedErrors("+"), 0.1, 1e-12);    // Q10
  EXPECT_NEAR(ExpectedErrors("5+"), 0.11, 1e-12);  // Q20 + Q10
}

// --action: each case reasoned from cutadapt's AdapterCutter (the removed part is the
// remainder interval's complement; retain keeps the last match's adapter) and confirmed with
// cutadapt 4.2. Qualities "ABC..." show which bases were kept.
TEST(ReadTrimmerTest, Actions) {
  struct Case {
    AdapterAction action;
    std::vector<AdapterSpecText> adapters;
    int times;
    std::string read, sequence, quality;
  };
  const std::string back = "AGATCGGAAGAGC", front = "GGACGT";
  // Each read's quality is Letters(its length): "ABC...ZABC...".
  auto Letters = [](size_t n) {
    std::string q;
    for (size_t i = 0; i < n; ++i) q += static_cast<char>('A' + i % 26);
    return q;
  };
  const std::string r1 = "ACGTAGATCGGAAGAGCAAA", q1 = Letters(r1.size());
  const std::string r2 = "TTTGGACGTCCCCCC", q2 = Letters(r2.size());
  const std::string r3 = "TTGGACGTCCCCAGATCGGAAGAGCAA", q3 = Letters(r3.size());
  const std::string r4 = "TTTGGACGTCCCCCCAGATCGGAAGAGCAA", q4 = Letters(r4.size());
  const std::vector<AdapterSpecText> a3 = {{AdapterOption::kBack, back}};
  const std::vector<AdapterSpecText> g5 = {{AdapterOption::kFront, front}};
  const std::vector<AdapterSpecText> linked = {{AdapterOption::kFront, front + "..." + back}};
  const std::vector<AdapterSpecText> both = {{AdapterOption::kBack, back},
                                             {AdapterOption::kFront, front}};
  using A = AdapterAction;
  const std::vector<Case> cases = {
      {A::kTrim, a3, 1, r1, "ACGT", "ABCD"},
      {A::kRetain, a3, 1, r1, "ACGTAGATCGGAAGAGC", "ABCDEFGHIJKLMNOPQ"},
      {A::kMask, a3, 1, r1, "ACGTNNNNNNNNNNNNNNNN", q1},
      {A::kLowercase, a3, 1, r1, "ACGTagatcggaagagcaaa", q1},
      {A::kNone, a3, 1, r1, r1, q1},
      {A::kTrim, g5, 1, r2, "CCCCCC", "JKLMNO"},
      {A::kRetain, g5, 1, r2, "GGACGTCCCCCC", "DEFGHIJKLMNO"},
      {A::kMask, g5, 1, r2, "NNNNNNNNNCCCCCC", q2},
      {A::kLowercase, g5, 1, r2, "tttggacgtCCCCCC", q2},
      {A::kNone, g5, 1, r2, r2, q2},
      // Linked: the 3' part's coordinates count from the end of the 5' part.
      {A::kTrim, linked, 1, r3, "CCCC", "IJKL"},
      {A::kRetain, linked, 1, r3, "GGACGTCCCCAGATCGGAAGAGC", "CDEFGHIJKLMNOPQRSTUVWXY"},
      {A::kMask, linked, 1, r3, "NNNNNNNNCCCCNNNNNNNNNNNNNNN", q3},
      {A::kLowercase, linked, 1, r3, "ttggacgtCCCCagatcggaagagcaa", q3},
      {A::kNone, linked, 1, r3, r3, q3},
      // Two rounds: the 3' adapter (the higher score), then the 5' one in what is left.
      {A::kTrim, both, 2, r4, "CCCCCC", "JKLMNO"},
      {A::kMask, both, 2, r4, "NNNNNNNNNCCCCCCNNNNNNNNNNNNNNN", q4},
      {A::kLowercase, both, 2, r4, "tttggacgtCCCCCCagatcggaagagcaa", q4},
      {A::kNone, both, 2, r4, r4, q4},
      // No match: lowercase still writes the read in upper case; the others leave it.
      {A::kLowercase, a3, 1, "acgtttttt", "ACGTTTTTT", "ABCDEFGHI"},
      {A::kMask, a3, 1, "acgtttttt", "acgtttttt", "ABCDEFGHI"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.read + " action " + std::to_string(static_cast<int>(c.action)));
    TrimOptions o;
    o.adapters1 = c.adapters;
    o.times = c.times;
    o.action = c.action;
    ReadTrimmer t = Make(o);
    TrimStats s = t.NewStats();
    Owned r{"r", c.read, Letters(c.read.size())};
    ReadView v = r.view();
    ASSERT_EQ(t.Process(&v, &s), Route::kOutput);
    EXPECT_EQ(v.sequence, c.sequence);
    EXPECT_EQ(v.quality, c.quality);
    EXPECT_EQ(v.name, "r");
    const bool matched = c.read != "acgtttttt";
    EXPECT_EQ(*s.with_adapters[0], matched ? 1 : 0);
    EXPECT_EQ(s.written_bp[0], static_cast<int64_t>(c.sequence.size()));
  }
}

TEST(ReadTrimmerTest, ActionsKeepFiltersAndPairs) {
  TrimOptions o;
  o.paired = true;
  o.adapters1 = {{AdapterOption::kBack, "AGATCGGAAGAGC"}};
  o.adapters2 = {{AdapterOption::kBack, "AGATCGGAAGAGC"}};
  o.action = AdapterAction::kMask;
  o.discard_untrimmed = true;
  o.pair_filter = PairFilter::kBoth;
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  // Each mate is masked in its own buffer: the first mate's result survives the second's.
  Owned a{"p/1", "ACGTAGATCGGAAGAGCAAA", "ABCDEFGHIJKLMNOPQRST"};
  Owned b{"p/2", "TTTTTTAGATCGGAAGAGCA", "ABCDEFGHIJKLMNOPQRST"};
  ReadView v1 = a.view(), v2 = b.view();
  ASSERT_EQ(t.ProcessPair(&v1, &v2, &s), Route::kOutput);
  EXPECT_EQ(v1.sequence, "ACGTNNNNNNNNNNNNNNNN");
  EXPECT_EQ(v2.sequence, "TTTTTTNNNNNNNNNNNNNN");
  // --discard-untrimmed still sees "untrimmed" as "no adapter found": both mates without one.
  Owned c{"q/1", "CCCCCCCCCC", "IIIIIIIIII"}, d{"q/2", "GGGGGGGGGG", "IIIIIIIIII"};
  v1 = c.view();
  v2 = d.view();
  EXPECT_EQ(t.ProcessPair(&v1, &v2, &s), Route::kDiscard);
  EXPECT_EQ(s.filtered_count(Filter::kDiscardUntrimmed), 1);
}

TEST(ReadTrimmerTest, RetainTakesOneRound) {
  TrimOptions o;
  o.action = AdapterAction::kRetain;
  o.times = 2;
  auto none = ReadTrimmer::Create(o);  // no adapters: cutadapt builds no cutter, no error
  EXPECT_TRUE(none.ok());
  o.adapters1 = {{AdapterOption::kBack, "AGATCGGAAGAGC"}};
  auto t = ReadTrimmer::Create(o);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(t.status().message(), "'retain' cannot be combined with times > 1");
}

// A rejected read is counted as filtered either way; with an output for its filter it goes
// there instead of nowhere. --untrimmed-output takes the untrimmed reads out of the output.
TEST(ReadTrimmerTest, RoutesOfRejectedReads) {
  for (bool outputs : {false, true}) {
    TrimOptions o;
    o.adapters1 = {{AdapterOption::kBack, "AGATCGGAAGAGC"}};
    o.minimum_length = LengthLimit{10, std::nullopt};
    o.maximum_length = LengthLimit{15, std::nullopt};
    o.too_short_output = o.too_long_output = o.untrimmed_output = outputs;
    ReadTrimmer t = Make(o);
    TrimStats s = t.NewStats();
    Owned too_short{"a", "ACGTAGATCGGAAGAGC", std::string(17, 'I')};
    Owned too_long{"b", "CCCCCCCCCCCCCCCCCCAGATCGGAAGAGC", std::string(31, 'I')};
    Owned untrimmed{"c", "ACGTACGTACGT", std::string(12, 'I')};
    Owned kept{"d", "ACGTACGTACGTAGATCGG", std::string(19, 'I')};
    ReadView v = too_short.view();
    EXPECT_EQ(t.Process(&v, &s), outputs ? Route::kTooShort : Route::kDiscard);
    v = too_long.view();
    EXPECT_EQ(t.Process(&v, &s), outputs ? Route::kTooLong : Route::kDiscard);
    v = untrimmed.view();
    EXPECT_EQ(t.Process(&v, &s), outputs ? Route::kUntrimmed : Route::kOutput);
    v = kept.view();
    EXPECT_EQ(t.Process(&v, &s), Route::kOutput);
    EXPECT_EQ(v.sequence, "ACGTACGTACGT");
    EXPECT_EQ(s.filtered_count(Filter::kTooShort), 1);
    EXPECT_EQ(s.filtered_count(Filter::kTooLong), 1);
    EXPECT_EQ(s.filtered[static_cast<int>(Filter::kDiscardUntrimmed)].has_value(), outputs);
    EXPECT_EQ(s.written, outputs ? 1 : 2);
  }
}

// Reasoned by hand from cutadapt's modifiers (read names after --length and --trim-n, in the
// order --length-tag, --strip-suffix, -x/-y, then --zero-cap), and checked against cutadapt
// 4.2 by tests/e2e/trim_golden.sh on real reads.
TEST(ReadTrimmerTest, NameOptionsAndZeroCap) {
  TrimOptions o;
  o.adapters1 = {{AdapterOption::kBack, "x=AGATCGGAAGAGC"}};
  o.cut1 = {2, -1};
  o.quality_base = 64;
  o.length_tag = "length=";
  o.strip_suffixes = {"foo", " "};
  o.prefix = "{name}:";
  o.suffix = ";{name}";
  o.zero_cap = true;
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  // -u 2 and -u -1 leave ACGTACGT + the adapter + T; the adapter takes itself and the T.
  Owned r{"r1 length=150 foo", "GGACGTACGTAGATCGGAAGAGCTT",
          "hhh5hhhhhh" + std::string(15, 'h')};
  ReadView v = r.view();
  ASSERT_EQ(t.Process(&v, &s), Route::kOutput);
  EXPECT_EQ(v.sequence, "ACGTACGT");
  EXPECT_EQ(v.name, "x:r1 length=8;x");  // "length=8 foo" -> "length=8 " -> "length=8"
  EXPECT_EQ(v.quality, "h@hhhhhh");       // '5' is below base 64: capped to '@'
  // No adapter: {name} is "no_adapter"; a suffix not at the end stays.
  Owned r2{"r2 foo x", "ACGTACGTAC", "hhhhhhhhhh"};
  ReadView v2 = r2.view();
  ASSERT_EQ(t.Process(&v2, &s), Route::kOutput);
  EXPECT_EQ(v2.name, "no_adapter:r2 foo x;no_adapter");
  EXPECT_EQ(v2.quality, "hhhhhhh");
}

TEST(ReadTrimmerTest, RenameSeesBothMates) {
  TrimOptions o;
  o.paired = true;
  o.adapters1 = {{AdapterOption::kBack, "a1=AGATCGGAAGAGC"}};
  o.cut2 = {3};
  o.rename = "{id} {rn} {r1.match_sequence} {r2.adapter_name} {cut_prefix}";
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  Owned a{"p/1 c", "ACGTACGTAGATCGGAAGAGC", std::string(21, 'I')};
  Owned b{"p/2 d", "TTTACGTACGTACGT", std::string(15, 'I')};
  ReadView v1 = a.view(), v2 = b.view();
  ASSERT_EQ(t.ProcessPair(&v1, &v2, &s), Route::kOutput);
  EXPECT_EQ(v1.name, "p/1 1 AGATCGGAAGAGC no_adapter ");
  EXPECT_EQ(v2.name, "p/2 2 AGATCGGAAGAGC no_adapter TTT");
  EXPECT_EQ(v1.sequence, "ACGTACGT");
  EXPECT_EQ(v2.sequence, "ACGTACGTACGT");
}

TEST(ReadTrimmerTest, RenameWithLinkedAdapterAndConflicts) {
  TrimOptions o;
  o.adapters1 = {{AdapterOption::kBack, "AAACCC...GGGTTT"}};
  o.rename = "{header} {adapter_name}={match_sequence}";
  ReadTrimmer t = Make(o);
  TrimStats s = t.NewStats();
  Owned r{"r", "AAACCCTACGTAGGGTTTCC", std::string(20, 'I')};
  ReadView v = r.view();
  ASSERT_EQ(t.Process(&v, &s), Route::kOutput);
  EXPECT_EQ(v.sequence, "TACGTA");
  EXPECT_EQ(v.name, "r 1=AAACCC,GGGTTT");
  // cutadapt's checks: --rename with -x; a template it cannot read.
  o.prefix = "p";
  Result<ReadTrimmer> bad = ReadTrimmer::Create(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "Option --rename cannot be combined with --prefix (-x) or --suffix (-y)");
  o.prefix.clear();
  o.rename = "{nope}";
  bad = ReadTrimmer::Create(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "Error in template: Variable 'nope' not recognized");
}

}  // namespace
}  // namespace cutover::trim
