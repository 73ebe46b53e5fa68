// Running `cutover trim` over whole files: reading FASTQ (plain or gzip, "-" for stdin), single-
// or paired-end, trimming on one thread or on several (output in input order whatever the
// thread count), writing plain or gzip (by the output name's ".gz") atomically: outputs appear
// under their final names only when the whole input was processed without error.
#pragma once

#include <array>
#include <string>

#include "trim/statistics.h"
#include "trim/trim_options.h"
#include "util/cancel.h"
#include "util/status.h"

namespace cutover::trim {

struct TrimIo {
  std::string input1;
  std::string input2;          // paired-end only
  std::string output1 = "-";   // "-" is standard output
  std::string output2;         // paired-end only
  // Where the reads that a filter rejects go, R1 and R2 (--too-short-output and
  // --too-short-paired-output, ...); empty: nowhere. Set exactly when the TrimOptions flag of the
  // same name is (R2: paired-end only).
  std::array<std::string, 2> too_short_output;
  std::array<std::string, 2> too_long_output;
  std::array<std::string, 2> untrimmed_output;
  // --fasta: every output as FASTA. Otherwise a plain (not gzip) output is FASTA when its name
  // says so, as dnaio decides (".fasta", ".fa", ".fna", ".csfasta", ".csfa"), else FASTQ: what
  // cutadapt 4.2 does at its default -j 1 (docs/trim.md).
  bool force_fasta = false;
  int threads = 1;             // worker threads; 1 runs everything on the calling thread
  int gzip_level = 1;          // ISA-L level 0-3 for ".gz" outputs
  // Input per batch when threaded (memory: ~3 batches a thread). Small enough that a batch is
  // still in cache when its worker parses it: 4 MB batches made -j 2 slower than -j 1.
  size_t batch_bytes = 256 << 10;
};

// Processes everything. Errors name the file and the record: a malformed record or truncated
// gzip (kCorruption), mates whose names do not match or files with different numbers of reads
// (kCorruption), an unreadable input or unwritable output (kNotFound/kIoError), an invalid
// adapter (kInvalidArgument). On any error no output is left under its final name.
// `cancel` (may be null) is checked between pieces of work; a cancelled run returns
// kCancelled and leaves no output.
Result<TrimStats> RunTrim(const TrimOptions& options, const TrimIo& io,
                          const CancelToken* cancel = nullptr);

// dnaio's mate check: the IDs (up to the first space or tab) are equal, except that a last
// character 1, 2 or 3 may differ ("r/1" and "r/2").
bool IsMate(std::string_view name1, std::string_view name2);

// dnaio's choice of format for an output name: true for FASTA (see TrimIo::force_fasta).
bool IsFastaName(std::string_view name);

}  // namespace cutover::trim
