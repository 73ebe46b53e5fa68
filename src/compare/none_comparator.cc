#include "compare/none_comparator.h"

#include <fmt/format.h>

namespace cutover {

Result<std::unique_ptr<Comparator>> NoneComparator::FromOptions(const nlohmann::json& options) {
  if (!options.empty()) {
    return Status::InvalidArgument(
        fmt::format("compare: none takes no options (got '{}')", options.begin().key()));
  }
  return std::unique_ptr<Comparator>(new NoneComparator());
}

Comparison NoneComparator::Compare(const std::filesystem::path&,
                                   const std::filesystem::path&) const {
  Comparison c;
  c.outcome = Outcome::kMatch;
  c.message = "not compared (compare: none)";
  return c;
}

}  // namespace cutover
