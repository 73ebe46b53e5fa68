// `compare: none`: an output that is published but deliberately not compared (a report whose
// every byte embeds the date, a log). No comparison is recorded for it, so it adds nothing to a
// step's evidence, for or against; its other outputs carry the comparison.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "compare/comparator.h"

namespace cutover {

class NoneComparator : public Comparator {
 public:
  static constexpr std::string_view kKind = "none";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);
  std::string kind() const override { return std::string(kKind); }
  bool compares() const override { return false; }
  // Never called by the routing layer (compares() is false); reports a match if called.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;
};

}  // namespace cutover
