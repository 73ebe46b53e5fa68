// `vcf`: variant calls (VCF, BCF, plain or bgzipped) compared site by site and judged by
// concordance figures: precision and recall of the new calls against the legacy ones, and
// genotype concordance.
//
// Multi-allelic records are split into one site per ALT allele; each allele is trimmed and,
// with `reference`, left-aligned (variant_allele.h) before sites are matched by
// CHROM/POS/REF/ALT, whatever each file's order. Memory stays bounded by hash partitioning
// (partitioned_matcher.h): a pass holds the legacy sites of its partition, their values packed
// (packed_site.h: ~150 bytes for a one-sample site, more with many samples or INFO fields), up
// to bytes_per_pass; larger files take 4, 16, ... passes over both files instead of more memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparator.h"
#include "compare/comparator_options.h"
#include "compare/metric_thresholds.h"
#include "util/status.h"

namespace cutover {

struct VcfOptions {
  std::filesystem::path reference;  // FASTA for left-aligning indels; "" none
  NumericTolerance qual;            // QUAL
  NumericTolerance tolerance;       // numeric INFO and FORMAT values
  std::set<std::string, std::less<>> ignore_info, ignore_format;
  // Header line keys not compared ("fileDate" for ##fileDate=...); '*' matches any characters.
  // "*Version" too: bcftools adds a ##<tool>Version line for every tool run on the file.
  std::vector<std::string> ignore_header = {"fileDate", "source", "*Command", "*Version"};
  std::vector<MetricThreshold> thresholds;  // none given: any difference is a mismatch
  int64_t max_differences = 10;
  // Memory held per pass: the packed legacy sites and their table entries. A pass that would
  // hold more ends, and the sites are split into 4 times as many partitions (passes).
  int64_t bytes_per_pass = 256LL << 20;
  int64_t sites_per_pass = 0;  // 0: no limit but the bytes; tests set a few to force passes
};

std::span<const MetricBound> VcfThresholds();

// Reads `reference`, `qual_tolerance`, `tolerance`, `ignore_info`, `ignore_format`,
// `ignore_header`, the thresholds (`min_recall`, ...) and `max_differences`.
Result<VcfOptions> ParseVcfOptions(const nlohmann::json& options);

// Immutable after construction; Compare() is thread-safe.
class VcfComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "vcf";
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);
  explicit VcfComparator(VcfOptions options) : options_(std::move(options)) {}

  std::string kind() const override { return std::string(kKind); }
  std::vector<std::string> fraction_metrics() const override;
  std::vector<MetricThreshold> thresholds() const override { return options_.thresholds; }
  // metrics: sites_both, sites_only_legacy, sites_only_new, precision, recall,
  // genotype_concordance, snv_/indel_precision and _recall, differing (null when their
  // denominator is 0). kMatch: the same sites with the same values. kNoise: equal within
  // tolerance, or (thresholds given) every threshold met. kMismatch otherwise, and whenever the
  // headers differ. kError: unreadable or malformed input naming the file and record, an
  // undeclared FORMAT key, different samples, a site twice in one file.
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

 private:
  const VcfOptions options_;
};

}  // namespace cutover
