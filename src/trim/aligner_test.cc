#include "trim/aligner.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>

#include <fmt/format.h>

#include "trim/oracle_test_util.h"

namespace cutover::trim {
namespace {

constexpr int kBack = kQueryStart | kQueryStop | kReferenceEnd;         // -a
constexpr int kFront = kQueryStart | kQueryStop | kReferenceStart;      // -g
constexpr int kPrefix = kQueryStop;                                     // -g ^ADAPTER
constexpr int kSuffix = kQueryStart;                                    // -a ADAPTER$
constexpr int kBackNotInternal = kQueryStart | kReferenceEnd;           // -a ADAPTERX
constexpr int kFrontNotInternal = kReferenceStart | kQueryStop;         // -g XADAPTER
constexpr const char* kIllumina = "AGATCGGAAGAGC";                     // m = 13, k = 1

std::optional<Alignment> Align(std::string_view ref, std::string_view read, int flags,
                               int min_overlap = 3, double rate = 0.1, bool wildcard_ref = false,
                               bool wildcard_query = false, int indel_cost = 1) {
  AlignerOptions o;
  o.flags = flags;
  o.min_overlap = min_overlap;
  o.max_error_rate = rate;
  o.wildcard_ref = wildcard_ref;
  o.wildcard_query = wildcard_query;
  o.indel_cost = indel_cost;
  auto a = Aligner::Create(ref, o);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a->Locate(read);
}

// ref_start, ref_stop, query_start, query_stop, score, errors
Alignment A(int rs, int re, int qs, int qe, int score, int errors) {
  return Alignment{rs, re, qs, qe, score, errors};
}

TEST(AlignerTest, ErrorsAllowedIsTheFloorBounded) {
  EXPECT_EQ(ErrorsAllowed(0.1, 13), 1);
  EXPECT_EQ(ErrorsAllowed(0.1, 9), 0);
  EXPECT_EQ(ErrorsAllowed(0.25, 8), 2);
  EXPECT_EQ(ErrorsAllowed(3.3e11, 1), kMaxErrorsAllowed);  // not an int overflow
  EXPECT_EQ(ErrorsAllowed(1e300, 64), kMaxErrorsAllowed);
}

TEST(AlignerTest, AHugeRateAcceptsAnyMatchAtOnce) {
  // Every prefilter row's bound is computed at once (it counted up to rate * row, for ever).
  for (int flags : {kBack, kFront}) {
    auto m = Align("ACACACACAC", "GGGGGGGGGGGGG", flags, 1, 3.3e11);
    ASSERT_TRUE(m) << flags;
    // No base of the read is in the adapter: every adapter base aligned is an error, accepted.
    EXPECT_GE(m->errors, m->ref_stop - m->ref_start) << flags;
    EXPECT_GT(m->ref_stop, m->ref_start) << flags;
  }
}

TEST(AlignerTest, AdapterAtPositionZero) {
  EXPECT_EQ(Align(kIllumina, "AGATCGGAAGAGCTTT", kBack), A(0, 13, 0, 13, 13, 0));
}

TEST(AlignerTest, PartialOverlapsAtTheReadEndHonourMinOverlap) {
  // The read ends with the adapter's first 3, 2, 1 bases; below 10 bases no error is allowed.
  EXPECT_EQ(Align(kIllumina, "CCCCCCCCCCAGA", kBack, 3), A(0, 3, 10, 13, 3, 0));
  EXPECT_EQ(Align(kIllumina, "CCCCCCCCCCAGA", kBack, 4), std::nullopt);
  EXPECT_EQ(Align(kIllumina, "CCCAG", kBack, 2), A(0, 2, 3, 5, 2, 0));
  EXPECT_EQ(Align(kIllumina, "CCCAG", kBack, 3), std::nullopt);
  EXPECT_EQ(Align(kIllumina, "CCCCA", kBack, 1), A(0, 1, 4, 5, 1, 0));
  EXPECT_EQ(Align(kIllumina, "CCCCA", kBack, 2), std::nullopt);
  // 10 bases: one error allowed (AGATCGGTAG vs AGATCGGAAG); 9 bases: none.
  EXPECT_EQ(Align(kIllumina, "CCCCAGATCGGTAG", kBack), A(0, 10, 4, 14, 8, 1));
  EXPECT_EQ(Align(kIllumina, "CCCCAGATCGGTA", kBack), std::nullopt);
  // 11 bases: AGATCGGTAGA vs AGATCGGAAGA, one mismatch.
  EXPECT_EQ(Align(kIllumina, "CCCCAGATCGGTAGA", kBack), A(0, 11, 4, 15, 9, 1));
}

TEST(AlignerTest, CaseInsensitiveRead) {
  EXPECT_EQ(Align(kIllumina, "ttagatcggaagagctt", kBack), A(0, 13, 2, 15, 13, 0));
}

TEST(AlignerTest, NInTheReadIsAMismatchUnlessReadWildcards) {
  EXPECT_EQ(Align(kIllumina, "TTAGATNGGAAGAGCTT", kBack), A(0, 13, 2, 15, 11, 1));
  EXPECT_EQ(Align(kIllumina, "TTAGATNGGAAGAGCTT", kBack, 3, 0.1, false, true),
            A(0, 13, 2, 15, 13, 0));
}

TEST(AlignerTest, NWildcardInTheAdapter) {
  // AGANCGG: effective length 6, k = floor(0.7) = 0; N matches the T and scores as a match.
  EXPECT_EQ(Align("AGANCGG", "TTTAGATCGGTTT", kBack, 3, 0.1, true), A(0, 7, 3, 10, 7, 0));
  // Without adapter wildcards the N is an ordinary character: no match at 0 errors.
  EXPECT_EQ(Align("AGANCGG", "TTTAGATCGGTTT", kBack, 3, 0.1, false), std::nullopt);
  auto only_n = Aligner::Create("NNN", AlignerOptions{.wildcard_ref = true});
  EXPECT_FALSE(only_n.ok());
}

TEST(AlignerTest, DeletionInTheRead) {
  // The read lacks the adapter's C at index 4: one indel (score 20 - 2).
  const std::string adapter = "AGATCGGAAGAGCACACGTCT";  // m = 21, k = 2
  EXPECT_EQ(Align(adapter, "GGGGAGATGGAAGAGCACACGTCTTT", kBack), A(0, 21, 4, 24, 18, 1));
  // With --no-indels (indel cost 100000) the same read has too many mismatches.
  EXPECT_EQ(Align(adapter, "GGGGAGATGGAAGAGCACACGTCTTT", kBack, 3, 0.1, false, false, 100000),
            std::nullopt);
}

TEST(AlignerTest, InsertionInTheRead) {
  const std::string adapter = "AGATCGGAAGAGCACACGTCT";
  EXPECT_EQ(Align(adapter, "GGGGAGATCGGTAAGAGCACACGTCTGG", kBack), A(0, 21, 4, 26, 19, 1));
}

TEST(AlignerTest, TiesKeepTheFirstExactMatch) {
  EXPECT_EQ(Align("ACGTACGTAC", "GGACGTACGTACGGGACGTACGTACGG", kBack), A(0, 10, 2, 12, 10, 0));
}

TEST(AlignerTest, AnEarlierMatchWithAnErrorBeatsALaterExactOne) {
  // cutadapt keeps the first acceptable full-length match; a later one replaces it only when
  // it overlaps it (starts within m/2) or is longer, and scores higher.
  EXPECT_EQ(Align(kIllumina, "TTAGATCGGTAGAGCTTTTTAGATCGGAAGAGCTT", kBack),
            A(0, 13, 2, 15, 11, 1));
  // A partial match at the end does not replace a full-length one.
  EXPECT_EQ(Align(kIllumina, "TTAGATCGGTAGAGCTTTTTAGA", kBack), A(0, 13, 2, 15, 11, 1));
}

TEST(AlignerTest, FrontAdapterPartialAtTheReadStart) {
  // The read starts with the adapter's last 4 bases.
  EXPECT_EQ(Align("ACGTACGTAC", "GTACTTTTTT", kFront), A(6, 10, 0, 4, 4, 0));
  EXPECT_EQ(Align("ACGTACGTAC", "TTTACGTACGTACTTT", kFront), A(0, 10, 3, 13, 10, 0));
}

TEST(AlignerTest, AnchoredWithIndels) {
  EXPECT_EQ(Align("ACGTACGTAC", "ACGTACGTACGGG", kPrefix, 10), A(0, 10, 0, 10, 10, 0));
  // A read base skipped before an anchored adapter costs one error but, as in cutadapt, no
  // score: the skip runs along row 0 of the DP, which carries score 0.
  EXPECT_EQ(Align("ACGTACGTAC", "TACGTACGTACGGG", kPrefix, 10), A(0, 10, 0, 11, 10, 1));
  EXPECT_EQ(Align("ACGTACGTAC", "GGGACGTACGTAC", kSuffix, 10), A(0, 10, 3, 13, 10, 0));
  // The last adapter base missing: one deletion (score 9 - 2), within k = 1.
  EXPECT_EQ(Align("ACGTACGTAC", "GGGACGTACGTA", kSuffix, 10), A(0, 10, 3, 12, 7, 1));
  EXPECT_EQ(Align("ACGTACGTAC", "GGGACGTACGT", kSuffix, 10), std::nullopt);
}

TEST(AlignerTest, NonInternal) {
  // ADAPTERX: may be partial at the read end but must not be followed by other bases.
  EXPECT_EQ(Align("ACGTACGTAC", "TTTACGTACGTAC", kBackNotInternal), A(0, 10, 3, 13, 10, 0));
  EXPECT_EQ(Align("ACGTACGTAC", "TTTACGTACGTACTTT", kBackNotInternal), std::nullopt);
  EXPECT_EQ(Align("ACGTACGTAC", "ACGTACGTACTTT", kFrontNotInternal), A(0, 10, 0, 10, 10, 0));
  EXPECT_EQ(Align("ACGTACGTAC", "TTTACGTACGTACTTT", kFrontNotInternal), std::nullopt);
}

TEST(AlignerTest, EmptyRead) { EXPECT_EQ(Align(kIllumina, "", kBack, 1), std::nullopt); }

TEST(AnchoredComparerTest, PrefixAndSuffix) {
  AlignerOptions o;
  o.min_overlap = 6;
  auto prefix = AnchoredComparer::Create("ACGTAC", false, o);
  ASSERT_TRUE(prefix.ok());
  EXPECT_EQ(prefix->Locate("ACGTACTTT"), A(0, 6, 0, 6, 6, 0));
  EXPECT_EQ(prefix->Locate("ACGTAGTTT"), std::nullopt);  // k = floor(0.6) = 0
  EXPECT_EQ(prefix->Locate("ACGTA"), std::nullopt);      // shorter than the adapter
  auto suffix = AnchoredComparer::Create("ACGTAC", true, o);
  ASSERT_TRUE(suffix.ok());
  EXPECT_EQ(suffix->Locate("TTTACGTAC"), A(0, 6, 3, 9, 6, 0));
  EXPECT_EQ(suffix->Locate("TTTACGTAA"), std::nullopt);
  o.max_error_rate = 0.2;  // k = 1
  auto tolerant = AnchoredComparer::Create("ACGTAC", false, o);
  EXPECT_EQ(tolerant->Locate("ACGTAGTTT"), A(0, 6, 0, 6, 4, 1));
}

// Random cases against the installed cutadapt's own aligner: reads made of random bases with
// a mutated (mismatches, insertions, deletions, Ns, lower case) copy of the adapter, full or
// partial, at a random place; every flag combination cutadapt uses; several error rates,
// overlaps and wildcard settings.
class AlignerOracleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!trim_test::OracleAvailable()) GTEST_SKIP() << "cutadapt is not installed";
  }
};

