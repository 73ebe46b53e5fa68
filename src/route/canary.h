// Canary membership by a stable hash of (step, sample).
//
// Each (step, sample) gets a fixed bucket in [0, 10000). A sample is in a canary of N percent
// when its bucket is below N*100. Raising N therefore only adds samples, and lowering it removes
// the ones added last. The bucket depends on nothing but the two names (XXH3-64, a frozen
// algorithm), so every machine and every version agrees.
#pragma once

#include <cstdint>
#include <string_view>

namespace cutover {

uint32_t CanaryBucket(std::string_view step, std::string_view sample);
bool InCanary(std::string_view step, std::string_view sample, int percent);

}  // namespace cutover
