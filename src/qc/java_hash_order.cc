#include "qc/java_hash_order.h"

#include <algorithm>

namespace cutover {

int32_t JavaStringHash(std::string_view s) {
  uint32_t h = 0;
  for (unsigned char c : s) h = 31 * h + c;
  return static_cast<int32_t>(h);
}

uint32_t JavaHashMapCapacity(size_t size) {
  uint32_t capacity = 16;
  while (size > size_t{capacity} / 4 * 3) capacity *= 2;
  return capacity;
}

std::vector<size_t> JavaHashMapOrder(const std::vector<int32_t>& hashes) {
  const uint32_t capacity = JavaHashMapCapacity(hashes.size());
  const uint32_t mask = capacity - 1;
  auto bucket = [&](size_t i) {
    const uint32_t h = static_cast<uint32_t>(hashes[i]);
    return (h ^ (h >> 16)) & mask;
  };
  // A counting sort by bucket: stable, so insertion order within a bucket.
  std::vector<uint32_t> start(size_t{capacity} + 1, 0);
  for (size_t i = 0; i < hashes.size(); ++i) ++start[bucket(i) + 1];
  for (uint32_t b = 0; b < capacity; ++b) start[b + 1] += start[b];
  std::vector<size_t> order(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) order[start[bucket(i)]++] = i;
  return order;
}

}  // namespace cutover
