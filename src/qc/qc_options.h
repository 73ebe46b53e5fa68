// What `cutover qc` is asked to do: FastQC's options, parsed by the CLI (cli/cmd_qc.cc).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qc/base_groups.h"
#include "qc/fastqc_version.h"

namespace cutover {

struct QcOptions {
  std::vector<std::string> inputs;
  std::string output_dir;        // -o; empty: beside each input
  bool extract = false;          // --extract: also unpack the zip
  bool casava = false;           // --casava: group CASAVA file sets, skip flagged reads
  bool nofilter = false;         // --nofilter: with --casava, keep flagged reads
  GroupingOptions grouping;      // --nogroup / --expgroup / --min_length
  std::string adapters_file;     // -a
  std::string contaminants_file; // -c
  std::string limits_file;       // -l
  int kmer_size = 7;             // -k: checked (2..10), then unused: no Kmer module (docs/qc.md)
  int threads = 1;               // -t: threads per file (1: everything on one thread)
  bool quiet = false;            // -q
  std::string format;            // -f: "" (by the name), fastq, bam, sam, bam_mapped, sam_mapped
  // --fastqc-version (or $CUTOVER_FASTQC_VERSION): whose reports to write, lists and all.
  FastqcVersion fastqc_version = kDefaultFastqcVersion;
  int dup_length = 0;            // --dup_length (0.12.1): 0 is FastQC's 50 bp
  bool delete_zip = false;       // --delete: with --extract, remove the zip once unpacked
  int memory_mb = 0;             // --memory: Java's heap for FastQC; checked, then unused
  bool svg = false;              // --svg: accepted; the report's charts are always SVG
  // A longer read is an error naming the file, the record and what to do (a record over twice
  // this and 4 MiB is refused by the reader before it is whole). Peak memory grows by about
  // 4 bytes per base of the longest read (6 at -t 2: the record, and the bytes kept of the few
  // reads reaching furthest) and 200 per position covered by more than 100 reads: 206 MB for one
  // 50 Mb read, 320 MB for 150 reads of 1 Mb, where FastQC 0.12.1 fails on one read of 1 Mb
  // (docs/qc.md, Long reads).
  int64_t max_read_length = 50'000'000;
};

}  // namespace cutover
