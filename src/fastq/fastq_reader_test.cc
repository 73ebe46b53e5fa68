#include "fastq/fastq_reader.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace cutover {
namespace {


std::unique_ptr<FastqReader> Reader(const std::filesystem::path& p, size_t buffer = 64,
                                    size_t headroom = 256, bool read_ahead = false,
                                    const FastqRules& rules = {}) {
  InputStreamOptions so;
  so.buffer_bytes = 100;
  auto s = InputStream::Open(p, so);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  FastqReaderOptions o;
  o.buffer_bytes = buffer;  // tiny: records straddle blocks
  o.headroom = headroom;
  o.read_ahead = read_ahead;
  o.rules = rules;
  return std::make_unique<FastqReader>(std::move(s).value(), o);
}

std::string Records(int n) {
  std::string s;
  for (int i = 1; i <= n; ++i) {
    std::string seq(50 + i % 30, "ACGTN"[i % 5]);
    s += "@read" + std::to_string(i) + " 1:N:0:ACGT\n" + seq + "\n+\n" + std::string(seq.size(), 'I') + "\n";
  }
  return s;
}

class FastqReaderBlocksTest
    : public ::testing::TestWithParam<std::tuple<size_t, size_t, bool>> {};

// Block size, headroom (small ones force the join path) and background reading.
INSTANTIATE_TEST_SUITE_P(Blocks, FastqReaderBlocksTest,
                         ::testing::Values(std::make_tuple(64, 256, false),
                                           std::make_tuple(64, 8, false),
                                           std::make_tuple(1000, 0, true),
                                           std::make_tuple(64, 256, true),
                                           std::make_tuple(1 << 20, 1 << 16, true)));

TEST_P(FastqReaderBlocksTest, ReadsEveryRecordAcrossBoundaries) {
  TestTempDir dir;
  const auto [block, headroom, background] = GetParam();
  for (const auto& path : {dir.Write("r.fq", Records(200)), dir.WriteGzip("r.fq.gz", Records(200))}) {
    auto reader = Reader(path, block, headroom, background);
    FastqRecord r;
    int n = 0;
    while (true) {
      auto got = reader->Next(&r);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      if (!*got) break;
      ++n;
      EXPECT_EQ(r.number, n);
      EXPECT_EQ(r.line, 4 * n - 3);
      EXPECT_EQ(r.id(), "read" + std::to_string(n));
      EXPECT_EQ(r.name, "read" + std::to_string(n) + " 1:N:0:ACGT");
      EXPECT_EQ(r.sequence.size(), static_cast<size_t>(50 + n % 30));
      EXPECT_EQ(r.quality.size(), r.sequence.size());
    }
    EXPECT_EQ(n, 200);
  }
}

// A record hundreds of blocks long, kept whole in the reader's own growing buffer, between
// short ones, at block sizes that end it at every offset of a block.
TEST(FastqReaderTest, RecordOverManyBlocksComesOutWholeAndTheNextOnesToo) {
  TestTempDir dir;
  std::string seq;
  for (int i = 0; i < 30011; ++i) seq += "ACGT"[(i * 7 + i / 13) % 4];
  std::string qual;
  for (size_t i = 0; i < seq.size(); ++i) qual += static_cast<char>('!' + i % 41);
  const std::string text = "@a\nAC\n+\nII\n@long x\n" + seq + "\n+\n" + qual + "\n@b\nG\n+\nI\n" +
                           "@long2\n" + seq + seq + "\n+\n" + qual + qual + "\n@c\nT\n+\nJ\n";
  for (size_t block : {64, 97, 1000, 4096}) {
    auto reader = Reader(dir.Write("long.fq", text), block, 8);
    FastqRecord r;
    ASSERT_TRUE(*reader->Next(&r));
    EXPECT_EQ(r.sequence, "AC");
    ASSERT_TRUE(*reader->Next(&r));
    EXPECT_EQ(r.name, "long x");
    EXPECT_EQ(r.sequence, seq) << "block " << block;
    EXPECT_EQ(r.quality, qual);
    ASSERT_TRUE(*reader->Next(&r));
    EXPECT_EQ(r.name, "b");
    EXPECT_EQ(r.line, 9);
    ASSERT_TRUE(*reader->Next(&r));
    EXPECT_EQ(r.sequence, seq + seq);
    EXPECT_EQ(r.quality, qual + qual);
    ASSERT_TRUE(*reader->Next(&r));
    EXPECT_EQ(r.sequence, "T");
    EXPECT_EQ(r.number, 5);
    EXPECT_FALSE(*reader->Next(&r));
  }
}

TEST(FastqReaderTest, CrlfNoFinalNewlineAndTrailingBlankLines) {
  TestTempDir dir;
  auto reader = Reader(dir.Write("crlf.fq", "@a\r\nAC\r\n+a\r\nII\r\n@b\nG\n+\nI"));
  FastqRecord r;
  ASSERT_TRUE(*reader->Next(&r));
  EXPECT_EQ(r.sequence, "AC");
  EXPECT_EQ(r.plus, "a");
  ASSERT_TRUE(*reader->Next(&r));
  EXPECT_EQ(r.quality, "I");
  EXPECT_FALSE(*reader->Next(&r));
  auto blank = Reader(dir.Write("blank.fq", "@a\nA\n+\nI\n\n\n"));
  ASSERT_TRUE(*blank->Next(&r));
  auto end = blank->Next(&r);
  ASSERT_TRUE(end.ok()) << end.status().ToString();
  EXPECT_FALSE(*end);
  EXPECT_FALSE(*Reader(dir.Write("empty.fq", ""))->Next(&r));
}

std::string ErrorOf(const std::string& content, const FastqRules& rules = {});

// However many blank lines end the file, and wherever the blocks end among them.
TEST(FastqReaderTest, ManyTrailingBlankLinesAtAnyBlockBoundary) {
  TestTempDir dir;
  for (size_t blanks : {1, 4, 5, 63, 64, 65, 300}) {
    for (size_t buffer : {16, 64, 100}) {
      std::string content = Records(3) + std::string(blanks, '\n');
      auto reader = Reader(dir.Write("blanks.fq", content), buffer);
      FastqRecord r;
      int records = 0;
      Result<bool> next = true;
      while ((next = reader->Next(&r)).ok() && *next) ++records;
      ASSERT_TRUE(next.ok()) << blanks << " blank lines, blocks of " << buffer << ": "
                             << next.status().ToString();
      EXPECT_EQ(records, 3);
    }
  }
  // Blank lines followed by a record are still an error, at the first blank line.
  EXPECT_EQ(ErrorOf(Records(1) + "\n\n\n\n\n@x\nA\n+\nI\n").substr(0, 18), "record 2 (line 5):");
}

// The error of the first failing Next() on `content`.
std::string ErrorOf(const std::string& content, const FastqRules& rules) {
  TestTempDir dir;
  auto path = dir.Write("bad.fq", content);
  auto reader = Reader(path, 64, 256, false, rules);
  FastqRecord r;
  while (true) {
    auto got = reader->Next(&r);
    if (!got.ok()) {
      std::string m = got.status().message();
      return m.substr(m.find("bad.fq: ") + 8);
    }
    if (!*got) return "no error";
  }
}

TEST(FastqReaderTest, MalformedRecordsNameRecordAndLine) {
  EXPECT_EQ(ErrorOf("@a\nAC\n+\nII\nb\nAC\n+\nII\n"),
            "record 2 (line 5): header does not start with '@': 'b'");
  EXPECT_EQ(ErrorOf("@a\nACG\n+\nII\n"), "record 1 (line 4): quality has 2 characters, sequence has 3");
  EXPECT_EQ(ErrorOf("@a\nAC\nII\n@b\n"), "record 1 (line 3): expected the '+' line, got 'II'");
  EXPECT_EQ(ErrorOf("@a\nAC\n+\nII\n@b\nAC\n"), "record 2 (line 5): the file ends inside the record (2 of 4 lines)");
  EXPECT_EQ(ErrorOf("@a\nAC\n+\nII\n\n@b\nAC\n+\nII\n"),
            "record 2 (line 5): empty line where a record header ('@...') was expected");
  EXPECT_EQ(ErrorOf(std::string("\x00\x01\x02garbage\n", 11)),
            "record 1 (line 1): header does not start with '@': '\\x00\\x01\\x02garbage'")
      << "binary bytes are shown escaped";
}

TEST(FastqReaderTest, CrBeforeAMissingFinalNewlineGoes) {
  TestTempDir dir;
  auto reader = Reader(dir.Write("cr.fq", "@a\r\nAC\r\n+\r\nII\r"));
  FastqRecord r;
  auto got = reader->Next(&r);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(*got);
  EXPECT_EQ(r.quality, "II");
  EXPECT_FALSE(*reader->Next(&r));
}

// cutadapt's rules: bytes >= 0x80 anywhere in a record, and blank lines at the end, are errors
// naming the record and the line; the lenient default reads both.
TEST(FastqReaderTest, CutadaptRulesRejectNonAsciiAndTrailingBlankLines) {
  const std::string good = "@a\nACGT\n+\nIIII\n";
  EXPECT_EQ(ErrorOf(good + "@b\nAC\xff" "G\n+\nIIII\n", kCutadaptRules),
            "record 2 (line 6): non-ASCII byte 0xff in the sequence (column 3): FASTQ is ASCII text");
  EXPECT_EQ(ErrorOf(good + "@b caf\xc3\xa9\nACGT\n+\nIIII\n", kCutadaptRules),
            "record 2 (line 5): non-ASCII byte 0xc3 in the header (column 7): FASTQ is ASCII text");
  EXPECT_EQ(ErrorOf(good + "@b\nACGT\n+\nII\x80I", kCutadaptRules),
            "record 2 (line 8): non-ASCII byte 0x80 in the quality (column 3): FASTQ is ASCII text");
  EXPECT_EQ(ErrorOf(good + "@b\nACG\xff\n+\nIIII\n"), "no error");
  EXPECT_EQ(ErrorOf(good + "\n", kCutadaptRules),
            "record 2 (line 5): blank line after the last record: the file ends with an incomplete "
            "record");
  EXPECT_EQ(ErrorOf("\n", kCutadaptRules),
            "record 1 (line 1): blank line after the last record: the file ends with an incomplete "
            "record");
  EXPECT_EQ(ErrorOf("\r\n", kCutadaptRules).substr(0, 45),
            "record 1 (line 1): blank line after the last ");
  EXPECT_EQ(ErrorOf(good + "\n@b\nA\n+\nI\n", kCutadaptRules),
            "record 2 (line 5): empty line where a record header ('@...') was expected");
  EXPECT_EQ(ErrorOf("", kCutadaptRules), "no error") << "an empty file is zero records";
  EXPECT_EQ(ErrorOf(good + std::string("@b\nAC\x01\x00\n+\n\x7f \t!", 14), kCutadaptRules),
            "no error")
      << "control characters and a missing final newline are accepted";
}

TEST(FastqReaderTest, CutadaptRulesAtEveryBlockBoundary) {
  TestTempDir dir;
  for (size_t buffer : {16, 64, 100, 1000}) {
    for (bool background : {false, true}) {
      // However many blank lines end the file, and wherever the blocks end among them.
      for (size_t blanks : {1, 5, 64, 65, 300}) {
        auto reader = Reader(dir.Write("blank.fq", Records(3) + std::string(blanks, '\n')), buffer,
                             8, background, kCutadaptRules);
        FastqRecord r;
        int records = 0;
        Result<bool> next = true;
        while ((next = reader->Next(&r)).ok() && *next) ++records;
        ASSERT_FALSE(next.ok()) << blanks << " blank lines, blocks of " << buffer;
        EXPECT_NE(next.status().message().find("record 4 (line 13): blank line after the last"),
                  std::string::npos)
            << next.status().message();
        EXPECT_EQ(records, 3);
      }
      // A byte >= 0x80 at any place of the 200th record.
      const std::string text = Records(200);
      const size_t first = text.find("@read200 ");
      for (size_t at = first; at < text.size(); at += 7) {
        if (text[at] == '\n') continue;
        std::string bad = text;
        bad[at] = '\x80';
        auto reader = Reader(dir.Write("high.fq", bad), buffer, 8, background, kCutadaptRules);
        FastqRecord r;
        int records = 0;
        Result<bool> next = true;
        while ((next = reader->Next(&r)).ok() && *next) ++records;
        ASSERT_FALSE(next.ok()) << "byte " << at << ", blocks of " << buffer;
        EXPECT_NE(next.status().message().find(": record 200 (line "), std::string::npos)
            << next.status().message();
        EXPECT_EQ(records, 199);
      }
    }
  }
}

TEST(FastqReaderTest, ErrorsAreSticky) {
  TestTempDir dir;
  auto reader = Reader(dir.Write("x.fq", "@a\nAC\n+\nI\n@b\nA\n+\nI\n"));
  FastqRecord r;
  EXPECT_FALSE(reader->Next(&r).ok());
  EXPECT_FALSE(reader->Next(&r).ok());
}

// A record over max_record_bytes: an error naming it, and where it starts for the caller; the
// records before it are read.
TEST(FastqReaderTest, OverlongRecordIsAnErrorThatSaysWhereItStarts) {
  TestTempDir dir;
  const std::string seq(3000, 'A');
  auto s = InputStream::Open(dir.Write(
      "long.fq", "@a\nAC\n+\nII\n@b \x01" + std::string(150, 'x') + "\n" + seq + "\n+\n" +
                     std::string(seq.size(), 'I') + "\n"));
  ASSERT_TRUE(s.ok());
  FastqReaderOptions o;
  o.buffer_bytes = 64;
  o.headroom = 16;
  o.max_record_bytes = 1000;
  FastqReader reader(std::move(s).value(), o);
  FastqRecord r;
  ASSERT_TRUE(reader.Next(&r).ok());
  EXPECT_FALSE(reader.overlong().has_value());
  auto got = reader.Next(&r);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("record 2 (line 5): a record longer than 1000 bytes"),
            std::string::npos)
      << got.status().message();
  ASSERT_TRUE(reader.overlong().has_value());
  EXPECT_EQ(reader.overlong()->number, 2);
  EXPECT_EQ(reader.overlong()->line, 5);
  EXPECT_EQ(reader.overlong()->start, "@b \\x01" + std::string(96, 'x'));
}

