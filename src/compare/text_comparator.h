// `text`: line-by-line comparison of two text files, plain or gzip (recognized by content).
//
// Lines matching an `ignore` pattern are dropped from both sides; the rest are walked in
// lockstep (the Nth kept legacy line against the Nth kept new line), so an inserted line shows
// as a run of differences rather than being re-aligned: pipeline outputs are expected to keep
// their order. Streams: memory is bounded by the longest line, whatever the file size.
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

struct TextOptions {
  // RE2 patterns; a line in which any of them matches (anywhere: a partial match) is dropped
  // from both sides before comparing.
  std::vector<std::string> ignore;
  int64_t max_differences = 10;  // differences listed in the result; all of them are counted
  // "a  " equals "a"; also makes "\r\n" equal "\n" and a missing final newline not matter.
  bool ignore_trailing_whitespace = false;
  size_t excerpt_bytes = 200;  // of each side per difference: keeps stored evidence small
  LineReaderOptions reader;    // reader.max_line_bytes bounds memory on non-text input
};

// Reads `ignore`, `max_differences`, `ignore_trailing_whitespace`. Unknown or ill-typed options
// are kInvalidArgument naming the option. Patterns are checked by TextComparator::Create.
Result<TextOptions> ParseTextOptions(const nlohmann::json& options);

// Immutable after construction; Compare() is thread-safe (RE2 matching is).
class TextComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "text";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);
  // kInvalidArgument naming the first `ignore` pattern that does not compile, or is empty.
  static Result<std::unique_ptr<TextComparator>> Create(TextOptions options);
  ~TextComparator() override;

  std::string kind() const override { return std::string(kKind); }
  // counts: {"lines_legacy", "lines_new", "differing_lines" (all of: changed, only_legacy,
  // only_new), "only_legacy", "only_new", "ignored_legacy", "ignored_new"}.
  // kMatch: the kept lines are equal and the files' (decompressed) content is identical.
  // kNoise: the kept lines are equal but the files differ in ignored lines or trailing
  // whitespace. kMismatch otherwise.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

  // Whether `line` matches an ignore pattern.
  bool Ignored(std::string_view line) const;

 private:
  TextComparator(TextOptions options, std::vector<std::unique_ptr<re2::RE2>> ignore);

  const TextOptions options_;
  const std::vector<std::unique_ptr<re2::RE2>> ignore_;  // compiled options_.ignore
};

}  // namespace cutover
