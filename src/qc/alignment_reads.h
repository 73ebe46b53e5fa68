// The reads of a SAM, BAM or CRAM file as FastQC reads them (its -f bam/sam and bam_mapped/
// sam_mapped, or a name ending in .bam, .sam or .ubam): one read per record, primary or not,
// in the orientation it was sequenced in.
//
// FastQC's rules (its BAMFile, read through htsjdk), kept here:
//   - every record is a read: secondary and supplementary records too, and QC-failed ones;
//   - a record without bases reads as the one-base sequence "*", without qualities as the
//     one-character quality string "*" (which the quality modules then count as one base);
//   - a record on the reverse strand (flag 0x10) is reverse-complemented (A<->T, C<->G, other
//     letters kept) and its qualities reversed;
//   - mapped only: unmapped records (flag 0x4) are skipped, and a soft clip that is the
//     CIGAR's last operation, then one that is its first, is cut off (before the reverse
//     complement). A hard clip before a soft clip hides it, as in FastQC.
// Where FastQC would crash (a soft clip longer than the read), reading fails naming the record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/alignment_reader.h"
#include "util/status.h"

namespace cutover {

struct AlignmentReadsOptions {
  bool mapped_only = false;  // bam_mapped / sam_mapped
  int threads = 0;           // extra decompression threads (BAM)
};

// How to read an input named `name` (a path, or for standard input the name after "stdin:")
// given -f `format` ("" when not given): as alignments (with these options) or, when null, as
// FASTQ. As FastQC: bam and sam read every record, bam_mapped and sam_mapped mapped ones only;
// without -f a name ending in .bam, .sam or .ubam (any case) reads every record.
std::optional<AlignmentReadsOptions> AlignmentInput(std::string_view name,
                                                    std::string_view format);

// One read; its views are valid until the next call of Next.
struct AlignmentRead {
  std::string_view name;  // QNAME
  std::string_view sequence;
  // Phred+33 text: as long as sequence, or "*" (none), or empty (FastQC's "*" after a one-base
  // soft clip cut it off).
  std::string_view quality;
  int64_t number = 0;        // the record's number in the file (1-based)
};

class AlignmentReads {
 public:
  // `path` "-" reads standard input. Errors name the file (not SAM/BAM/CRAM, unreadable,
  // a CRAM that needs a reference).
  static Result<AlignmentReads> Open(const std::string& path,
                                     const AlignmentReadsOptions& options);
  // The next read: true, or false at the end. Errors name the file and the record.
  Result<bool> Next(AlignmentRead* read);
  // Whether the file is compressed (BAM, CRAM: decoding takes a thread of its own).
  bool compressed() const { return reader_.compressed(); }
  // "record 12 (line 15)" (SAM) or "record 12": where the last read came from.
  std::string Where() const { return reader_.Where(); }

 private:
  AlignmentReads(AlignmentReader reader, const AlignmentReadsOptions& options)
      : reader_(std::move(reader)), options_(options) {}

  AlignmentReader reader_;
  AlignmentReadsOptions options_;
  std::string sequence_, quality_;
};

}  // namespace cutover