// Random inputs: rng() values reduced modulo small numbers, always within int.
// NOLINTBEGIN(bugprone-narrowing-conversions)
std::string RandomBases(std::mt19937& rng, int n, bool with_n) {
  static const char kBases[] = "ACGT";
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (with_n && rng() % 25 == 0) {
      s += 'N';
    } else {
      s += kBases[rng() % 4];
    }
  }
  return s;
}

std::string Mutate(std::mt19937& rng, std::string s, int edits) {
  static const char kBases[] = "ACGTN";
  for (int e = 0; e < edits && !s.empty(); ++e) {
    size_t pos = rng() % s.size();
    switch (rng() % 3) {
      case 0: s[pos] = kBases[rng() % 5]; break;
      case 1: s.erase(pos, 1); break;
      default: s.insert(pos, 1, kBases[rng() % 4]); break;
    }
  }
  return s;
}

// Locate() against the whole DP on one read: counts the case and reports the first ten
// differences with what reproduces them. Returns the whole DP's answer.
struct DpComparison {
  int64_t cases = 0;
  int64_t differing = 0;
};
std::optional<Alignment> CompareWithWholeDp(const Aligner& aligner, const std::string& adapter,
                                            const AlignerOptions& o, const std::string& read,
                                            DpComparison* c) {
  auto fast = aligner.Locate(read);
  auto full = aligner.LocateFull(read);
  ++c->cases;
  if (fast != full && ++c->differing <= 10) {
    ADD_FAILURE() << (o.flags == kFront ? "5'" : "3'") << " adapter " << adapter << " rate "
                  << o.max_error_rate << " overlap " << o.min_overlap << " indel "
                  << o.indel_cost << "\nread " << read;
  }
  return full;
}

