#include "util/digest.h"

#include <gtest/gtest.h>

#include <fstream>

namespace cutover {
namespace {

TEST(DigestTest, FileAndBytesAgree) {
  auto path = std::filesystem::temp_directory_path() / "cutover_digest_test.txt";
  std::string content(3 << 20, 'x');  // larger than the read buffer
  content[12345] = 'y';
  std::ofstream(path) << content;
  auto d = DigestFile(path);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, DigestBytes(content));
  EXPECT_EQ(d->rfind("xxh3-128:", 0), 0u);
  EXPECT_EQ(d->size(), 9u + 32u);
  std::filesystem::remove(path);
}

TEST(DigestTest, DifferentContentDifferentDigest) {
  EXPECT_NE(DigestBytes("a"), DigestBytes("b"));
}

TEST(DigestTest, MissingFileIsIoError) {
  auto d = DigestFile("/nonexistent/cutover");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kIoError);
  EXPECT_NE(d.status().message().find("/nonexistent/cutover"), std::string::npos);
}

TEST(DigestTest, StableHashIsFrozen) {
  // XXH3-64 of the empty input, from the xxHash specification's test vectors.
  EXPECT_EQ(StableHash64(""), 0x2D06800538D394C2ULL);
}

}  // namespace
}  // namespace cutover
