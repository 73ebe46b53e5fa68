#include "run/implementation_drift.h"

#include <fmt/format.h>

namespace cutover {

Result<std::string> RecordImplementationDrift(Ledger& ledger, const std::string& step, Side side,
                                              const ImplementationIdentity& now, int64_t run_id,
                                              int64_t at_ms) {
  CUTOVER_ASSIGN_OR_RETURN(std::optional<ImplementationChange> current,
                           ledger.CurrentImplementation(step, side));
  if (current && current->to_digest == now.digest) return std::string();
  ImplementationChange change;
  change.step = step;
  change.side = side;
  change.at_ms = at_ms;
  change.run_id = run_id;
  change.to_digest = now.digest;
  change.description = now.Description();
  change.parts = IdentityPartsToJson(now);
  if (current) {
    change.from_digest = current->to_digest;
    change.change = DescribeIdentityChange(IdentityFromJson(current->to_digest, current->parts), now);
  }
  CUTOVER_RETURN_IF_ERROR(ledger.RecordImplementationChange(change).status());
  if (!current) return std::string();
  return fmt::format("{} of {} changed: {}", ToString(side), step, change.change);
}

}  // namespace cutover
