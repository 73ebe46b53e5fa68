// `text`: line-by-line comparison of two text files, plain or gzip (recognized by content).
//
// Lines matching an `ignore` pattern are dropped from both sides; the rest are normalized
// (`replace` substitutions, then trailing whitespace if asked) and compared.
//
// order ordered (default): the Nth kept legacy line against the Nth kept new line, so an
// inserted line shows as a run of differences rather than being re-aligned: pipeline outputs
// are expected to keep their order. Memory is bounded by the longest line.
//
// order any: the two files must hold the same multiset of normalized lines. A first pass keeps
// only a commutative digest per side (the sum of each line's 128-bit hash), so equal files cost
// one read and no memory. When they differ, the differing lines are found by hash partitioning:
// the line hashes are split into P partitions (P = lines / unordered_lines_per_pass, rounded
// up) and each partition is counted in a hash map in its own pass over both files, so memory
// stays bounded by unordered_lines_per_pass entries whatever the file size; a last pass fetches
// the text of the first max_differences differing lines.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compare/comparator.h"
#include "compare/line_reader.h"
#include "util/status.h"

namespace re2 {
class RE2;
}

namespace cutover {

// One `replace` rule: every match of `pattern` (RE2) in a line is replaced with `with`
// (\\1-style group references allowed) before comparing. Applied in order, on both sides.
struct TextSubstitution {
  std::string pattern;
  std::string with;
};

enum class LineOrder { kOrdered, kAny };

struct TextOptions {
  // RE2 patterns; a line in which any of them matches (anywhere: a partial match) is dropped
  // from both sides before comparing.
  std::vector<std::string> ignore;
  int64_t max_differences = 10;  // differences listed in the result; all of them are counted
  // "a  " equals "a"; also makes "\r\n" equal "\n" and a missing final newline not matter.
  bool ignore_trailing_whitespace = false;
  std::vector<TextSubstitution> replace;
  LineOrder order = LineOrder::kOrdered;
  // order any: distinct line hashes held in memory per pass (~80 bytes each). More passes over
  // the files when exceeded; only used when the files differ.
  int64_t unordered_lines_per_pass = 1'000'000;
  size_t excerpt_bytes = 200;  // of each side per difference: keeps stored evidence small
  LineReaderOptions reader;    // reader.max_line_bytes bounds memory on non-text input
};

// Reads `ignore`, `replace`, `order`, `max_differences`, `ignore_trailing_whitespace`. Unknown or ill-typed options
// are kInvalidArgument naming the option. Patterns are checked by TextComparator::Create.
Result<TextOptions> ParseTextOptions(const nlohmann::json& options);

// Immutable after construction; Compare() is thread-safe (RE2 matching is).
class TextComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "text";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);
  // kInvalidArgument naming the first `ignore` or `replace` pattern that does not compile, is
  // empty, or (replace) has a `with` referring to a group the pattern does not have.
  static Result<std::unique_ptr<TextComparator>> Create(TextOptions options);
  ~TextComparator() override;

  std::string kind() const override { return std::string(kKind); }
  // counts: {"lines_legacy", "lines_new", "differing_lines" (all of: changed, only_legacy,
  // only_new), "only_legacy", "only_new", "ignored_legacy", "ignored_new"}.
  // kMatch: the kept lines are equal and the files' (decompressed) content is identical.
  // kNoise: the normalized kept lines are equal (as a multiset with order any) but the files
  // differ in ignored lines, replaced values, trailing whitespace or line order. kMismatch
  // otherwise.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

  // Whether `line` matches an ignore pattern.
  bool Ignored(std::string_view line) const;
  // `line` after the `replace` rules and (if set) trailing-whitespace trimming. The result
  // views `line` or `*buffer`.
  std::string_view Normalize(std::string_view line, std::string* buffer) const;

 private:
  TextComparator(TextOptions options, std::vector<std::unique_ptr<re2::RE2>> ignore,
                 std::vector<std::unique_ptr<re2::RE2>> replace);
  Comparison CompareOrdered(const std::filesystem::path& legacy,
                            const std::filesystem::path& new_side) const;
  Comparison CompareAnyOrder(const std::filesystem::path& legacy,
                             const std::filesystem::path& new_side) const;

  const TextOptions options_;
  const std::vector<std::unique_ptr<re2::RE2>> ignore_;   // compiled options_.ignore
  const std::vector<std::unique_ptr<re2::RE2>> replace_;  // compiled options_.replace patterns
};

}  // namespace cutover
