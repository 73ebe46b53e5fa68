#include "qc/java_hash_order.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(JavaHashOrderTest, StringHashIsJavas) {
  // "ab".hashCode() = 97 * 31 + 98 = 3105; "" = 0.
  EXPECT_EQ(JavaStringHash("ab"), 3105);
  EXPECT_EQ(JavaStringHash(""), 0);
  // Overflow wraps as Java's int: 31^7 * 'A'... checked against the closed form.
  uint32_t h = 0;
  for (char c : std::string(40, 'G')) h = h * 31 + static_cast<uint32_t>(c);
  EXPECT_EQ(JavaStringHash(std::string(40, 'G')), static_cast<int32_t>(h));
}

TEST(JavaHashOrderTest, Capacity) {
  EXPECT_EQ(JavaHashMapCapacity(0), 16u);
  EXPECT_EQ(JavaHashMapCapacity(12), 16u);
  EXPECT_EQ(JavaHashMapCapacity(13), 32u);
  EXPECT_EQ(JavaHashMapCapacity(100000), 262144u);  // 131072 * 0.75 = 98304 < 100000
}

TEST(JavaHashOrderTest, BucketThenInsertionOrder) {
  // Integer keys in a 16-bucket table: 17 and 1 share bucket 1 (17 inserted first), 2 is next.
  std::vector<int32_t> keys = {17, 2, 1, 16};
  std::vector<size_t> order = JavaHashMapOrder(keys);
  // Buckets: 16 -> 0, 17 -> 1, 1 -> 1, 2 -> 2.
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(keys[order[0]], 16);
  EXPECT_EQ(keys[order[1]], 17);
  EXPECT_EQ(keys[order[2]], 1);
  EXPECT_EQ(keys[order[3]], 2);
}

TEST(JavaHashOrderTest, HighBitsAreFoldedIn) {
  // 65536 ^ (65536 >>> 16) = 65537 -> bucket 1 of 16, after 0's bucket 0.
  std::vector<int32_t> keys = {65536, 0};
  std::vector<size_t> order = JavaHashMapOrder(keys);
  EXPECT_EQ(keys[order[0]], 0);
  EXPECT_EQ(keys[order[1]], 65536);
}

}  // namespace
}  // namespace cutover
