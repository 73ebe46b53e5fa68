// Drift: the implementation of a side changed since the ledger last saw it (a legacy notebook
// edited while its rewrite is in shadow, a tool upgraded). The first time a run meets a side's
// identity it compares it with the ledger's current one for (step, side); a different identity is
// recorded as an implementation change (the ledger's event of the drift) and, when the ledger
// knew an identity before, announced:
//   "legacy of normalize changed: notebook content (was 3f2a1b2c, now 9b1c2d3e)"
#pragma once

#include <cstdint>
#include <string>

#include "ledger/ledger.h"
#include "route/route.h"
#include "run/implementation_identity.h"
#include "util/status.h"

namespace cutover {

// Records `now` as (step, side)'s current identity when it is not already; returns the
// announcement ("" for no change, and for the first identity the ledger records).
Result<std::string> RecordImplementationDrift(Ledger& ledger, const std::string& step, Side side,
                                              const ImplementationIdentity& now, int64_t run_id,
                                              int64_t at_ms);

}  // namespace cutover
