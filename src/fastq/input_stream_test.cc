#include "fastq/input_stream.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <thread>

#include "testing/temp_dir.h"

namespace cutover {
namespace {


// Reads everything with reads of `step` bytes.
Result<std::string> ReadAll(const std::filesystem::path& p, InputStreamOptions o, size_t step = 777) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> s, InputStream::Open(p, o));
  std::string out, buf(step, '\0');
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(size_t n, s->Read(buf.data(), buf.size()));
    if (n == 0) break;
    out.append(buf.data(), n);
  }
  return out;
}

std::string Content(size_t n) {
  std::string s;
  for (size_t i = 0; s.size() < n; ++i) s += "line " + std::to_string(i * 7919 % 1000003) + "\n";
  s.resize(n);
  return s;
}

class InputStreamTest : public ::testing::TestWithParam<bool> {
 protected:
  InputStreamOptions Options() const {
    InputStreamOptions o;
    o.buffer_bytes = 4096;  // small: many refills and chunk boundaries
    o.read_ahead = GetParam();
    return o;
  }
};

TEST_P(InputStreamTest, PlainAndGzipGiveTheSameBytes) {
  TestTempDir dir;
  const std::string content = Content(300000);
  auto plain = dir.Write("a.txt", content);
  auto gz = dir.WriteGzip("a.gz", content);
  EXPECT_EQ(*ReadAll(plain, Options()), content);
  auto got = ReadAll(gz, Options());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, content);
  EXPECT_EQ(*ReadAll(dir.Write("empty", ""), Options()), "");
  EXPECT_EQ(*ReadAll(dir.Write("one", "x"), Options()), "x");
}

TEST_P(InputStreamTest, ConcatenatedMembersAreOneStream) {
  TestTempDir dir;
  auto gz = dir.WriteGzip("m.gz", Content(10000));
  dir.WriteGzip("m.gz", "second member\n", "ab");
  dir.WriteGzip("m.gz", "", "ab");  // an empty member
  dir.WriteGzip("m.gz", "third\n", "ab");
  auto got = ReadAll(gz, Options());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, Content(10000) + "second member\nthird\n");
}

TEST_P(InputStreamTest, TruncatedGzipIsAnErrorNamingTheFile) {
  TestTempDir dir;
  auto gz = dir.WriteGzip("cut.fq.gz", Content(200000));
  TestTempDir::CutTail(gz, 100);
  auto got = ReadAll(gz, Options());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kCorruption);
  // Named by the file's length (the bytes the decoder handed out depend on the read sizes).
  const std::string expected = fmt::format(
      "{}: truncated gzip stream: the file ends inside a gzip member after {} bytes", gz.string(),
      std::filesystem::file_size(gz));
  EXPECT_NE(got.status().message().find(expected), std::string::npos) << got.status().message();
  // Only the 8-byte trailer missing: still truncated, never a silent success.
  auto trailer = dir.WriteGzip("t.gz", "abc\n");
  TestTempDir::CutTail(trailer, 4);
  EXPECT_FALSE(ReadAll(trailer, Options()).ok());
}

TEST_P(InputStreamTest, CorruptDataAndCrcAreErrors) {
  TestTempDir dir;
  auto gz = dir.WriteGzip("bad.gz", Content(50000));
  {
    std::string bytes = *ReadAll(gz, InputStreamOptions{.read_ahead = false});
    (void)bytes;
  }
  // Flip a byte in the middle of the deflate data.
  std::fstream f(gz, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(200);
  f.put('\x55');
  f.seekp(201);
  f.put('\xAA');
  f.close();
  auto got = ReadAll(gz, Options());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kCorruption);
  EXPECT_NE(got.status().message().find("bad.gz"), std::string::npos);
}

