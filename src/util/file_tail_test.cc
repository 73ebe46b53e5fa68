#include "util/file_tail.h"

#include <fcntl.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/temp_dir.h"
#include "util/unique_fd.h"

namespace cutover {
namespace {

std::filesystem::path Write(const TestTempDir& dir, const std::string& content) {
  auto path = dir.path() / "f.txt";
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(FileTailTest, AShortFileWhole) {
  TestTempDir dir;
  auto t = ReadFileTail(Write(dir, "one\ntwo\n"), 100);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->text, "one\ntwo\n");
  EXPECT_EQ(t->size, 8u);
  EXPECT_FALSE(t->cut());
}

TEST(FileTailTest, ALongFileFromALineStart) {
  TestTempDir dir;
  // The last 10 bytes are "ree\nfour\n": cut after the first newline, "four\n" is kept.
  auto t = ReadFileTail(Write(dir, "one\ntwo\nthree\nfour\n"), 10);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->text, "four\n");
  EXPECT_EQ(t->size, 19u);
  EXPECT_TRUE(t->cut());
  // No newline in the kept part, or only at its very end: kept as is.
  auto no_line = ReadFileTail(Write(dir, "abcdefghij"), 4);
  ASSERT_TRUE(no_line.ok());
  EXPECT_EQ(no_line->text, "ghij");
  auto last = ReadFileTail(Write(dir, "abcdefghi\n"), 4);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->text, "ghi\n");
}

TEST(FileTailTest, ZeroBytesStillGivesTheSize) {
  TestTempDir dir;
  auto t = ReadFileTail(Write(dir, "12345"), 0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->text, "");
  EXPECT_EQ(t->size, 5u);
}

TEST(FileTailTest, AMissingFileIsAnErrorNamingIt) {
  TestTempDir dir;
  auto t = ReadFileTail(dir.path() / "absent.log", 10);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("absent.log"), std::string::npos);
}

TEST(UniqueFdTest, ClosesOnceAndMoves) {
  TestTempDir dir;
  const auto path = Write(dir, "x");
  int raw = -1;
  {
    UniqueFd a(::open(path.c_str(), O_RDONLY));
    ASSERT_TRUE(a);
    raw = a.get();
    UniqueFd b(std::move(a));
    EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): checking the moved-from state
    EXPECT_EQ(b.get(), raw);
    EXPECT_NE(::fcntl(raw, F_GETFD), -1);
  }
  EXPECT_EQ(::fcntl(raw, F_GETFD), -1);  // closed when b went away
}

}  // namespace
}  // namespace cutover