TEST_F(AlignerOracleTest, RandomCasesMatchCutadapt) {
  std::mt19937 rng(20240601);
  const int kFlags[] = {kBack, kFront, kSemiglobal, kPrefix, kSuffix, kBackNotInternal,
                        kFrontNotInternal};
  const double kRates[] = {0.0, 0.1, 0.1, 0.15, 0.2, 0.3};
  struct Case {
    std::string ref, read;
    AlignerOptions options;
  };
  std::vector<Case> cases;
  std::vector<std::string> lines;
  for (int c = 0; c < 6000; ++c) {
    Case k;
    int m = 3 + rng() % 30;
    k.ref = RandomBases(rng, m, rng() % 6 == 0);
    if (k.ref.find_first_not_of('N') == std::string::npos) k.ref[0] = 'A';
    std::string piece = k.ref;
    if (rng() % 3 == 0) piece = piece.substr(rng() % piece.size());
    if (rng() % 3 == 0) piece = piece.substr(0, 1 + rng() % piece.size());
    piece = Mutate(rng, piece, rng() % 4);
    std::string before = RandomBases(rng, rng() % 40, rng() % 4 == 0);
    std::string after = rng() % 2 ? "" : RandomBases(rng, rng() % 40, rng() % 4 == 0);
    k.read = before + piece + after;
    if (rng() % 5 == 0) {
      for (char& ch : k.read) ch = static_cast<char>(std::tolower(ch));
    }
    k.options.flags = kFlags[rng() % 7];
    k.options.max_error_rate = kRates[rng() % 6];
    k.options.min_overlap = 1 + rng() % 5;
    k.options.wildcard_ref = rng() % 3 == 0;
    k.options.wildcard_query = rng() % 4 == 0;
    k.options.indel_cost = rng() % 4 == 0 ? 100000 : 1;
    lines.push_back(fmt::format("align\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", k.ref, k.read,
                                k.options.flags, k.options.max_error_rate,
                                int(k.options.wildcard_ref), int(k.options.wildcard_query),
                                k.options.indel_cost, k.options.min_overlap));
    cases.push_back(k);
  }
  std::vector<std::string> expected = trim_test::RunOracle(lines);
  ASSERT_EQ(expected.size(), cases.size());
  int failures = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    auto aligner = Aligner::Create(cases[i].ref, cases[i].options);
    ASSERT_TRUE(aligner.ok());
    auto got = aligner->Locate(cases[i].read);
    std::string text = got ? fmt::format("{} {} {} {} {} {}", got->ref_start, got->ref_stop,
                                         got->query_start, got->query_stop, got->score,
                                         got->errors)
                           : "None";
    if (text != expected[i] && ++failures <= 20) {
      ADD_FAILURE() << lines[i] << "\n  cutadapt: " << expected[i] << "\n  ours:     " << text;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST_F(AlignerOracleTest, AnchoredComparerMatchesCutadapt) {
  std::mt19937 rng(7);
  std::vector<std::string> lines;
  struct Case {
    std::string ref, read;
    bool suffix;
    AlignerOptions options;
  };
  std::vector<Case> cases;
  for (int c = 0; c < 2000; ++c) {
    Case k;
    k.ref = RandomBases(rng, 3 + rng() % 15, rng() % 5 == 0);
    if (k.ref.find_first_not_of('N') == std::string::npos) k.ref[0] = 'C';
    k.suffix = rng() % 2;
    std::string piece = Mutate(rng, k.ref, rng() % 3);
    std::string other = RandomBases(rng, rng() % 10, rng() % 3 == 0);
    k.read = k.suffix ? other + piece : piece + other;
    k.options.max_error_rate = (rng() % 4) * 0.1;
    k.options.wildcard_ref = rng() % 2;
    k.options.wildcard_query = rng() % 3 == 0;
    k.options.min_overlap = static_cast<int>(k.ref.size());
    lines.push_back(fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}", k.suffix ? "suffix" : "prefix",
                                k.ref, k.read, k.options.max_error_rate,
                                int(k.options.wildcard_ref), int(k.options.wildcard_query),
                                k.options.min_overlap));
    cases.push_back(k);
  }
  std::vector<std::string> expected = trim_test::RunOracle(lines);
  ASSERT_EQ(expected.size(), cases.size());
  int failures = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    auto c = AnchoredComparer::Create(cases[i].ref, cases[i].suffix, cases[i].options);
    ASSERT_TRUE(c.ok());
    auto got = c->Locate(cases[i].read);
    std::string text = got ? fmt::format("{} {} {} {} {} {}", got->ref_start, got->ref_stop,
                                         got->query_start, got->query_stop, got->score,
                                         got->errors)
                           : "None";
    if (text != expected[i] && ++failures <= 20) {
      ADD_FAILURE() << lines[i] << "\n  cutadapt: " << expected[i] << "\n  ours:     " << text;
    }
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace cutover::trim

namespace cutover::trim {
namespace {

// The prefiltered Locate() must give exactly what the whole DP gives. Reads are built to hit
// the hard cases: several (mutated) adapter copies, partial copies at the end, Ns, lower case.
TEST(AlignerPrefilterTest, SameAsTheWholeDp) {
  std::mt19937 rng(4242);
  const double kRates[] = {0.0, 0.05, 0.1, 0.1, 0.1, 0.15, 0.2, 0.25};
  DpComparison compared;
  int64_t with_match = 0;
  for (int a = 0; a < 300; ++a) {
    AlignerOptions o;
    o.flags = kBack;
    o.max_error_rate = kRates[rng() % 8];
    o.min_overlap = 1 + rng() % 5;
    o.indel_cost = rng() % 5 == 0 ? 100000 : 1;
    std::string adapter = RandomBases(rng, 5 + rng() % 40, false);
    auto aligner = Aligner::Create(adapter, o);
    ASSERT_TRUE(aligner.ok());
    for (int r = 0; r < 400; ++r) {
      std::string read = RandomBases(rng, rng() % 120, rng() % 3 == 0);
      int copies = rng() % 3;
      for (int c = 0; c < copies; ++c) {
        std::string piece = Mutate(rng, adapter, rng() % 4);
        size_t at = read.empty() ? 0 : rng() % (read.size() + 1);
        read.insert(at, piece);
      }
      if (rng() % 2) read += Mutate(rng, adapter.substr(0, 1 + rng() % adapter.size()), rng() % 2);
      if (rng() % 10 == 0) {
        for (char& ch : read) ch = static_cast<char>(std::tolower(ch));
      }
      if (CompareWithWholeDp(*aligner, adapter, o, read, &compared)) ++with_match;
    }
  }
  EXPECT_EQ(compared.differing, 0) << "of " << compared.cases;
  EXPECT_GT(with_match, compared.cases / 3);
}

}  // namespace
}  // namespace cutover::trim

namespace cutover::trim {
namespace {

// The same for 5' adapters: copies anywhere, partial copies (the adapter's end) at the read
// start, reads up to 600 bases so that the DP often stops well before the read end.
TEST(AlignerPrefilterTest, FrontAdaptersSameAsTheWholeDp) {
  std::mt19937 rng(1818);
  const double kRates[] = {0.0, 0.05, 0.1, 0.1, 0.1, 0.15, 0.2, 0.25};
  DpComparison compared;
  int64_t with_match = 0;
  for (int a = 0; a < 300; ++a) {
    AlignerOptions o;
    o.flags = kFront;
    o.max_error_rate = kRates[rng() % 8];
    o.min_overlap = 1 + rng() % 5;
    o.indel_cost = rng() % 5 == 0 ? 100000 : 1;
    std::string adapter = RandomBases(rng, 5 + rng() % 40, false);
    auto aligner = Aligner::Create(adapter, o);
    ASSERT_TRUE(aligner.ok());
    for (int r = 0; r < 400; ++r) {
      std::string read = RandomBases(rng, rng() % (r % 4 == 0 ? 600 : 120), rng() % 3 == 0);
      int copies = rng() % 3;
      for (int c = 0; c < copies; ++c) {
        std::string piece = Mutate(rng, adapter, rng() % 4);
        size_t at = read.empty() ? 0 : rng() % (read.size() + 1);
        read.insert(at, piece);
      }
      if (rng() % 2) {
        read = Mutate(rng, adapter.substr(rng() % adapter.size()), rng() % 2) + read;
      }
      if (rng() % 10 == 0) {
        for (char& ch : read) ch = static_cast<char>(std::tolower(ch));
      }
      if (CompareWithWholeDp(*aligner, adapter, o, read, &compared)) ++with_match;
    }
  }
  EXPECT_EQ(compared.differing, 0) << "of " << compared.cases;
  EXPECT_GT(with_match, compared.cases / 3);
}

}  // namespace
}  // namespace cutover::trim

namespace cutover::trim {
namespace {

// Reads holding an exact copy of the adapter, with mutated copies and stray adapter pieces
// before or after it and partial copies at the ends, at error rates on both sides of the
// exact-copy shortcut's bound (2k <= m / 2): the result must be the whole DP's.
TEST(AlignerPrefilterTest, ExactCopiesSameAsTheWholeDp) {
  std::mt19937 rng(99);
  const double kRates[] = {0.0, 0.1, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4};
  DpComparison compared;
  int64_t exact_found = 0;
  for (int a = 0; a < 400; ++a) {
    AlignerOptions o;
    o.flags = a % 2 == 0 ? kBack : kFront;
    o.max_error_rate = kRates[rng() % 8];
    o.min_overlap = 1 + rng() % 5;
    o.indel_cost = rng() % 5 == 0 ? 100000 : 1;
    // A quarter of the adapters repeat a unit of 1-3 bases (and so do their reads): there an
    // alignment with errors often ends shortly before an exact copy does.
    const bool periodic = a % 4 < 2 && rng() % 2 == 0;
    const std::string unit = RandomBases(rng, 1 + rng() % 3, false);
    auto bases = [&](int n) {
      if (!periodic) return RandomBases(rng, n, rng() % 4 == 0);
      std::string s;
      while (static_cast<int>(s.size()) < n) s += rng() % 8 == 0 ? RandomBases(rng, 1, false) : unit;
      return s.substr(0, n);
    };
    std::string adapter = periodic ? bases(4 + rng() % 30) : RandomBases(rng, 4 + rng() % 30, false);
    auto aligner = Aligner::Create(adapter, o);
    ASSERT_TRUE(aligner.ok());
    for (int r = 0; r < 300; ++r) {
      std::string read = bases(rng() % 80);
      read.insert(read.empty() ? 0 : rng() % (read.size() + 1), adapter);
      const int extras = rng() % 3;
      for (int e = 0; e < extras; ++e) {
        // A mutated copy, or a piece of the adapter, somewhere.
        const size_t from = rng() % adapter.size();
        std::string extra = rng() % 2 ? Mutate(rng, adapter, 1 + rng() % 3)
                                      : adapter.substr(from, 1 + rng() % (adapter.size() - from));
        read.insert(rng() % (read.size() + 1), extra);
      }
      if (rng() % 3 == 0) read += adapter.substr(0, 1 + rng() % adapter.size());
      if (rng() % 3 == 0) read = adapter.substr(rng() % adapter.size()) + read;
      auto full = CompareWithWholeDp(*aligner, adapter, o, read, &compared);
      if (full && full->errors == 0 &&
          full->ref_stop - full->ref_start == static_cast<int>(adapter.size())) {
        ++exact_found;
      }
    }
  }
  EXPECT_EQ(compared.differing, 0) << "of " << compared.cases;
  EXPECT_GT(exact_found, compared.cases / 2);
}

// NOLINTEND(bugprone-narrowing-conversions)
}  // namespace
}  // namespace cutover::trim
