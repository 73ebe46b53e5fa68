// Reading a VCF or BCF file (plain or bgzipped) record by record through htslib, with every
// failure a Status naming the file and the record (its number, and CHROM:POS once parsed): a
// truncated BGZF stream, a malformed record, a FORMAT or INFO key the header does not declare
// (htslib flags it, and would otherwise declare it as a String), a record with the wrong
// number of sample columns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/htslib.h"
#include "util/status.h"

namespace cutover {

// Not thread-safe; one per reading thread. record() is reused by Next and unpacked.
class VariantReader {
 public:
  // kCorruption naming the file for a header that cannot be read; a truncated BGZF file opens
  // and Next fails naming the record where its data ends.
  static Result<VariantReader> Open(const std::filesystem::path& path,
                                    const HtsOpenOptions& options = {});

  // Reads and unpacks the next record: true, or false at the end of the file.
  Result<bool> Next();

  bcf1_t* record() const { return record_.get(); }
  bcf_hdr_t* header() const { return header_.get(); }
  int64_t number() const { return number_; }
  const std::filesystem::path& path() const { return path_; }
  // "record 12 (chr1:1234)". (No line number: htslib adds header lines as it reads.)
  std::string Where() const;
  // The header's text, one line per line (the #CHROM line included).
  std::string HeaderText() const;
  std::vector<std::string> Samples() const;

 private:
  VariantReader(std::filesystem::path path, HtsFilePtr file, VcfHeaderPtr header, bool truncated);

  std::filesystem::path path_;
  HtsFilePtr file_;
  VcfHeaderPtr header_;
  VcfRecordPtr record_;
  int64_t number_ = 0;
  std::vector<bool> declared_format_;  // by header id: declared as FORMAT in the file's header
  bool truncated_ = false;  // BGZF without its end-of-file block: reading must fail early
};

}  // namespace cutover
