// One ALT allele of a VCF/BCF record with what the `vcf` comparator compares for it: its
// normalised allele (variant_allele.h), QUAL, each sample's genotype as seen from this allele,
// and the INFO and FORMAT values that belong to it (Number=A and R fields reduced to this
// allele's values; G fields to the genotypes over REF and this allele, for diploid calls).
#pragma once

#include <htslib/vcf.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "compare/comparator_options.h"
#include "compare/variant_allele.h"

namespace cutover {

struct VariantValue {
  std::string key;              // "DP" (INFO) or "AD" (FORMAT; values of every sample in order)
  std::vector<double> numbers;  // numeric values, NaN for missing ('.')
  std::string text;             // string and flag values
  bool operator==(const VariantValue&) const = default;
};

struct AlleleSite {
  Allele allele;
  VariantType type = VariantType::kOther;
  float qual = 0;  // NaN: missing
  // Per sample (in the comparison's sample order), the genotype's alleles as '1' (this ALT),
  // '0' (REF or another ALT: as `bcftools norm -m-` splits a record, so a split file and its
  // multi-allelic original compare equal) or '.', sorted (phasing aside), samples separated
  // by '/'.
  std::string genotypes;
  std::vector<VariantValue> info;    // sorted by key, ignored keys left out
  std::vector<VariantValue> format;  // sorted by key, GT and ignored keys left out
};

struct SiteExtraction {
  const ReferenceBase* reference = nullptr;  // for left-alignment; null: none
  // The file's sample index for each sample of the comparison's order.
  std::vector<int> sample_order;
  std::set<std::string, std::less<>> ignore_info, ignore_format;
};

// ALT allele `allele` (1-based) of an unpacked record, normalised (with `reference`, when not
// null): what a site is matched by. Cheap next to ExtractSite, which reads every value.
Allele SiteAllele(const bcf1_t* record, int allele, const ReferenceBase* reference);

// The site of ALT allele `allele` (1-based) of an unpacked record, whose normalised allele
// SiteAllele gave.
AlleleSite ExtractSite(const bcf_hdr_t* header, bcf1_t* record, int allele, Allele normalised,
                       const SiteExtraction& how);
// The same, normalising the allele with how.reference.
AlleleSite ExtractSite(const bcf_hdr_t* header, bcf1_t* record, int allele,
                       const SiteExtraction& how);

// The fields compared, as bits.
enum SiteField : uint32_t {
  kSiteGenotype = 1u << 0,
  kSiteQual = 1u << 1,
  kSiteInfo = 1u << 2,
  kSiteFormat = 1u << 3,
  kSiteWithinTolerance = 1u << 4,  // values equal only within the tolerance
};
std::string SiteFieldNames(uint32_t mask);

struct SiteDiff {
  uint32_t fields = 0;
  int64_t genotypes_compared = 0;  // samples
  int64_t genotypes_equal = 0;
  std::vector<std::string> keys;  // INFO/FORMAT keys that differ beyond tolerance
};

SiteDiff DiffSites(const AlleleSite& legacy, const AlleleSite& new_side,
                   const NumericTolerance& qual, const NumericTolerance& values);

}  // namespace cutover
