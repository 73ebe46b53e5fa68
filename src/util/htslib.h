// htslib (the field's library for SAM/BAM/CRAM and VCF/BCF), bound in one place: RAII owners
// for its handles and an Open that reports failures as Status values naming the file. The
// `bam` and `vcf` comparators use it; `cutover qc` reads SAM/BAM input through it.
//
// Linked statically from Debian's libhts.a (docs/architecture.md: a shared libhts costs every
// start of cutover about 3 ms; only libhtscodecs, which Debian ships shared only, is loaded).
// htslib's own log is switched off on first use (it would print to stderr from every thread
// of `cutover run`); its failures are reported by the callers, with the file and record.
#pragma once

#include <htslib/faidx.h>
#include <htslib/hts.h>
#include <htslib/sam.h>
#include <htslib/vcf.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "util/status.h"

namespace cutover {

struct HtsFileCloser {
  void operator()(htsFile* f) const { hts_close(f); }
};
struct SamHeaderFree {
  void operator()(sam_hdr_t* h) const { sam_hdr_destroy(h); }
};
struct BamRecordFree {
  void operator()(bam1_t* b) const { bam_destroy1(b); }
};
struct VcfHeaderFree {
  void operator()(bcf_hdr_t* h) const { bcf_hdr_destroy(h); }
};
struct VcfRecordFree {
  void operator()(bcf1_t* v) const { bcf_destroy(v); }
};
struct FaidxFree {
  void operator()(faidx_t* f) const { fai_destroy(f); }
};

using HtsFilePtr = std::unique_ptr<htsFile, HtsFileCloser>;
using SamHeaderPtr = std::unique_ptr<sam_hdr_t, SamHeaderFree>;
using BamRecordPtr = std::unique_ptr<bam1_t, BamRecordFree>;
using VcfHeaderPtr = std::unique_ptr<bcf_hdr_t, VcfHeaderFree>;
using VcfRecordPtr = std::unique_ptr<bcf1_t, VcfRecordFree>;
using FaidxPtr = std::unique_ptr<faidx_t, FaidxFree>;

struct HtsOpenOptions {
  // A FASTA file (with its .fai, made if missing and writable) for CRAM's reference; "" none.
  std::filesystem::path reference;
  // Extra decompression threads for BAM, CRAM and BCF (blocks decoded ahead); 0: none.
  int threads = 0;
  // A BGZF-compressed file without its end-of-file block (a truncated copy) fails to open;
  // false: it opens, and the caller names the record where its data ends (OpenHtsFile's
  // eof_missing).
  bool require_eof_block = true;
  // What the error for a CRAM file without `reference` tells the user to do.
  std::string cram_advice = "give the comparator `reference:`";
};

// An alignment or variant file opened for reading, its format detected from its content ("-":
// standard input).
// kNotFound / kIoError for a file that cannot be opened; kCorruption when a BGZF-compressed
// file lacks its end-of-file block (a truncated copy) and options.require_eof_block. Thread-safe (each call its own handle).
// *eof_missing (when not null) says whether the file is BGZF-compressed and lacks its
// end-of-file block: a truncated copy, whose reading ends early (at the end of a block) or fails
// (inside one). Such a file is read without decompression threads (htslib's threaded reader
// waits forever on it).
Result<HtsFilePtr> OpenHtsFile(const std::filesystem::path& path,
                               const HtsOpenOptions& options = {}, bool* eof_missing = nullptr);

// The error for a BGZF-compressed file without its end-of-file block whose data ends before
// record `record` (`inside` false) or inside it (true).
Status TruncatedAt(const std::filesystem::path& path, int64_t record, bool inside);
// The format htslib detected, for messages: "BAM", "SAM", "CRAM", "VCF", "BCF", ...
std::string HtsFormatName(htsFile* file);
// Whether the file holds alignments (SAM/BAM/CRAM) or variants (VCF/BCF).
bool IsAlignmentFile(htsFile* file);
bool IsVariantFile(htsFile* file);

// A FASTA reference with its index (made beside it when missing). Thread-compatible: one per
// thread.
Result<FaidxPtr> OpenFasta(const std::filesystem::path& path);

// Switches htslib's log off, once per process (thread-safe; called by OpenHtsFile).
void QuietHtslib();

}  // namespace cutover
