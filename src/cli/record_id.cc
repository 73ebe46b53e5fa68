#include "cli/record_id.h"

#include <charconv>

#include <fmt/format.h>

namespace cutover {

std::string FormatRecordId(IdKind kind, int64_t id) {
  return fmt::format("{}{}", kind == IdKind::kComparison ? 'c' : 'e', id);
}

Result<RecordId> ParseRecordId(std::string_view text, std::optional<IdKind> bare_kind) {
  RecordId r;
  std::string_view digits = text;
  if (!text.empty() && (text[0] == 'c' || text[0] == 'C')) {
    r.kind = IdKind::kComparison;
    digits.remove_prefix(1);
  } else if (!text.empty() && (text[0] == 'e' || text[0] == 'E')) {
    r.kind = IdKind::kExecution;
    digits.remove_prefix(1);
  } else if (bare_kind) {
    r.kind = *bare_kind;
  } else {
    return Status::InvalidArgument(fmt::format(
        "'{}': say which kind of id: e{} for an execution, c{} for a comparison (`cutover "
        "mismatches` lists comparisons)",
        text, text, text));
  }
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), r.id);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || r.id <= 0) {
    return Status::InvalidArgument(fmt::format(
        "'{}' is not an id: expected c29 (a comparison) or e17 (an execution)", text));
  }
  return r;
}

}  // namespace cutover
