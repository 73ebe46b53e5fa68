#include "trim/statistics.h"

namespace cutover::trim {

std::string_view FilterKey(Filter f) {
  switch (f) {
    case Filter::kTooShort: return "too_short";
    case Filter::kTooLong: return "too_long";
    case Filter::kTooManyN: return "too_many_n";
    case Filter::kTooManyExpectedErrors: return "too_many_expected_errors";
    case Filter::kCasavaFiltered: return "casava_filtered";
    case Filter::kDiscardTrimmed: return "discard_trimmed";
    case Filter::kDiscardUntrimmed: return "discard_untrimmed";
  }
  return "";
}

std::string_view FilterDescription(Filter f) {
  switch (f) {
    case Filter::kTooShort: return "that were too short";
    case Filter::kTooLong: return "that were too long";
    case Filter::kTooManyN: return "with too many N";
    case Filter::kTooManyExpectedErrors: return "with too many exp. errors";
    case Filter::kCasavaFiltered: return "failed CASAVA filter";
    case Filter::kDiscardTrimmed: return "discarded as trimmed";
    case Filter::kDiscardUntrimmed: return "discarded as untrimmed";
  }
  return "";
}

void EndStats::Add(int removed_length, int errors_in_match) {
  if (errors.size() <= static_cast<size_t>(removed_length)) errors.resize(removed_length + 1);
  std::vector<int64_t>& row = errors[removed_length];
  if (row.size() <= static_cast<size_t>(errors_in_match)) row.resize(errors_in_match + 1);
  ++row[errors_in_match];
}

void EndStats::AddAdjacent(char base) {
  switch (base) {
    case 'A': ++adjacent[0]; break;
    case 'C': ++adjacent[1]; break;
    case 'G': ++adjacent[2]; break;
    case 'T': ++adjacent[3]; break;
    default: ++adjacent[4]; break;
  }
}

int64_t EndStats::total() const {
  int64_t t = 0;
  for (const auto& row : errors) {
    for (int64_t c : row) t += c;
  }
  return t;
}

void EndStats::Merge(const EndStats& other) {
  if (errors.size() < other.errors.size()) errors.resize(other.errors.size());
  for (size_t len = 0; len < other.errors.size(); ++len) {
    const auto& src = other.errors[len];
    auto& dst = errors[len];
    if (dst.size() < src.size()) dst.resize(src.size());
    for (size_t e = 0; e < src.size(); ++e) dst[e] += src[e];
  }
  for (size_t i = 0; i < adjacent.size(); ++i) adjacent[i] += other.adjacent[i];
}

namespace {
void AddOptional(std::optional<int64_t>& a, const std::optional<int64_t>& b) {
  if (!b) return;
  a = a.value_or(0) + *b;
}
}  // namespace

void TrimStats::Merge(const TrimStats& other) {
  paired = paired || other.paired;
  reads += other.reads;
  written += other.written;
  for (int i = 0; i < 2; ++i) {
    input_bp[i] += other.input_bp[i];
    written_bp[i] += other.written_bp[i];
    AddOptional(with_adapters[i], other.with_adapters[i]);
    AddOptional(quality_trimmed_bp[i], other.quality_trimmed_bp[i]);
    if (adapters[i].size() < other.adapters[i].size()) adapters[i].resize(other.adapters[i].size());
    for (size_t a = 0; a < other.adapters[i].size(); ++a) adapters[i][a].Merge(other.adapters[i][a]);
  }
  for (int f = 0; f < kFilterCount; ++f) AddOptional(filtered[f], other.filtered[f]);
}

}  // namespace cutover::trim
