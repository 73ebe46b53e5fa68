#include "route/canary.h"

#include <string>

#include "util/digest.h"

namespace cutover {

uint32_t CanaryBucket(std::string_view step, std::string_view sample) {
  std::string key;
  key.reserve(step.size() + sample.size() + 1);
  key.append(step);
  key.push_back('\0');  // "ab"+"c" and "a"+"bc" must differ
  key.append(sample);
  return static_cast<uint32_t>(StableHash64(key) % 10000);
}

bool InCanary(std::string_view step, std::string_view sample, int percent) {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  return CanaryBucket(step, sample) < static_cast<uint32_t>(percent) * 100;
}

}  // namespace cutover
