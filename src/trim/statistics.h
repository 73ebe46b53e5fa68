// What cutadapt's report counts: reads, bases, adapter matches by removed length and error
// count, bases next to removed 3' adapters, quality-trimmed bases, filtered and written reads.
// Each worker thread counts into its own TrimStats; Merge() adds them up at the end.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cutover::trim {

// Filters in the order cutadapt applies and reports them.
enum class Filter {
  kTooShort,
  kTooLong,
  kTooManyN,
  kTooManyExpectedErrors,
  kCasavaFiltered,
  kDiscardTrimmed,
  kDiscardUntrimmed,
};
inline constexpr int kFilterCount = 7;
// "too_short" (JSON key), "that were too short" (text report).
std::string_view FilterKey(Filter f);
std::string_view FilterDescription(Filter f);

// Matches at one end of an adapter (its 5' or its 3' part).
struct EndStats {
  // errors[length][e]: matches that removed `length` bases with `e` errors.
  std::vector<std::vector<int64_t>> errors;
  // Base before a removed 3' adapter: A, C, G, T, and "" (read start or another character).
  std::array<int64_t, 5> adjacent{};

  void Add(int removed_length, int errors_in_match);
  void AddAdjacent(char base);
  int64_t total() const;
  void Merge(const EndStats& other);
};

struct AdapterStats {
  EndStats front;  // matches removing the read's start
  EndStats back;   // matches removing the read's end
  void Merge(const AdapterStats& other) {
    front.Merge(other.front);
    back.Merge(other.back);
  }
};

struct TrimStats {
  bool paired = false;
  int64_t reads = 0;  // reads or pairs
  std::array<int64_t, 2> input_bp{};
  // Absent when no adapters (no quality trimming) were given for that read.
  std::array<std::optional<int64_t>, 2> with_adapters;
  std::array<std::optional<int64_t>, 2> quality_trimmed_bp;
  // Absent for filters that were not enabled.
  std::array<std::optional<int64_t>, kFilterCount> filtered;
  int64_t written = 0;
  std::array<int64_t, 2> written_bp{};
  std::array<std::vector<AdapterStats>, 2> adapters;  // per adapter, in the order given

  int64_t& filtered_count(Filter f) { return *filtered[static_cast<int>(f)]; }
  void Merge(const TrimStats& other);
};

}  // namespace cutover::trim
