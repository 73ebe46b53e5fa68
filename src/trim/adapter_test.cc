#include "trim/adapter.h"

#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>

#include "trim/adapter_spec.h"
#include "trim/oracle_test_util.h"

namespace cutover::trim {
namespace {

// The read left after removing a match, as cutadapt's Match.trimmed().
std::string Trimmed(std::string_view read, const AdapterMatch& m) {
  if (m.front) read.remove_prefix(m.front->rstop);
  if (m.back) read = read.substr(0, m.back->rstart);
  return std::string(read);
}

Adapter Make(AdapterOption option, std::string spec, SearchParameters p = {}) {
  AdapterNamer namer;
  auto a = MakeAdapters({{option, spec}}, p, &namer);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return std::move(a->front());
}

TEST(AdapterTest, ErrorCountsUpToAMillionAndNoMore) {
  // A count far over the adapter's length accepts any match, as cutadapt does: "AC" at the end
  // of the read (2 bases) is the adapter with its 1 base over min_overlap 1.
  SearchParameters many;
  many.max_errors = 1'000'000;
  many.min_overlap = 1;
  Adapter a = Make(AdapterOption::kBack, "AGATCGGAAGAGC", many);
  auto m = a.MatchTo("TTTTTTTTTTTTTTTTTTTTAC");
  ASSERT_TRUE(m);
  // A count beyond: refused naming the adapter (cutadapt's report would list every count up to
  // it, for ever).
  SearchParameters too_many;
  too_many.max_errors = 333333233334;
  AdapterNamer namer;
  auto refused = MakeAdapters({{AdapterOption::kBack, "ACGT"}}, too_many, &namer);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("'ACGT': maximum error count 333333233334 is over "
                                            "1000000"),
            std::string::npos)
      << refused.status().message();
}

TEST(AdapterTest, BackAdapterRemovesItAndWhatFollows) {
  Adapter a = Make(AdapterOption::kBack, "AGATCGGAAGAGC");
  auto m = a.MatchTo("ACGTACGTAGATCGGAAGAGCTTTT");
  ASSERT_TRUE(m);
  EXPECT_EQ(Trimmed("ACGTACGTAGATCGGAAGAGCTTTT", *m), "ACGTACGT");
  EXPECT_TRUE(m->back && !m->front);
}

TEST(AdapterTest, FrontAdapterRemovesItAndWhatPrecedes) {
  Adapter a = Make(AdapterOption::kFront, "ACGTACGTAC");
  auto m = a.MatchTo("TTTACGTACGTACGGGG");
  ASSERT_TRUE(m);
  EXPECT_EQ(Trimmed("TTTACGTACGTACGGGG", *m), "GGGG");
}

TEST(AdapterTest, AnywhereAdapterDecidesByWhereTheMatchStarts) {
  Adapter a = Make(AdapterOption::kAnywhere, "ACGTACGTAC");
  auto at_start = a.MatchTo("CGTACGTACGGGGG");  // partial at the 5' end
  ASSERT_TRUE(at_start);
  EXPECT_EQ(Trimmed("CGTACGTACGGGGG", *at_start), "GGGGG");
  auto inside = a.MatchTo("GGGGACGTACGTACTT");
  ASSERT_TRUE(inside);
  EXPECT_EQ(Trimmed("GGGGACGTACGTACTT", *inside), "GGGG");
}

TEST(AdapterTest, LinkedAdapter) {
  Adapter a = Make(AdapterOption::kBack, "^AAAAAAAAAA...TTTTTTTTTT");
  std::string read = "AAAAAAAAAACCCCGGGGTTTTTTTTTTACGT";
  auto m = a.MatchTo(read);
  ASSERT_TRUE(m);
  EXPECT_EQ(Trimmed(read, *m), "CCCCGGGG");
  EXPECT_EQ(m->score(), 20);
  // The anchored 5' part is required; the 3' part is not.
  EXPECT_FALSE(a.MatchTo("CCCCGGGGTTTTTTTTTT"));
  auto front_only = a.MatchTo("AAAAAAAAAACCCCGGGG");
  ASSERT_TRUE(front_only);
  EXPECT_EQ(Trimmed("AAAAAAAAAACCCCGGGG", *front_only), "CCCCGGGG");
}

TEST(AdapterTest, BestOfSeveralAdaptersByScoreThenErrorsThenOrder) {
  std::vector<Adapter> adapters;
  adapters.push_back(Make(AdapterOption::kBack, "GGGGGGGGGG"));
  adapters.push_back(Make(AdapterOption::kBack, "AGATCGGAAGAGC"));
  adapters.push_back(Make(AdapterOption::kBack, "AGATCGGAAGAGC"));  // a duplicate: never wins
  auto best = MatchBest(adapters, "ACGTAGATCGGAAGAGCTTGGGGGGGGGG");
  ASSERT_TRUE(best);
  EXPECT_EQ(best->adapter, 1);
  EXPECT_EQ(best->match.score(), 13);
  EXPECT_FALSE(MatchBest(adapters, "ACGTACGTACGT"));
}

// The cases below were checked against cutadapt 4.2's log (warn_duplicate_adapters: the key is
// the adapter's class and its normalised sequence).
TEST(AdapterTest, DuplicateAdapterWarnings) {
  std::vector<Adapter> adapters;
  for (const char* spec : {"ACGT", "acgu", "ACGT$", "name=ACGT;e=0.2", "A...C", "a...c", "ACGTX"}) {
    adapters.push_back(Make(AdapterOption::kBack, spec));
  }
  adapters.push_back(Make(AdapterOption::kFront, "ACGT"));
  const std::vector<std::string> w = DuplicateAdapterWarnings(adapters);
  ASSERT_EQ(w.size(), 3u);
  // "acgu" is ACGT once normalised; a named one with other parameters is the same adapter too;
  // ACGT$, ACGTX and -g ACGT are other kinds.
  const std::string tail = " was specified multiple times! Please make sure that this is what you want.";
  EXPECT_EQ(w[0], "Adapter 'ACGT' (regular 3')" + tail);
  EXPECT_EQ(w[1], "Adapter 'ACGT' (regular 3')" + tail);
  EXPECT_EQ(w[2], "Adapter 'A...C' (linked)" + tail);
  EXPECT_TRUE(DuplicateAdapterWarnings({}).empty());
}

// Random adapter specifications of every kind and random reads, against cutadapt's own
// make_adapter() and Match.trimmed().
// rng() values below are reduced modulo small numbers: always within int.
// NOLINTBEGIN(bugprone-narrowing-conversions)
TEST(AdapterOracleTest, RandomSpecsMatchCutadapt) {
  if (!trim_test::OracleAvailable()) GTEST_SKIP() << "cutadapt is not installed";
  std::mt19937 rng(31337);
  auto bases = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "ACGT"[rng() % 4];
    return s;
  };
  const char* kOptions[] = {"back", "front", "anywhere"};
  const char* kBefore[] = {"", "", "", "^", "X"};
  const char* kAfter[] = {"", "", "", "$", "X"};
  const char* kParams[] = {"", "", "", ";e=0.2", ";o=2", ";noindels", ";anywhere", ";rightmost",
                           ";e=2"};
  struct Case {
    AdapterOption option;
    std::string spec, read;
    SearchParameters params;
  };
  std::vector<Case> cases;
  std::vector<std::string> lines;
  for (int c = 0; c < 4000; ++c) {
    Case k;
    int opt = rng() % 3;
    k.option = static_cast<AdapterOption>(opt);
    std::string seq = bases(4 + rng() % 16);
    if (rng() % 8 == 0) seq[rng() % seq.size()] = 'N';
    std::string spec = std::string(kBefore[rng() % 5]) + seq + kAfter[rng() % 5] +
                       kParams[rng() % 9];
    if (rng() % 6 == 0) {
      std::string seq2 = bases(4 + rng() % 10);
      spec = std::string(kBefore[rng() % 5]) + seq + "..." + seq2 + kAfter[rng() % 5];
      seq = seq + bases(rng() % 20) + seq2;  // the read gets both parts
    }
    k.spec = spec;
    std::string piece = seq;
    if (rng() % 2) piece = piece.substr(rng() % piece.size());
    if (rng() % 2) piece = piece.substr(0, 1 + rng() % piece.size());
    if (!piece.empty() && rng() % 3 == 0) piece[rng() % piece.size()] = "ACGTN"[rng() % 5];
    k.read = (rng() % 3 ? bases(rng() % 30) : "") + piece + (rng() % 2 ? bases(rng() % 30) : "");
    k.params.max_errors = (rng() % 3) * 0.1;
    k.params.min_overlap = 1 + rng() % 4;
    k.params.read_wildcards = rng() % 5 == 0;
    k.params.adapter_wildcards = rng() % 5 != 0;
    k.params.indels = rng() % 4 != 0;
    lines.push_back(fmt::format("adapter\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", kOptions[opt], k.spec,
                                k.read, k.params.max_errors, k.params.min_overlap,
                                int(k.params.read_wildcards), int(k.params.adapter_wildcards),
                                int(k.params.indels)));
    cases.push_back(k);
  }
  std::vector<std::string> expected = trim_test::RunOracle(lines);
  ASSERT_EQ(expected.size(), cases.size());
  int failures = 0, matched = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    AdapterNamer namer;
    auto adapters = MakeAdapters({{cases[i].option, cases[i].spec}}, cases[i].params, &namer);
    std::string got;
    if (!adapters.ok()) {
      got = "error";
    } else {
      auto m = adapters->front().MatchTo(cases[i].read);
      got = m ? fmt::format("{} {} {}", Trimmed(cases[i].read, *m), m->score(), m->errors())
              : "None";
      if (m) ++matched;
    }
    if (got != expected[i] && ++failures <= 20) {
      ADD_FAILURE() << lines[i] << "\n  cutadapt: " << expected[i] << "\n  ours:     " << got;
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GT(matched, 500);  // the cases exercise matches, not only misses
}
// NOLINTEND(bugprone-narrowing-conversions)

}  // namespace
}  // namespace cutover::trim
