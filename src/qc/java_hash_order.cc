#include "qc/java_hash_order.h"

#include <algorithm>
#include <numeric>

namespace cutover {

int32_t JavaStringHash(std::string_view s) {
  uint32_t h = 0;
  for (unsigned char c : s) h = 31 * h + c;
  return static_cast<int32_t>(h);
}

uint32_t JavaHashMapCapacity(size_t size) {
  uint32_t capacity = 16;
  while (size > capacity / 4 * 3) capacity *= 2;
  return capacity;
}

std::vector<size_t> JavaHashMapOrder(const std::vector<int32_t>& hashes) {
  const uint32_t mask = JavaHashMapCapacity(hashes.size()) - 1;
  auto bucket = [&](size_t i) {
    uint32_t h = static_cast<uint32_t>(hashes[i]);
    return (h ^ (h >> 16)) & mask;
  };
  std::vector<size_t> order(hashes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return bucket(a) < bucket(b); });
  return order;
}

}  // namespace cutover
