#include "trim/record_chunker.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "testing/temp_dir.h"

namespace cutover::trim {
namespace {


std::string Records(int n, int first = 1) {
  std::string s;
  for (int i = first; i < first + n; ++i) {
    s += fmt::format("@r{}\nACGT{}\n+\nIIII{}\n", i, std::string(i % 7, 'A'), std::string(i % 7, 'I'));
  }
  return s;
}

struct Parsed {
  std::vector<std::string> names;
  Status error;
};

// Chunks `content` by `bytes` and parses every chunk, as the threaded runner does.
Parsed ChunkAndParse(const TestTempDir& dir, const std::string& content, size_t bytes,
                     const FastqRules& rules = {}) {
  Parsed p;
  auto path = dir.Write("in.fq", content);
  auto stream = InputStream::Open(path);
  EXPECT_TRUE(stream.ok());
  RecordChunker chunker(std::move(*stream));
  int64_t expected_first = 1;
  RecordChunk chunk;
  while (true) {
    auto got = chunker.NextBytes(bytes, &chunk);
    if (!got.ok()) {
      p.error = got.status();
      return p;
    }
    if (!*got) break;
    EXPECT_EQ(chunk.first_record, expected_first);
    expected_first += chunk.records;
    ChunkParser parser(chunk, path.string(), rules);
    FastqRecord r;
    while (true) {
      auto more = parser.Next(&r);
      if (!more.ok()) {
        p.error = more.status();
        return p;
      }
      if (!*more) break;
      p.names.push_back(std::string(r.name));
      EXPECT_EQ(r.number, static_cast<int64_t>(p.names.size()));
      EXPECT_EQ(r.line, 4 * r.number - 3);
    }
  }
  return p;
}

TEST(RecordChunkerTest, ChunksOfWholeRecordsNumberedAcrossChunks) {
  TestTempDir dir;
  const std::string content = Records(1000);
  for (size_t bytes : {1, 50, 333, 4096, 1 << 20}) {
    Parsed p = ChunkAndParse(dir, content, bytes);
    ASSERT_TRUE(p.error.ok()) << p.error.ToString();
    ASSERT_EQ(p.names.size(), 1000u) << bytes;
    EXPECT_EQ(p.names.front(), "r1");
    EXPECT_EQ(p.names.back(), "r1000");
  }
}

TEST(RecordChunkerTest, LastLineWithoutNewlineCrlfAndTrailingBlankLines) {
  TestTempDir dir;
  std::string content = Records(10);
  content.pop_back();
  EXPECT_EQ(ChunkAndParse(dir, content, 60).names.size(), 10u);
  std::string crlf;
  for (char c : Records(10)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  Parsed p = ChunkAndParse(dir, crlf, 60);
  ASSERT_EQ(p.names.size(), 10u);
  EXPECT_EQ(p.names[3], "r4");
  EXPECT_TRUE(ChunkAndParse(dir, Records(10) + "\n\n", 60).error.ok());
}

TEST(RecordChunkerTest, ErrorsNameTheFileRecordAndLineLikeFastqReader) {
  TestTempDir dir;
  std::string content = Records(500);
  // Record 301 loses a quality character: line 1204.
  size_t at = content.find("@r301\n");
  size_t qual = content.find("\n+\n", at) + 3;
  content.erase(qual, 1);
  Parsed p = ChunkAndParse(dir, content, 100);
  ASSERT_FALSE(p.error.ok());
  EXPECT_NE(p.error.message().find("in.fq: record 301 (line 1204): quality has"), std::string::npos)
      << p.error.message();
  EXPECT_EQ(p.names.size(), 300u);
  // A truncated last record.
  Parsed t = ChunkAndParse(dir, Records(20) + "@r21\nACGT\n", 64);
  ASSERT_FALSE(t.error.ok());
  EXPECT_NE(t.error.message().find("record 21 (line 81): the file ends inside the record (2 of 4"),
            std::string::npos)
      << t.error.message();
}

// With cutadapt's rules, the first error of FastqReader on the whole file (the serial path),
// word for word, at any chunk size.
TEST(RecordChunkerTest, CutadaptRulesGiveFastqReadersErrors) {
  TestTempDir dir;
  const std::string good = Records(30);
  std::string high = good;
  high[high.find("@r17\n") + 6] = '\xe9';
  const std::string cases[] = {
      good + "\n",
      good + "\n\n\n\n\n",
      good + "\r\n",
      "\n",
      high,
      good + "@r31 caf\xc3\xa9\nAC\n+\nII\n",
      good + "@r31\nAC\n+\nI\x80",
      good + "\n" + Records(2, 31),
  };
  for (const std::string& content : cases) {
    auto path = dir.Write("in.fq", content);
    FastqReaderOptions o;
    o.rules = kCutadaptRules;
    FastqReader reader(InputStream::Open(path).value(), o);
    FastqRecord r;
    Result<bool> next = true;
    while ((next = reader.Next(&r)).ok() && *next) {
    }
    ASSERT_FALSE(next.ok()) << content;
    for (size_t bytes : {1, 60, 333, 1 << 20}) {
      Parsed p = ChunkAndParse(dir, content, bytes, kCutadaptRules);
      ASSERT_FALSE(p.error.ok()) << bytes << ": " << content;
      EXPECT_EQ(p.error.message(), next.status().message()) << bytes;
    }
  }
  // What both accept: a last line without '\n', also after a '\r'.
  std::string crlf;
  for (char c : Records(10)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  crlf.pop_back();
  Parsed p = ChunkAndParse(dir, crlf, 60, kCutadaptRules);
  ASSERT_TRUE(p.error.ok()) << p.error.ToString();
  EXPECT_EQ(p.names.size(), 10u);
}

TEST(RecordChunkerTest, NextRecordsTakesExactlyThatMany) {
  TestTempDir dir;
  auto stream = InputStream::Open(dir.Write("r2.fq", Records(25)));
  ASSERT_TRUE(stream.ok());
  RecordChunker chunker(std::move(*stream));
  RecordChunk chunk;
  ASSERT_TRUE(*chunker.NextRecords(10, &chunk));
  EXPECT_EQ(chunk.records, 10);
  EXPECT_EQ(chunk.first_record, 1);
  ASSERT_TRUE(*chunker.NextRecords(10, &chunk));
  EXPECT_EQ(chunk.first_record, 11);
  EXPECT_EQ(chunk.first_line, 41);
  ASSERT_TRUE(*chunker.NextRecords(10, &chunk));
  EXPECT_EQ(chunk.records, 5);  // fewer at the end
  EXPECT_TRUE(chunk.last);
  EXPECT_FALSE(*chunker.NextRecords(10, &chunk));
  EXPECT_EQ(chunker.records_so_far(), 25);
}

// Chunks far larger than the block in which newlines are counted in bulk: every chunk ends at
// the first record end at or after its target size, and NextRecords takes exactly that many.
TEST(RecordChunkerTest, LargeChunksCutAtTheFirstRecordEndAfterTheTarget) {
  TestTempDir dir;
  const std::string content = Records(40000);
  for (size_t bytes : {4097, 10000, 65536, 100003}) {
    auto stream = InputStream::Open(dir.Write("big.fq", content));
    ASSERT_TRUE(stream.ok());
    RecordChunker chunker(std::move(*stream));
    RecordChunk chunk;
    size_t offset = 0;
    while (*chunker.NextBytes(bytes, &chunk)) {
      const std::string_view data = chunk.data.view();
      ASSERT_EQ(content.substr(offset, data.size()), data);
      offset += data.size();
      if (chunk.last) break;
      // The shortest chunk of whole records reaching the target: without its last record it
      // would be shorter than the target.
      ASSERT_GE(data.size(), bytes);
      const size_t last_start = data.substr(0, data.size() - 1).rfind("\n@r");
      ASSERT_NE(last_start, std::string_view::npos);
      EXPECT_LT(last_start + 1, bytes);
      EXPECT_EQ(chunk.records,
                static_cast<int64_t>(std::count(data.begin(), data.end(), '\n') / 4));
    }
    EXPECT_EQ(offset, content.size()) << bytes;
  }
  // (One record at a time over 3,000 records, not 40,000: each chunk copies the rest of a
  // 256 KB read, which under AddressSanitizer took minutes for 40,000 chunks.)
  for (int64_t records : {1, 999, 5000}) {
    const int64_t total = records == 1 ? 3000 : 40000;
    auto stream = InputStream::Open(
        dir.Write("big2.fq", records == 1 ? Records(static_cast<int>(total)) : content));
    ASSERT_TRUE(stream.ok());
    RecordChunker chunker(std::move(*stream));
    RecordChunk chunk;
    int64_t first = 1;
    while (*chunker.NextRecords(records, &chunk)) {
      const std::string expected = Records(
          static_cast<int>(std::min(records, total + 1 - first)), static_cast<int>(first));
      ASSERT_EQ(chunk.data.view(), expected) << records << " from " << first;
      first += chunk.records;
    }
    EXPECT_EQ(first, total + 1);
  }
}

// The chunker fills the buffer a chunk already has: a worker reads every batch into the same
// memory, with what was read past the previous chunk's end in front.
TEST(RecordChunkerTest, ChunksReuseTheirBuffer) {
  TestTempDir dir;
  const std::string content = Records(40000);
  auto stream = InputStream::Open(dir.Write("big.fq", content));
  ASSERT_TRUE(stream.ok());
  RecordChunker chunker(std::move(*stream));
  RecordChunk chunk;
  ASSERT_TRUE(*chunker.NextBytes(65536, &chunk));
  const char* buffer = chunk.data.data();
  size_t offset = chunk.data.size();
  int chunks = 1;
  while (*chunker.NextBytes(65536, &chunk)) {
    EXPECT_EQ(chunk.data.data(), buffer) << "chunk " << chunks;
    EXPECT_EQ(chunk.data.view(), std::string_view(content).substr(offset, chunk.data.size()));
    offset += chunk.data.size();
    ++chunks;
  }
  EXPECT_EQ(offset, content.size());
  EXPECT_GT(chunks, 10);
}

}  // namespace
}  // namespace cutover::trim
