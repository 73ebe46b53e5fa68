// The automatic rollback decision: when the new side keeps failing while it serves, the step
// goes back to legacy. Pure: the caller reads the route and the failure count and applies the
// change (evidence/route_change.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "route/route.h"

namespace cutover {

// The reason to roll back, or nullopt to leave the route alone. Only a step whose new side
// serves (canary or new) rolls back, and only once `consecutive_failures` reached `limit`.
// `sample` and `why` describe the latest failure and go into the reason.
std::optional<std::string> AutoRollbackReason(const Route& route, int64_t consecutive_failures,
                                              int limit, std::string_view sample,
                                              std::string_view why);

}  // namespace cutover
