#include "route/auto_rollback.h"

#include <fmt/format.h>

namespace cutover {

std::optional<std::string> AutoRollbackReason(const Route& route, int64_t consecutive_failures,
                                              int limit, std::string_view sample,
                                              std::string_view why) {
  if (route.mode != RouteMode::kCanary && route.mode != RouteMode::kNew) return std::nullopt;
  if (consecutive_failures < limit) return std::nullopt;
  return fmt::format(
      "automatic rollback: {} consecutive new-side failures (limit {}); last on sample {}: {}",
      consecutive_failures, limit, sample, why);
}

}  // namespace cutover
