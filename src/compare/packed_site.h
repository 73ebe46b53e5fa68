// A compact byte form of an AlleleSite's values (variant_site.h), in which a `vcf` comparison
// pass holds its legacy sites: about 150 bytes for a one-sample `bcftools call` site, against
// about 2 KB as an AlleleSite (each of its values a string and a vector of its own). Holds the
// type, QUAL, genotypes, and every INFO and FORMAT value with its key (keys as small numbers in
// a SiteKeys table shared by the comparison); numbers as 32-bit floats where that is exact (all
// of VCF's: its values are 32-bit), as doubles otherwise. The allele is not held: a pass matches
// sites by their key's digest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compare/variant_site.h"

namespace cutover {

// INFO and FORMAT key names by number, for one comparison. Not thread-safe.
class SiteKeys {
 public:
  uint32_t Number(const std::string& key);
  const std::string& Name(uint32_t number) const { return names_[number]; }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> numbers_;
};

// Appends the packed form of `site` (its allele aside) to *out.
void PackSite(const AlleleSite& site, SiteKeys* keys, std::string* out);
// Reads what PackSite wrote into *site (its allele left as it was); reuses *site's buffers.
// `bytes` must be exactly PackSite's output, and `keys` the table it used.
void UnpackSite(std::string_view bytes, const SiteKeys& keys, AlleleSite* site);

}  // namespace cutover
