#include "qc/alignment_reads.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "util/strings.h"

namespace cutover {
namespace {

// FastQC's complement: the four bases swap, every other letter stays (N, IUPAC codes).
char Complement(char c) {
  switch (c) {
    case 'A': return 'T';
    case 'T': return 'A';
    case 'C': return 'G';
    case 'G': return 'C';
    default: return c;
  }
}

// The two bases of each byte of BAM's 4-bit encoding (high nibble first), as letters: one
// lookup and a two-byte copy per byte instead of a shift, a mask and a lookup per base.
constexpr std::array<std::array<char, 2>, 256> kBasePairs = [] {
  constexpr char kCodes[] = "=ACMGRSVTWYHKDBN";
  std::array<std::array<char, 2>, 256> pairs{};
  for (int b = 0; b < 256; ++b) pairs[b] = {kCodes[b >> 4], kCodes[b & 15]};
  return pairs;
}();

}  // namespace

std::optional<AlignmentReadsOptions> AlignmentInput(std::string_view name,
                                                    std::string_view format) {
  AlignmentReadsOptions options;
  if (format == "bam" || format == "sam") return options;
  if (format == "bam_mapped" || format == "sam_mapped") {
    options.mapped_only = true;
    return options;
  }
  if (!format.empty()) return std::nullopt;  // fastq
  std::string lower(name);
  for (char& c : lower) c = AsciiLower(c);
  for (std::string_view ext : {".bam", ".sam", ".ubam"}) {
    if (lower.ends_with(ext)) return options;
  }
  return std::nullopt;
}

Result<AlignmentReads> AlignmentReads::Open(const std::string& path,
                                            const AlignmentReadsOptions& options) {
  HtsOpenOptions open;
  open.threads = options.threads;
  open.cram_advice =
      "cutover qc, like FastQC, takes no reference: convert it first (samtools fastq -T REF, or "
      "samtools view -b -T REF)";
  CUTOVER_ASSIGN_OR_RETURN(AlignmentReader reader, AlignmentReader::Open(path, open));
  return AlignmentReads(std::move(reader), options);
}

Result<bool> AlignmentReads::Next(AlignmentRead* read) {
  const bam1_t* r = nullptr;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool more, reader_.Next());
    if (!more) return false;
    r = reader_.record();
    if (!options_.mapped_only || (r->core.flag & BAM_FUNMAP) == 0) break;
  }
  const int32_t length = r->core.l_qseq;
  sequence_.clear();
  quality_.clear();
  if (length == 0) {
    sequence_.assign(1, '*');
  } else {
    const uint8_t* bases = bam_get_seq(r);
    sequence_.resize(static_cast<size_t>(length) + 1);  // (an odd length's last pair whole)
    char* out = sequence_.data();
    for (size_t i = 0; i < (static_cast<size_t>(length) + 1) / 2; ++i) {
      std::memcpy(out + 2 * i, &kBasePairs[bases[i]], 2);
    }
    sequence_.resize(static_cast<size_t>(length));
  }
  const uint8_t* qualities = bam_get_qual(r);
  if (length == 0 || qualities[0] == 0xff) {
    quality_.assign(1, '*');
  } else {
    quality_.resize(static_cast<size_t>(length));
    char* out = quality_.data();
    for (int32_t i = 0; i < length; ++i) out[i] = static_cast<char>(qualities[i] + 33);
  }
  if (options_.mapped_only && r->core.n_cigar > 0) {
    // As FastQC: the last operation first, then the first (of what the string still holds).
    const uint32_t* cigar = bam_get_cigar(r);
    const auto clip = [&](uint32_t op, bool at_end) -> Status {
      if (bam_cigar_op(op) != BAM_CSOFT_CLIP) return Status::Ok();
      const uint32_t n = bam_cigar_oplen(op);
      if (n > sequence_.size() || n > quality_.size()) {
        return Status::Corruption(fmt::format(
            "{}: {}: read {}: its soft clip of {} bases is longer than its {} (FastQC fails on "
            "this record too)",
            reader_.path().string(), reader_.Where(), bam_get_qname(r), n,
            n > sequence_.size() ? fmt::format("{} bases", sequence_.size())
                                 : fmt::format("{} qualities", quality_.size())));
      }
      if (at_end) {
        sequence_.resize(sequence_.size() - n);
        quality_.resize(quality_.size() - n);
      } else {
        sequence_.erase(0, n);
        quality_.erase(0, n);
      }
      return Status::Ok();
    };
    CUTOVER_RETURN_IF_ERROR(clip(cigar[r->core.n_cigar - 1], true));
    CUTOVER_RETURN_IF_ERROR(clip(cigar[0], false));
  }
  if ((r->core.flag & BAM_FREVERSE) != 0) {
    std::reverse(sequence_.begin(), sequence_.end());
    std::transform(sequence_.begin(), sequence_.end(), sequence_.begin(), Complement);
    std::reverse(quality_.begin(), quality_.end());
  }
  read->name = bam_get_qname(r);
  read->sequence = sequence_;
  read->quality = quality_;
  read->number = reader_.number();
  return true;
}

}  // namespace cutover
