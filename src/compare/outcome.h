// The outcome of comparing one output between the legacy and the new side.
#pragma once

#include <string_view>

#include "util/status.h"

namespace cutover {

enum class Outcome {
  kMatch,     // the outputs agree
  kMismatch,  // they differ in a way no noise rule explains
  kNoise,     // they differ only where a noise rule says differences do not matter
  kError,     // they could not be compared (missing, unreadable or malformed file)
};
std::string_view ToString(Outcome outcome);
Result<Outcome> ParseOutcome(std::string_view text);

}  // namespace cutover
