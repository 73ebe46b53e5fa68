#include "trim/trim_runner.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "testing/temp_dir.h"

namespace cutover::trim {
namespace {

constexpr char kAdapter[] = "AGATCGGAAGAGC";

// n reads of 20-60 bases; about a third end in (part of) the adapter, some in low qualities.
// Mate 2 names end in "/2".
std::string Reads(int n, int mate = 1) {
  std::string s;
  const std::string bases = "ACGTTGCAAGCTTCGATCGGATCCTAGGCATGCAATTGGCCAAGTTC";
  for (int i = 1; i <= n; ++i) {
    std::string seq = bases.substr(i % 11, 20 + (i * 7 + mate) % 25);
    if (i % 3 == 0) seq += std::string(kAdapter).substr(0, 4 + i % 10);
    std::string qual(seq.size(), 'I');
    if (i % 5 == 0) qual.replace(qual.size() - 3, 3, "##+");
    s += fmt::format("@r{}/{} x\n{}\n+\n{}\n", i, mate, seq, qual);
  }
  return s;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ReadGzip(const std::filesystem::path& p) {
  std::string out;
  gzFile gz = gzopen(p.c_str(), "rb");
  EXPECT_NE(gz, nullptr) << p;
  if (gz == nullptr) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(gz, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(gz);
  return out;
}

TrimOptions Options(bool paired) {
  TrimOptions o;
  o.paired = paired;
  o.adapters1 = {{AdapterOption::kBack, kAdapter}};
  if (paired) o.adapters2 = {{AdapterOption::kBack, kAdapter}};
  o.quality1 = QualityCutoffs{0, 20};
  o.minimum_length = LengthLimit{20, paired ? std::optional<int>(20) : std::nullopt};
  return o;
}

// Runs trim with `threads` threads and batches of `batch_bytes` (small: many batches).
Result<TrimStats> RunWith(const TrimOptions& o, TrimIo io, int threads, size_t batch_bytes = 1000,
                          const CancelToken* cancel = nullptr) {
  io.threads = threads;
  io.batch_bytes = batch_bytes;
  return RunTrim(o, io, cancel);
}

TEST(RunTrimTest, OutputIsTheSameAtEveryThreadCountAndBatchSize) {
  TestTempDir dir;
  TrimIo io;
  io.input1 = dir.Write("in.fq", Reads(3000)).string();
  io.output1 = (dir.path() / "out1.fq").string();
  auto serial = RunWith(Options(false), io, 1);
  ASSERT_TRUE(serial.ok()) << serial.status().ToString();
  const std::string expected = ReadFile(io.output1);
  ASSERT_GT(serial->written, 1000);
  ASSERT_LT(serial->written, 3000);
  for (int threads : {2, 3, 4}) {
    for (size_t batch : {size_t{1}, size_t{1000}, size_t{7777}, size_t{256} << 10}) {
      io.output1 = (dir.path() / fmt::format("out{}_{}.fq", threads, batch)).string();
      auto stats = RunWith(Options(false), io, threads, batch);
      ASSERT_TRUE(stats.ok()) << stats.status().ToString();
      EXPECT_EQ(ReadFile(io.output1), expected) << threads << " threads, batch " << batch;
      EXPECT_EQ(stats->reads, serial->reads);
      EXPECT_EQ(stats->written, serial->written);
      EXPECT_EQ(stats->written_bp, serial->written_bp);
      EXPECT_EQ(stats->quality_trimmed_bp, serial->quality_trimmed_bp);
      EXPECT_EQ(stats->with_adapters, serial->with_adapters);
    }
  }
}

TEST(RunTrimTest, PairedAndGzipOutputIsTheSameAtEveryThreadCount) {
  TestTempDir dir;
  TrimIo io;
  io.input1 = dir.WriteGzip("in1.fq.gz", Reads(2000, 1)).string();
  io.input2 = dir.Write("in2.fq", Reads(2000, 2)).string();
  io.output1 = (dir.path() / "a1.fq.gz").string();
  io.output2 = (dir.path() / "a2.fq").string();
  auto serial = RunWith(Options(true), io, 1);
  ASSERT_TRUE(serial.ok()) << serial.status().ToString();
  const std::string expected1 = ReadGzip(io.output1), expected2 = ReadFile(io.output2);
  ASSERT_FALSE(expected1.empty());
  for (int threads : {2, 3}) {
    io.output1 = (dir.path() / fmt::format("b{}.fq.gz", threads)).string();
    io.output2 = (dir.path() / fmt::format("c{}.fq", threads)).string();
    auto stats = RunWith(Options(true), io, threads);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(ReadGzip(io.output1), expected1) << threads;
    EXPECT_EQ(ReadFile(io.output2), expected2) << threads;
    EXPECT_EQ(stats->written, serial->written);
  }
}

// The reads a filter rejects go to its own output. Every read lands in exactly one of the
// files (no -M, --max-n...: nothing is discarded), the same at every thread count.
TEST(RunTrimTest, RejectedReadsGoToTheirOwnOutputsAtEveryThreadCount) {
  TestTempDir dir;
  TrimOptions o = Options(true);
  o.maximum_length = LengthLimit{40, 40};
  o.too_short_output = o.too_long_output = o.untrimmed_output = true;
  TrimIo io;
  io.input1 = dir.Write("in1.fq", Reads(2000, 1)).string();
  io.input2 = dir.Write("in2.fq", Reads(2000, 2)).string();
  auto names = [&](const std::string& tag) {
    io.output1 = (dir.path() / (tag + "o1.fq")).string();
    io.output2 = (dir.path() / (tag + "o2.fq")).string();
    io.too_short_output = {(dir.path() / (tag + "s1.fq.gz")).string(),
                           (dir.path() / (tag + "s2.fq.gz")).string()};
    io.too_long_output = {(dir.path() / (tag + "l1.fq")).string(),
                          (dir.path() / (tag + "l2.fq")).string()};
    io.untrimmed_output = {(dir.path() / (tag + "u1.fq")).string(),
                           (dir.path() / (tag + "u2.fq")).string()};
  };
  auto contents = [&] {
    return std::vector<std::string>{ReadFile(io.output1),           ReadFile(io.output2),
                                    ReadGzip(io.too_short_output[0]), ReadGzip(io.too_short_output[1]),
                                    ReadFile(io.too_long_output[0]),  ReadFile(io.too_long_output[1]),
                                    ReadFile(io.untrimmed_output[0]), ReadFile(io.untrimmed_output[1])};
  };
  names("serial_");
  auto serial = RunWith(o, io, 1);
  ASSERT_TRUE(serial.ok()) << serial.status().ToString();
  const std::vector<std::string> expected = contents();
  // Each file holds reads, R1 and R2 files the same number; all reads are somewhere.
  int64_t records = 0;
  for (size_t i = 0; i < expected.size(); i += 2) {
    const auto n1 = std::count(expected[i].begin(), expected[i].end(), '\n');
    EXPECT_GT(n1, 0) << i;
    EXPECT_EQ(n1, std::count(expected[i + 1].begin(), expected[i + 1].end(), '\n')) << i;
    records += n1 / 4;
  }
  EXPECT_EQ(records, 2000);
  EXPECT_EQ(serial->written * 4,
            std::count(expected[0].begin(), expected[0].end(), '\n'));
  EXPECT_EQ(serial->filtered_count(Filter::kTooShort) * 4,
            std::count(expected[2].begin(), expected[2].end(), '\n'));
  EXPECT_EQ(serial->filtered_count(Filter::kDiscardUntrimmed) * 4,
            std::count(expected[6].begin(), expected[6].end(), '\n'));
  for (int threads : {2, 3}) {
    names(fmt::format("t{}_", threads));
    auto stats = RunWith(o, io, threads);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(contents(), expected) << threads;
  }
  // A failed run leaves none of them.
  names("failed_");
  io.input2 = dir.Write("short2.fq", Reads(1999, 2)).string();
  for (int threads : {1, 2}) {
    ASSERT_FALSE(RunWith(o, io, threads).ok());
    for (const std::string* p : {&io.output1, &io.too_short_output[0], &io.too_long_output[1],
                                 &io.untrimmed_output[0]}) {
      EXPECT_FALSE(std::filesystem::exists(*p)) << *p << " " << threads;
    }
  }
}

// The error a run reports at `threads` threads, with no output left behind.
Status RunFails(const TrimOptions& o, const TrimIo& io, int threads, size_t batch_bytes = 1000,
                const CancelToken* cancel = nullptr) {
  auto r = RunWith(o, io, threads, batch_bytes, cancel);
  EXPECT_FALSE(r.ok()) << threads << " threads";
  if (io.output1 != "/dev/full") {
    EXPECT_FALSE(std::filesystem::exists(io.output1)) << threads << " threads";
  }
  return r.ok() ? Status::Ok() : r.status();
}

TEST(RunTrimTest, TheFirstMalformedRecordInInputOrderIsReportedAtEveryThreadCount) {
  TestTempDir dir;
  std::string reads = Reads(3000);
  // Record 2001's qualities and, later, record 2501's sequence cut short.
  auto cut = [&](int record, int line) {
    size_t pos = 0;
    for (int i = 0; i < 4 * (record - 1) + line - 1; ++i) pos = reads.find('\n', pos) + 1;
    reads.erase(pos, 2);
  };
  cut(2501, 2);
  cut(2001, 4);
  TrimIo io;
  io.input1 = dir.Write("bad.fq", reads).string();
  io.output1 = (dir.path() / "out.fq").string();
  const Status serial = RunFails(Options(false), io, 1);
  EXPECT_EQ(serial.code(), StatusCode::kCorruption);
  EXPECT_NE(serial.message().find("record 2001 (line 8004)"), std::string::npos)
      << serial.message();
  for (int threads : {2, 4}) {
    for (size_t batch : {size_t{1}, size_t{1000}, size_t{256} << 10}) {
      const Status s = RunFails(Options(false), io, threads, batch);
      EXPECT_EQ(s.ToString(), serial.ToString()) << threads << " threads, batch " << batch;
    }
  }
}

TEST(RunTrimTest, PairingErrorsAreReportedAtEveryThreadCount) {
  TestTempDir dir;
  TrimIo io;
  io.input1 = dir.Write("r1.fq", Reads(3000, 1)).string();
  io.output1 = (dir.path() / "out1.fq").string();
  io.output2 = (dir.path() / "out2.fq").string();
  std::string renamed = Reads(3000, 2);
  renamed.replace(renamed.find("@r1001/"), 7, "@x1001/");
  struct Case {
    std::string r2, expected;
  };
  const Case cases[] = {
      {Reads(2000, 2), "has 2000 reads"},
      {Reads(3001, 2), "r1.fq has 3000 reads"},
      {renamed, "record 1001 is 'r1001/1 x'"},
  };
  for (const Case& c : cases) {
    io.input2 = dir.Write("r2.fq", c.r2).string();
    for (int threads : {1, 2, 3}) {
      const Status s = RunFails(Options(true), io, threads);
      EXPECT_EQ(s.code(), StatusCode::kCorruption);
      EXPECT_NE(s.message().find(c.expected), std::string::npos)
          << threads << " threads: " << s.message();
    }
  }
}

TEST(RunTrimTest, TruncatedGzipInputIsAnErrorAtEveryThreadCount) {
  TestTempDir dir;
  auto gz = dir.WriteGzip("in.fq.gz", Reads(3000));
  TestTempDir::CutTail(gz, 100);
  TrimIo io;
  io.input1 = gz.string();
  io.output1 = (dir.path() / "out.fq").string();
  const Status serial = RunFails(Options(false), io, 1);
  EXPECT_EQ(serial.code(), StatusCode::kCorruption) << serial.ToString();
  for (int threads : {2, 3}) {
    EXPECT_EQ(RunFails(Options(false), io, threads).ToString(), serial.ToString());
  }
}

TEST(RunTrimTest, AnOutputWriteErrorStopsTheRun) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  TestTempDir dir;
  TrimIo io;
  io.input1 = dir.Write("in.fq", Reads(3000)).string();
  io.output1 = "/dev/full";
  for (int threads : {1, 2, 3}) {
    EXPECT_EQ(RunFails(Options(false), io, threads).code(), StatusCode::kIoError) << threads;
  }
}

TEST(RunTrimTest, ACancelledRunLeavesNoOutput) {
  TestTempDir dir;
  TrimIo io;
  io.input1 = dir.Write("in.fq", Reads(3000)).string();
  io.output1 = (dir.path() / "out.fq").string();
  CancelToken cancel;
  cancel.Cancel();
  for (int threads : {1, 2, 3}) {
    EXPECT_EQ(RunFails(Options(false), io, threads, 1000, &cancel).code(), StatusCode::kCancelled)
        << threads;
  }
}

// dnaio's rule (Python's os.path.splitext after dropping one compression suffix).
TEST(IsFastaNameTest, AsDnaio) {
  for (const char* yes : {"a.fa", "a.fasta", "a.fna", "a.csfa", "a.csfasta", "A.FA", "d/x.y.fa",
                          "a.fa.gz", "a.fasta.bz2", "..a.fa"}) {
    EXPECT_TRUE(IsFastaName(yes)) << yes;
  }
  for (const char* no : {"a.fq", "a.fastq.gz", "a.fa.txt", ".fa", "d.fa/x", "-", "fa", "a.fa.gz.gz",
                         "a.faa"}) {
    EXPECT_FALSE(IsFastaName(no)) << no;
  }
}

// FASTA by name for plain outputs (cutadapt at -j 1), by --fasta for every output; the same at
// every thread count.
TEST(RunTrimTest, FastaOutputs) {
  TestTempDir dir;
  TrimIo io;
  io.input1 = dir.Write("in.fq", Reads(500)).string();
  const std::string fastq_expected = [&] {
    io.output1 = (dir.path() / "ref.fq").string();
    EXPECT_TRUE(RunWith(Options(false), io, 1).ok());
    return ReadFile(io.output1);
  }();
  // The FASTA expected: each record's header with '>' and its sequence.
  std::string fasta_expected;
  std::istringstream lines(fastq_expected);
  std::string line;
  for (int i = 0; std::getline(lines, line); ++i) {
    if (i % 4 == 0) fasta_expected += ">" + line.substr(1) + "\n";
    if (i % 4 == 1) fasta_expected += line + "\n";
  }
  ASSERT_FALSE(fasta_expected.empty());
  for (int threads : {1, 2}) {
    io.force_fasta = false;
    io.output1 = (dir.path() / fmt::format("t{}.fa", threads)).string();
    ASSERT_TRUE(RunWith(Options(false), io, threads).ok());
    EXPECT_EQ(ReadFile(io.output1), fasta_expected) << threads;
    io.output1 = (dir.path() / fmt::format("t{}.fa.gz", threads)).string();
    ASSERT_TRUE(RunWith(Options(false), io, threads).ok());
    EXPECT_EQ(ReadGzip(io.output1), fastq_expected) << threads;  // as cutadapt: FASTQ
    io.force_fasta = true;
    io.output1 = (dir.path() / fmt::format("t{}.fq.gz", threads)).string();
    ASSERT_TRUE(RunWith(Options(false), io, threads).ok());
    EXPECT_EQ(ReadGzip(io.output1), fasta_expected) << threads;
  }
}

TEST(IsMateTest, ComparesIdsUpToTheFirstSpaceOrTab) {
  EXPECT_TRUE(IsMate("r1 1:N:0:ACGT", "r1 2:N:0:ACGT"));
  EXPECT_TRUE(IsMate("r1\tx", "r1 y"));
  EXPECT_TRUE(IsMate("read", "read"));
  EXPECT_FALSE(IsMate("r1 x", "r10 x"));
  EXPECT_TRUE(IsMate("r1", "r1 x"));
  EXPECT_FALSE(IsMate("abc x", "abd x"));
  EXPECT_TRUE(IsMate("", " anything"));  // empty IDs are equal
}

TEST(IsMateTest, ALastOneTwoOrThreeMayDiffer) {
  EXPECT_TRUE(IsMate("r/1", "r/2"));
  EXPECT_TRUE(IsMate("r/1 a", "r/3 b"));
  EXPECT_TRUE(IsMate("r.1", "r.2"));
  EXPECT_FALSE(IsMate("r/1", "r/4"));
  EXPECT_FALSE(IsMate("x/1", "y/2"));
  EXPECT_FALSE(IsMate("r/1", "r/12"));
}

// cutadapt's rule written plainly (split at the first space or tab, drop a last 1, 2 or 3 from
// both IDs when both have one, compare), against the word-at-a-time IsMate on random names
// made of few characters, so that the IDs often agree for long stretches and differ late.
TEST(IsMateTest, SameAsThePlainRuleOnRandomNames) {
  auto plain = [](std::string_view n1, std::string_view n2) {
    std::string_view a = n1.substr(0, std::min(n1.find_first_of(" \t"), n1.size()));
    std::string_view b = n2.substr(0, std::min(n2.find_first_of(" \t"), n2.size()));
    if (a.size() != b.size()) return false;
    auto ordinal = [](char c) { return c == '1' || c == '2' || c == '3'; };
    if (!a.empty() && ordinal(a.back()) && ordinal(b.back())) {
      a.remove_suffix(1);
      b.remove_suffix(1);
    }
    return a == b;
  };
  std::mt19937 rng(5);
  const std::string chars = "ab12 \t3:";
  int mates = 0, differing = 0;
  for (int c = 0; c < 200000; ++c) {
    std::string n1;
    const int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) n1 += chars[rng() % (rng() % 4 == 0 ? chars.size() : 2)];
    std::string n2 = n1;
    if (rng() % 2 && !n2.empty()) n2[rng() % n2.size()] = chars[rng() % chars.size()];
    if (rng() % 4 == 0) n2.resize(rng() % (n2.size() + 1));
    if (rng() % 4 == 0) n2 += chars[rng() % chars.size()];
    const bool want = plain(n1, n2);
    mates += want;
    if (IsMate(n1, n2) != want && ++differing <= 10) {
      ADD_FAILURE() << "'" << n1 << "' '" << n2 << "': expected " << want;
    }
  }
  EXPECT_EQ(differing, 0);
  EXPECT_GT(mates, 20000);
  EXPECT_LT(mates, 180000);
}

}  // namespace
}  // namespace cutover::trim