TEST_P(InputStreamTest, TrailingGarbageAfterTheLastMemberIsIgnored) {
  TestTempDir dir;
  auto gz = dir.WriteGzip("g.gz", "data\n");
  {
    std::ofstream out(gz, std::ios::app | std::ios::binary);
    out << "garbage";
  }
  EXPECT_EQ(*ReadAll(gz, Options()), "data\n");
}

// strict_gzip_end: zero padding is skipped (also between members), anything else after the
// last member is an error naming the file, as Python's gzip module (so cutadapt) decides.
TEST_P(InputStreamTest, StrictGzipEndAcceptsOnlyZeroPadding) {
  TestTempDir dir;
  InputStreamOptions o = Options();
  o.strict_gzip_end = true;
  auto append = [](const std::filesystem::path& p, std::string_view bytes) {
    std::ofstream out(p, std::ios::app | std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  };
  auto padded = dir.WriteGzip("padded.gz", Content(20000));
  append(padded, std::string(5000, '\0'));
  auto got = ReadAll(padded, o);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, Content(20000));

  auto between = dir.WriteGzip("between.gz", "first\n");
  append(between, std::string(100, '\0'));
  dir.WriteGzip("between.gz", "second\n", "ab");
  got = ReadAll(between, o);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, "first\nsecond\n");

  for (const std::string& garbage : {std::string("garbage"), std::string("X"), std::string("\n"),
                              std::string(7, '\0') + "junk", std::string("\x1f")}) {
    auto gz = dir.WriteGzip("g.gz", Content(20000));
    append(gz, garbage);
    got = ReadAll(gz, o);
    ASSERT_FALSE(got.ok()) << "garbage of " << garbage.size() << " bytes";
    EXPECT_EQ(got.status().code(), StatusCode::kCorruption);
    EXPECT_NE(got.status().message().find(gz.string() + ": trailing garbage after the gzip data"),
              std::string::npos)
        << got.status().message();
  }
  // A lone gzip magic after the last member is a truncated member.
  auto magic = dir.WriteGzip("m.gz", "data\n");
  append(magic, "\x1f\x8b");
  got = ReadAll(magic, o);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("truncated gzip stream"), std::string::npos);
}

TEST_P(InputStreamTest, CompressionAsXopen) {
  TestTempDir dir;
  InputStreamOptions o = Options();
  o.compression_as_xopen = true;
  auto plain = dir.Write("plain.fq.gz", "@r\nA\n+\nI\n");
  auto got = ReadAll(plain, o);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(got.status().message(), plain.string() + ": not a gzip file, though its name ends in .gz");
  EXPECT_FALSE(ReadAll(dir.Write("one.gz", "x"), o).ok());
  EXPECT_EQ(*ReadAll(dir.Write("empty.gz", ""), o), "") << "an empty file is empty content";
  EXPECT_EQ(*ReadAll(dir.WriteGzip("gzip.fq", "z\n"), o), "z\n") << "gzip under any name";
  EXPECT_EQ(*ReadAll(dir.Write("x.GZ", "plain"), o), "plain") << "as xopen: '.gz' only";
  EXPECT_EQ(*ReadAll(plain, Options()), "@r\nA\n+\nI\n") << "the default sniffs the content";
  // Not a regular file (a pipe, as standard input often is): never decompressed.
  auto fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << std::string("\x1f\x8b\x08\x00", 4);
  });
  got = ReadAll(fifo, o);
  writer.join();
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("pipe: gzip data from standard input or a pipe"),
            std::string::npos)
      << got.status().message();
}

INSTANTIATE_TEST_SUITE_P(Direct, InputStreamTest, ::testing::Values(false));
INSTANTIATE_TEST_SUITE_P(ReadAhead, InputStreamTest, ::testing::Values(true));

TEST(InputStreamOpenTest, MissingFileAndDirectory) {
  TestTempDir dir;
  auto missing = InputStream::Open(dir.path() / "nope.fq");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.fq: no such file"), std::string::npos);
  EXPECT_EQ(InputStream::Open(dir.path()).status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace cutover
