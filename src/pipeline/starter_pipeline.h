// The commented starter cutover.yaml that `cutover init` writes.
#pragma once

#include <string>

namespace cutover {

// A commented starter cutover.yaml (it loads: loader_test.cc checks).
std::string StarterPipelineYaml();

}  // namespace cutover
