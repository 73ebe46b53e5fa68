// `bam`: alignments (SAM, BAM, CRAM) compared read by read and judged by concordance figures.
//
// Records are paired by read name, mate (first/second in pair) and kind (primary, secondary,
// supplementary), whatever each file's sort order. Primary records are compared field by field
// (placement, strand, MAPQ, CIGAR, flags, mate, tags); secondary and supplementary records as a
// multiset per read. Memory stays bounded by hash partitioning (partitioned_matcher.h): a pass
// holds at most records_per_pass legacy records' summaries (~80 bytes each with their table
// slots, alignment_table.h); larger files take more passes over both files. Each file is read
// and summarised on a thread of its own (alignment_stream.h). The records listed are read
// again at the end, from the nearest checkpoint (BAM) or the start (SAM, CRAM).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/alignment_record.h"
#include "compare/comparator.h"
#include "compare/metric_thresholds.h"
#include "util/status.h"

namespace cutover {

struct BamOptions {
  std::filesystem::path reference;  // FASTA for CRAM input
  int64_t position_tolerance = 0;   // bases a position may move and still be the same placement
  TagFilter tags;                                        // the tags compared
  std::vector<std::string> ignore_header = {"PG", "CO"};  // header record types not compared
  // The verdict's thresholds on the metrics. None given: any difference beyond the tolerance is
  // a mismatch.
  std::vector<MetricThreshold> thresholds;
  int64_t max_differences = 10;
  int64_t records_per_pass = 4'000'000;  // legacy records held per pass (~80 bytes each)
  // htslib decompression threads per file, besides the thread that reads and summarises the
  // file's records (alignment_stream.h), itself besides the comparing thread. 0: that thread
  // decompresses too (one hand-over per batch of records rather than per 64 KB block: less CPU
  // time in all, as fast).
  int decompression_threads = 0;
};

// The thresholds `bam` offers, as min_/max_ options.
std::span<const MetricBound> BamThresholds();

// Reads `reference`, `position_tolerance`, `tags`, `ignore_tags`, `ignore_header`, the thresholds
// (`min_same_placement`, ...) and `max_differences`.
Result<BamOptions> ParseBamOptions(const nlohmann::json& options);

// Immutable after construction; Compare() is thread-safe.
class BamComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "bam";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);
  explicit BamComparator(BamOptions options) : options_(std::move(options)) {}

  std::string kind() const override { return std::string(kKind); }
  std::vector<std::string> fraction_metrics() const override;
  std::vector<MetricThreshold> thresholds() const override { return options_.thresholds; }
  // metrics (fractions; null when their denominator is 0): same_placement, same_mapq,
  // only_legacy, only_new, mapped_only_legacy, mapped_only_new, properly_paired_changes,
  // differing. counts: records and reads per side, reads_compared, per-field counts, header
  // and secondary differences, passes.
  // kMatch: the same records field for field (ignored tags and header lines aside). kNoise:
  // differences within position_tolerance only, or (thresholds given) every threshold met.
  // kMismatch otherwise, and whenever the headers differ. kError: an unreadable or malformed
  // file (naming it and the record), a read with two primary records.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

 private:
  const BamOptions options_;
};

}  // namespace cutover
