// `bytes`: the two files must be byte-for-byte identical. Streams both files in step and stops
// at the first differing byte, whose 0-based offset it reports. Compressed files are compared as
// they are stored (use `text` to compare the content of gzip files).
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "compare/comparator.h"
#include "util/status.h"

namespace cutover {

struct BytesOptions {
  size_t buffer_bytes = 64 << 10;  // per side; larger = fewer read calls, more page faults
  size_t excerpt_bytes = 16;        // bytes shown (as hex) from the first difference
};

// Immutable after construction; Compare() is thread-safe.
class BytesComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "bytes";
  // `bytes` takes no options: any option is kInvalidArgument naming it.
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);

  explicit BytesComparator(BytesOptions options = {}) : options_(options) {}
  std::string kind() const override { return std::string(kKind); }
  // counts: {"bytes_legacy", "bytes_new"[, "first_difference_offset"]}.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

 private:
  const BytesOptions options_;
};

}  // namespace cutover
