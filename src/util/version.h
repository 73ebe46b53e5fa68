// cutover's own version, as `cutover --version` prints it and implementations' identities
// record it.
#pragma once

#include <string_view>

namespace cutover {

inline constexpr std::string_view kCutoverVersion = "0.1.0";

}  // namespace cutover