TEST(FastqReaderTest, TruncatedGzipNamesTheFile) {
  TestTempDir dir;
  auto gz = dir.WriteGzip("cut.fq.gz", Records(3000));
  TestTempDir::CutTail(gz, 50);
  auto reader = Reader(gz, 1 << 16);
  FastqRecord r;
  Status error;
  while (true) {
    auto got = reader->Next(&r);
    if (!got.ok()) {
      error = got.status();
      break;
    }
    ASSERT_TRUE(*got) << "a truncated file must not end cleanly";
  }
  EXPECT_NE(error.message().find("cut.fq.gz: truncated gzip stream"), std::string::npos)
      << error.message();
}

}  // namespace
}  // namespace cutover

namespace cutover {
namespace {

// Records of every shape in one large block, so that each is first offered to the one-pass
// path for common records: what it declines (a '+' line with a name, CR line ends, an empty
// sequence, a quality line of another length, a quality with a CR inside, a byte >= 0x80 just
// after a short record) the general path must read exactly as before.
TEST(FastqReaderTest, EveryRecordShapeInOneBlock) {
  TestTempDir dir;
  // (The first record is read while the block is loaded, the general way; the others not.)
  const std::string text = std::string("@a 1:N\nACGT\n+\nIIII\n") +  // the common one
                           "@b\nAC\n+b\nII\n" +                     // '+' with the name
                           "@c\r\nACG\r\n+\r\nIII\r\n" +            // CRLF
                           "@d\n\n+\n\n" +                          // empty sequence
                           "@e\nACGTACGTACGTACGTACGT\n+\nIIIIIIIII\rIIIIIIIIII\n" +  // CR inside
                           "@f\nA\n+\nI\n" +                        // short, then a high byte
                           "@g \xe9\nAC\n+\nII\n";
  auto reader = Reader(dir.Write("shapes.fq", text), 1 << 16, 256, false, kCutadaptRules);
  struct Want {
    std::string name, sequence, plus, quality;
  };
  const std::vector<Want> want = {{"a 1:N", "ACGT", "", "IIII"},
                                  {"b", "AC", "b", "II"},
                                  {"c", "ACG", "", "III"},
                                  {"d", "", "", ""},
                                  {"e", "ACGTACGTACGTACGTACGT", "", "IIIIIIIII\rIIIIIIIIII"},
                                  {"f", "A", "", "I"}};
  FastqRecord r;
  for (size_t i = 0; i < want.size(); ++i) {
    auto next = reader->Next(&r);
    ASSERT_TRUE(next.ok() && *next) << i << ": " << next.status().ToString();
    EXPECT_EQ(r.name, want[i].name) << i;
    EXPECT_EQ(r.sequence, want[i].sequence) << i;
    EXPECT_EQ(r.plus, want[i].plus) << i;
    EXPECT_EQ(r.quality, want[i].quality) << i;
    EXPECT_EQ(r.number, static_cast<int64_t>(i) + 1);
    EXPECT_EQ(r.line, static_cast<int64_t>(4 * i) + 1);
  }
  auto next = reader->Next(&r);
  ASSERT_FALSE(next.ok());
  EXPECT_NE(next.status().message().find("record 7 (line 25): non-ASCII byte 0xe9 in the header"),
            std::string::npos)
      << next.status().message();
  // A quality line one character short or long is an error naming that line, also when a line
  // end follows where the sequence's length would end it.
  for (const std::string& bad : {std::string("@x\nACGT\n+\nIII\n@y\nA\n+\nI\n"),
                                 std::string("@x\nACGT\n+\nIIIII\n@y\nA\n+\nI\n"),
                                 std::string("@x\nACGT\n+\nII\nI\n@y\nA\n+\nI\n"),
                                 std::string("@x\nACGTACGTACGTACGTACGTA\n+\n") +
                                     "IIIIIIIIIIIIIIIII\nIII\n@y\nA\n+\nI\n"}) {
    // (After a first record: the first is read while the block is loaded, the general way.)
    auto r2 = Reader(dir.Write("bad.fq", "@ok\nA\n+\nI\n" + bad), 1 << 16, 256, false,
                     kCutadaptRules);
    ASSERT_TRUE(*r2->Next(&r));
    auto n2 = r2->Next(&r);
    ASSERT_FALSE(n2.ok()) << bad;
    EXPECT_NE(n2.status().message().find("record 2 (line 8): quality has"), std::string::npos)
        << n2.status().message();
  }
}

}  // namespace
}  // namespace cutover
