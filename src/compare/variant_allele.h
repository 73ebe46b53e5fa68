// One ALT allele of a VCF record as the `vcf` comparator matches it: split from its
// multi-allelic record, trimmed to its shortest representation and, with a reference,
// left-aligned (as `bcftools norm -m- -f ref.fa` does), so that two callers' spellings of the
// same variant meet at the same CHROM/POS/REF/ALT. Pure; the reference is a callback.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace cutover {

enum class VariantType { kSnv, kIndel, kOther };  // other: MNP, complex, symbolic
std::string_view ToString(VariantType type);

struct Allele {
  int64_t pos = 0;  // 0-based
  std::string ref;
  std::string alt;
};

// The reference base at 0-based `pos` of the record's contig, or '\0' when unknown.
using ReferenceBase = std::function<char(int64_t pos)>;

// The allele in its normal form: common trailing bases trimmed (shifting left through the
// reference when one side would become empty, so an indel in a repeat moves to its leftmost
// position), then common leading bases trimmed, keeping at least one base on each side.
// Without a reference (null `reference`) only the trimming that needs no new base is done.
// Symbolic (<DEL>), breakend and '*' alleles, and alleles with characters other than ACGTN,
// are left as they are.
Allele Normalise(Allele allele, const ReferenceBase& reference);

VariantType TypeOf(const Allele& allele);

}  // namespace cutover
