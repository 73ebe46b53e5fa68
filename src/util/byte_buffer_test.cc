#include "util/byte_buffer.h"

#include <gtest/gtest.h>

#include <string>

namespace cutover {
namespace {

TEST(ByteBufferTest, ExtendKeepsWhatWasWrittenAcrossGrowth) {
  ByteBuffer b;
  std::string want;
  for (int i = 0; i < 5000; ++i) {
    const std::string piece = std::to_string(i) + ",";
    std::memcpy(b.Extend(piece.size()), piece.data(), piece.size());
    want += piece;
  }
  EXPECT_EQ(b.view(), want);
  b.Truncate(4);
  EXPECT_EQ(b.view(), "0,1,");
  b.Truncate(100);  // never longer than the content
  EXPECT_EQ(b.view(), "0,1,");
  b.clear();
  EXPECT_EQ(b.size(), 0u);
  b.Reserve(1 << 20);
  std::memcpy(b.Extend(3), "abc", 3);
  EXPECT_EQ(b.view(), "abc");
  ByteBuffer moved = std::move(b);
  EXPECT_EQ(moved.view(), "abc");
  EXPECT_EQ(b.size(), 0u);  // NOLINT(bugprone-use-after-move): a moved-from buffer is empty
}

}  // namespace
}  // namespace cutover
