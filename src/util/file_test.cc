#include "util/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace cutover {
namespace fs = std::filesystem;
namespace {

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cutover_file_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  size_t Entries(const fs::path& d) {
    return static_cast<size_t>(std::distance(fs::directory_iterator(d), fs::directory_iterator()));
  }
  fs::path dir_;
};

TEST_F(FileTest, WriteAtomicCreatesParentsAndLeavesNoTemp) {
  fs::path p = dir_ / "a" / "b" / "out.txt";
  ASSERT_TRUE(WriteFileAtomic(p, "hello").ok());
  EXPECT_EQ(*ReadFile(p), "hello");
  ASSERT_TRUE(WriteFileAtomic(p, "replaced").ok());
  EXPECT_EQ(*ReadFile(p), "replaced");
  EXPECT_EQ(Entries(p.parent_path()), 1u);
}

TEST_F(FileTest, PublishKeepsSourceAndReplacesDest) {
  fs::path src = dir_ / "scratch" / "r.txt";
  fs::path dst = dir_ / "results" / "r.txt";
  ASSERT_TRUE(WriteFileAtomic(src, "new").ok());
  ASSERT_TRUE(WriteFileAtomic(dst, "old").ok());
  ASSERT_TRUE(PublishFileAtomic(src, dst).ok());
  EXPECT_EQ(*ReadFile(dst), "new");
  EXPECT_EQ(*ReadFile(src), "new");
  EXPECT_EQ(Entries(dst.parent_path()), 1u);
}

TEST_F(FileTest, PublishMissingSourceFailsAndLeavesDest) {
  fs::path dst = dir_ / "d.txt";
  ASSERT_TRUE(WriteFileAtomic(dst, "old").ok());
  Status s = PublishFileAtomic(dir_ / "missing", dst);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(*ReadFile(dst), "old");
  EXPECT_EQ(Entries(dir_), 1u);
}

TEST_F(FileTest, ReadMissingFileNamesIt) {
  auto r = ReadFile(dir_ / "nope");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nope"), std::string::npos);
}

}  // namespace
}  // namespace cutover
