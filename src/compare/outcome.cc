#include "compare/outcome.h"

#include <fmt/format.h>

namespace cutover {

std::string_view ToString(Outcome outcome) {
  switch (outcome) {
    case Outcome::kMatch: return "match";
    case Outcome::kMismatch: return "mismatch";
    case Outcome::kNoise: return "noise";
    case Outcome::kError: return "error";
  }
  return "?";
}

Result<Outcome> ParseOutcome(std::string_view text) {
  for (Outcome o : {Outcome::kMatch, Outcome::kMismatch, Outcome::kNoise, Outcome::kError}) {
    if (text == ToString(o)) return o;
  }
  return Status::InvalidArgument(fmt::format("unknown outcome '{}'", text));
}

}  // namespace cutover
