#include "qc/builtin_lists.h"

namespace cutover {
namespace embedded {  // generated from src/qc/data/ (src/qc/CMakeLists.txt)
extern const std::string_view kFastqcAdapters0119;
extern const std::string_view kFastqcAdapters0121;
extern const std::string_view kFastqcContaminants;
extern const std::string_view kFastqcLimits;
}  // namespace embedded

BuiltinLists BuiltinListsFor(FastqcVersion version) {
  // Only the adapters changed between 0.11.9 and 0.12.1.
  return {version == FastqcVersion::k0_11_9 ? embedded::kFastqcAdapters0119
                                            : embedded::kFastqcAdapters0121,
          embedded::kFastqcContaminants, embedded::kFastqcLimits};
}

}  // namespace cutover
