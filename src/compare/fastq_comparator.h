// `fastq`: record-level comparison of two FASTQ files (plain or gzip): names, sequences and
// qualities.
//
// order ordered (default): record N against record N. Both files are read and decompressed on
// their own threads (ISA-L), so on two cores the comparison costs about one file's
// decompression. order any: records are paired by read id (the name up to the first space),
// so output order does not matter (e.g. a multi-threaded tool); memory stays bounded by hash
// partitioning: each pass holds at most records_per_pass legacy records' digests (about 50
// bytes each), with one more pass over both files per partition, and a last pass fetches the
// text of the records listed as differences.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "compare/comparator.h"
#include "util/status.h"

namespace cutover {

struct FastqOptions {
  bool any_order = false;
  bool names_first_word = false;  // compare names up to the first space only (comments aside)
  int64_t max_differences = 10;
  int64_t records_per_pass = 2'000'000;  // order any: legacy records held per pass
  size_t excerpt_bytes = 200;            // per line of a listed record
};

// Reads `order: ordered|any`, `names: full|first_word`, `max_differences`.
Result<FastqOptions> ParseFastqOptions(const nlohmann::json& options);

// Immutable after construction; Compare() is thread-safe.
class FastqComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "fastq";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);
  explicit FastqComparator(FastqOptions options) : options_(options) {}

  std::string kind() const override { return std::string(kKind); }
  // counts: {"records_legacy", "records_new", "differing_records", "only_legacy", "only_new",
  // "name_differs", "sequence_differs", "quality_differs"} (+ "passes" with order any).
  // kMatch: the same records (in the same order, with order ordered). kNoise: the same reads
  // but names differing only after the first word (names: first_word), '+' lines differing, or
  // (order any) another order. kMismatch otherwise. kError: a malformed record or a broken gzip
  // stream on either side, naming the file, record and line; a duplicate read id with order any.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

 private:
  Comparison CompareOrdered(const std::filesystem::path& legacy,
                            const std::filesystem::path& new_side) const;
  Comparison CompareAnyOrder(const std::filesystem::path& legacy,
                             const std::filesystem::path& new_side) const;

  const FastqOptions options_;
};

}  // namespace cutover
