// The ids a user types: one kind of id per command, impossible to mix up. Comparisons are shown
// as "c29" and executions as "e17" everywhere a person reads them; a command takes the kinds it
// understands and refuses the others with a message that says which is which.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace cutover {

enum class IdKind { kComparison, kExecution };

struct RecordId {
  IdKind kind = IdKind::kComparison;
  int64_t id = 0;
};

// "c29" or "e17" (either case); a bare "29" is of `bare_kind`, or refused when it has none
// (the command takes both kinds). kInvalidArgument naming what was expected otherwise.
Result<RecordId> ParseRecordId(std::string_view text, std::optional<IdKind> bare_kind);

// "c29", "e17".
std::string FormatRecordId(IdKind kind, int64_t id);

}  // namespace cutover
