#include "util/digest.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

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

TEST(Xxh3StreamTest, PiecesDigestLikeTheWhole) {
  Xxh3Stream whole;
  whole.Update("hello, world");
  Xxh3Stream pieces;
  pieces.Update("hello");
  pieces.Update(", ");
  pieces.Update("world", 5);
  EXPECT_EQ(whole.Digest(), pieces.Digest());
  // The same bytes as DigestBytes, which hashes them in one call.
  const Digest128 d = whole.Digest();
  EXPECT_EQ(DigestBytes("hello, world"),
            fmt::format("xxh3-128:{:016x}{:016x}", d.high, d.low));
}

TEST(Xxh3StreamTest, DigestOfNothingAndOfDifferentBytes) {
  Xxh3Stream empty;
  const Digest128 d = empty.Digest();
  EXPECT_EQ(DigestBytes(""), fmt::format("xxh3-128:{:016x}{:016x}", d.high, d.low));
  Xxh3Stream a, b;
  a.Update("ab");
  b.Update("ba");
  EXPECT_FALSE(a.Digest() == b.Digest());
}

TEST(Xxh3StreamTest, DigestDoesNotEndTheStream) {
  Xxh3Stream s;
  s.Update("ab");
  const Digest128 first = s.Digest();
  EXPECT_EQ(s.Digest(), first);
  s.Update("c");
  Xxh3Stream abc;
  abc.Update("abc");
  EXPECT_EQ(s.Digest(), abc.Digest());
  EXPECT_FALSE(s.Digest() == first);
}

TEST(Xxh3StreamTest, MovedStreamKeepsItsState) {
  Xxh3Stream s;
  s.Update("part");
  Xxh3Stream moved(std::move(s));
  moved.Update("s");
  Xxh3Stream assigned;
  assigned = std::move(moved);
  Xxh3Stream parts;
  parts.Update("parts");
  EXPECT_EQ(assigned.Digest(), parts.Digest());
}

}  // namespace
}  // namespace cutover
