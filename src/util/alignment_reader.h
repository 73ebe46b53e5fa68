// Reading a SAM, BAM or CRAM file record by record through htslib, with every failure a Status
// naming the file and the record (and, for SAM, the line): a truncated BGZF stream, a malformed
// record, a record on a contig its header does not declare.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/htslib.h"
#include "util/status.h"

namespace cutover {

// Not thread-safe; one per reading thread. The record returned by record() is reused by Next.
class AlignmentReader {
 public:
  // kNotFound/kIoError/kCorruption naming the file (a truncated BGZF file opens: Next fails
  // naming the record where its data ends); kInvalidArgument for a file that is not
  // SAM/BAM/CRAM or a CRAM without `reference`.
  static Result<AlignmentReader> Open(const std::filesystem::path& path,
                                      const HtsOpenOptions& options = {});

  // Reads the next record: true, or false at the end of the file.
  Result<bool> Next() { return Next(record_.get()); }
  // Reads the next record into *into (a caller's own, to keep several at once) rather than
  // record().
  Result<bool> Next(bam1_t* into);

  // Where the next record starts, for Seek: a BGZF virtual offset in a BAM file; -1 in SAM and
  // CRAM files, which cannot seek.
  int64_t Tell() const;
  // Goes back (or ahead) to a position Tell gave when `records_before` records had been read:
  // the next record read is record records_before + 1. kIoError when the file cannot seek.
  Status Seek(int64_t position, int64_t records_before);

  const bam1_t* record() const { return record_.get(); }
  sam_hdr_t* header() const { return header_.get(); }
  // 1-based number of the record last read.
  int64_t number() const { return number_; }
  // The file's path ("stdin" when it is standard input, "-").
  const std::filesystem::path& path() const { return path_; }
  // Whether its data is compressed (BAM, CRAM, a gzipped SAM).
  bool compressed() const;
  // "record 12" (BAM/CRAM) or "record 12 (line 15)" (SAM): the record last read, or record
  // `number`.
  std::string Where() const { return Where(number_); }
  std::string Where(int64_t number) const;

 private:
  AlignmentReader(std::filesystem::path path, HtsFilePtr file, SamHeaderPtr header, bool sam,
                  int64_t header_lines, bool truncated);

  std::filesystem::path path_;
  HtsFilePtr file_;
  SamHeaderPtr header_;
  BamRecordPtr record_;
  bool sam_ = false;
  int64_t header_lines_ = 0;
  int64_t number_ = 0;
  bool truncated_ = false;  // BGZF without its end-of-file block: reading must fail early
};

// Where some records of a file start (every kEvery-th, noted as a reader reads the file), so
// that records can be read again without reading the file from its start: BAM only (for SAM
// and CRAM, Note notes nothing and reading starts over).
class AlignmentCheckpoints {
 public:
  static constexpr int64_t kEvery = 1024;

  // Before reader.Next: notes where the next record starts when its number is 1 + a multiple
  // of kEvery and the file can seek. Reading from the start again notes the same positions.
  void Note(const AlignmentReader& reader) {
    if (reader.number() % kEvery == 0) NoteNow(reader);
  }
  // Seeks `reader` (the same file, opened again) forward to the last checkpoint at or before
  // record `number`, when that is ahead of what it read; otherwise leaves it where it is.
  Status SeekBefore(int64_t number, AlignmentReader* reader) const;

 private:
  void NoteNow(const AlignmentReader& reader);
  std::vector<int64_t> positions_;  // [i]: where record i * kEvery + 1 starts
};

}  // namespace cutover
