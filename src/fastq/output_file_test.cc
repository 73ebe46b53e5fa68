#include "fastq/output_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "testing/temp_dir.h"
#include "fastq/gzip_member.h"
#include "fastq/input_stream.h"
#include "util/file.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

int CountEntries(const fs::path& dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(OutputFileTest, NothingUnderTheFinalNameUntilCommit) {
  TestTempDir dir;
  fs::path out = dir.path() / "out.fq";
  {
    auto f = OutputFile::Open(out);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    ASSERT_TRUE((*f)->Write("hello ").ok());
    ASSERT_TRUE((*f)->Write("world\n").ok());
    EXPECT_FALSE(fs::exists(out));
    ASSERT_TRUE((*f)->Commit().ok());
  }
  EXPECT_EQ(*ReadFile(out), "hello world\n");
  EXPECT_EQ(CountEntries(dir.path()), 1);  // no temporary file left
}

TEST(OutputFileTest, AbandonedFileLeavesNothingAndKeepsTheOldOne) {
  TestTempDir dir;
  fs::path out = dir.Write("out.fq", "old\n");
  {
    auto f = OutputFile::Open(out);
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE((*f)->Write("partial").ok());
  }  // destroyed without Commit(), as on an error
  EXPECT_EQ(*ReadFile(out), "old\n");
  EXPECT_EQ(CountEntries(dir.path()), 1);
}

TEST(OutputFileTest, SpecialFilesAreWrittenInPlace) {
  auto f = OutputFile::Open("/dev/null");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_TRUE((*f)->Write("x").ok());
  EXPECT_TRUE((*f)->Commit().ok());
  EXPECT_TRUE(fs::exists("/dev/null"));
}

TEST(OutputFileTest, MissingDirectoryIsAnError) {
  auto f = OutputFile::Open("/nonexistent-dir/out.fq");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("/nonexistent-dir/out.fq"), std::string::npos);
}

TEST(GzipMemberTest, MembersConcatenateIntoOneStream) {
  TestTempDir dir;
  std::string first, second;
  for (int i = 0; i < 20000; ++i) first += "@r" + std::to_string(i) + "\nACGTACGT\n+\nIIIIIIII\n";
  second = "tail\n";
  ByteBuffer gz;
  GzipMemberCompressor c(1);
  ASSERT_TRUE(c.Compress(first, &gz).ok());
  EXPECT_LT(gz.size(), first.size() / 3);
  ASSERT_TRUE(c.Compress(second, &gz).ok());
  ASSERT_TRUE(c.Compress("", &gz).ok());
  fs::path p = dir.Write("x.gz", std::string(gz.view()));
  auto in = InputStream::Open(p);
  ASSERT_TRUE(in.ok());
  std::string got, buf(1 << 16, '\0');
  while (true) {
    auto n = (*in)->Read(buf.data(), buf.size());
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    if (*n == 0) break;
    got.append(buf.data(), *n);
  }
  EXPECT_TRUE((*in)->compressed());
  EXPECT_EQ(got, first + second);
}

TEST(GzipMemberTest, IncompressibleData) {
  std::string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 100000; ++i) {
    x = x * 1103515245 + 12345;
    noise += static_cast<char>(x >> 24);
  }
  ByteBuffer gz;
  GzipMemberCompressor c(0);
  ASSERT_TRUE(c.Compress(noise, &gz).ok());
  EXPECT_GT(gz.size(), noise.size() / 2);
}

}  // namespace
}  // namespace cutover
