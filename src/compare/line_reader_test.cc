#include "compare/line_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "testing/temp_dir.h"

namespace cutover {
namespace {


struct ReadAll {
  std::vector<std::string> lines;
  bool last_terminated = true;
  Status status;
};

ReadAll Read(const std::filesystem::path& p, LineReaderOptions options = {}) {
  ReadAll out;
  auto reader = LineReader::Open(p, options);
  if (!reader.ok()) {
    out.status = reader.status();
    return out;
  }
  TextLine line;
  while (true) {
    auto got = (*reader)->Next(&line);
    if (!got.ok()) {
      out.status = got.status();
      return out;
    }
    if (!*got) break;
    EXPECT_EQ(line.number, static_cast<int64_t>(out.lines.size()) + 1);
    out.lines.emplace_back(line.text);
    out.last_terminated = line.terminated;
  }
  return out;
}

// Deterministic, poorly compressible text: many lines of pseudo-random digits.
std::string ManyLines(int n) {
  std::string s;
  uint64_t x = 88172645463325252ull;
  for (int i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    s += "line " + std::to_string(i + 1) + " " + std::to_string(x) + "\n";
  }
  return s;
}

TEST(LineReaderTest, PlainLines) {
  TestTempDir dir;
  ReadAll r = Read(dir.Write("a.txt", "one\n\nthree\r\n"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.lines, (std::vector<std::string>{"one", "", "three\r"}));
  EXPECT_TRUE(r.last_terminated);
}

TEST(LineReaderTest, LastLineWithoutNewline) {
  TestTempDir dir;
  ReadAll r = Read(dir.Write("a.txt", "one\ntwo"));
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.lines, (std::vector<std::string>{"one", "two"}));
  EXPECT_FALSE(r.last_terminated);
}

TEST(LineReaderTest, EmptyFileHasNoLines) {
  TestTempDir dir;
  ReadAll r = Read(dir.Write("a.txt", ""));
  ASSERT_TRUE(r.status.ok());
  EXPECT_TRUE(r.lines.empty());
  ReadAll gz = Read(dir.WriteGzip("a.gz", ""));
  ASSERT_TRUE(gz.status.ok()) << gz.status.ToString();
  EXPECT_TRUE(gz.lines.empty());
}

TEST(LineReaderTest, GzipIsRecognizedByContentNotName) {
  TestTempDir dir;
  std::string text = ManyLines(5000);
  auto gz = dir.WriteGzip("looks_plain.txt", text);
  auto reader = LineReader::Open(gz);
  ASSERT_TRUE(reader.ok());
  TextLine line;
  ASSERT_TRUE(*(*reader)->Next(&line));
  EXPECT_TRUE((*reader)->compressed());
  EXPECT_EQ(line.text.substr(0, 7), "line 1 ");

  ReadAll plain = Read(dir.Write("p.txt", text));
  ReadAll unzipped = Read(gz, {.buffer_bytes = 1000});  // lines span refills
  ASSERT_TRUE(unzipped.status.ok()) << unzipped.status.ToString();
  EXPECT_EQ(unzipped.lines.size(), 5000u);
  EXPECT_EQ(unzipped.lines, plain.lines);
}

TEST(LineReaderTest, ConcatenatedGzipMembersAreOneStream) {
  TestTempDir dir;
  dir.WriteGzip("m.gz", "a\nb\n");
  auto p = dir.WriteGzip("m.gz", "c\n", "ab");
  ReadAll r = Read(p);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.lines, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(LineReaderTest, TruncatedGzipIsAnErrorNamingFileAndLine) {
  TestTempDir dir;
  std::string text = ManyLines(20000);
  auto p = dir.WriteGzip("cut.txt.gz", text);
  TestTempDir::CutTail(p, 10);
  ReadAll r = Read(p, {.buffer_bytes = 4096});
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption) << r.status.ToString();
  EXPECT_NE(r.status.message().find(p.string()), std::string::npos) << r.status.message();
  EXPECT_NE(r.status.message().find("truncated"), std::string::npos) << r.status.message();
  // The lines before the cut (minus the last, partly decoded deflate block) were delivered
  // intact, and the error names the line after them.
  ASSERT_GT(r.lines.size(), 10000u);
  ASSERT_LT(r.lines.size(), 20000u);
  ReadAll plain = Read(dir.Write("plain.txt", text));
  plain.lines.resize(r.lines.size());
  EXPECT_EQ(r.lines, plain.lines);
  std::string expected_line = "line " + std::to_string(r.lines.size() + 1);
  EXPECT_NE(r.status.message().find(expected_line), std::string::npos) << r.status.message();
}

TEST(LineReaderTest, MissingTrailerIsAnError) {
  TestTempDir dir;
  auto p = dir.WriteGzip("t.gz", "complete line\n");
  TestTempDir::CutTail(p, 4);  // half of the CRC32 + size trailer
  ReadAll r = Read(p);
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption) << r.status.ToString();
  EXPECT_NE(r.status.message().find(p.string()), std::string::npos);
}

TEST(LineReaderTest, CorruptGzipDataIsAnError) {
  TestTempDir dir;
  auto p = dir.WriteGzip("bad.gz", ManyLines(2000));
  std::string bytes;
  {
    std::ifstream in(p, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[bytes.size() - 6] ^= 0x55;  // inside the stored size: the trailer check fails
  bytes[bytes.size() / 2] ^= 0x55;  // and inside the deflate data
  dir.Write("bad.gz", bytes);
  ReadAll r = Read(p);
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption) << r.status.ToString();
  EXPECT_NE(r.status.message().find(p.string()), std::string::npos);
  EXPECT_NE(r.status.message().find("line"), std::string::npos);
}

TEST(LineReaderTest, OnlyAGzipMagicIsAnError) {
  TestTempDir dir;
  ReadAll r = Read(dir.Write("m.gz", "\x1f\x8b"));
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption) << r.status.ToString();
}

TEST(LineReaderTest, MissingFileAndDirectory) {
  TestTempDir dir;
  ReadAll missing = Read(dir.path() / "nope.txt");
  EXPECT_EQ(missing.status.code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status.message().find("nope.txt"), std::string::npos);
  ReadAll d = Read(dir.path());
  EXPECT_EQ(d.status.code(), StatusCode::kIoError);
  EXPECT_NE(d.status.message().find("directory"), std::string::npos);
}

TEST(LineReaderTest, MegabyteLine) {
  TestTempDir dir;
  std::string big(1 << 20, 'x');
  ReadAll r = Read(dir.WriteGzip("big.gz", "short\n" + big + "\nend\n"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.lines.size(), 3u);
  EXPECT_EQ(r.lines[1], big);
  EXPECT_EQ(r.lines[2], "end");
}

TEST(LineReaderTest, LineLongerThanTheLimitIsAnError) {
  TestTempDir dir;
  auto p = dir.Write("long.txt", "ok\n" + std::string(5000, 'y') + "\n");
  ReadAll r = Read(p, {.buffer_bytes = 512, .max_line_bytes = 4096});
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption);
  EXPECT_NE(r.status.message().find("line 2"), std::string::npos) << r.status.message();
  EXPECT_NE(r.status.message().find(p.string()), std::string::npos);
}

}  // namespace
}  // namespace cutover
