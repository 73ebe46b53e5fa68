// Parsing FASTQ records (4 lines: @name, sequence, +, quality) from an InputStream.
//
// A record is a set of views into the reader's buffer, valid until the next call: no copy, no
// allocation per record. Records may span the stream's chunks; "\r\n" line ends and a missing
// final newline are accepted (a last line ending in '\r' loses it, as if "\r\n" followed).
// What else is accepted is in fastq_rules.h. Errors name the file, the record number and the
// line: "x.fq: record 12 (line 45): quality has 99 characters, sequence has 100".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fastq/block_source.h"
#include "fastq/fastq_rules.h"
#include "fastq/input_stream.h"
#include "util/status.h"

namespace cutover {

struct FastqRecord {
  std::string_view name;      // the header without '@' (comment included)
  std::string_view sequence;
  std::string_view plus;      // the third line without '+' (usually empty)
  std::string_view quality;
  int64_t number = 0;         // 1-based record number
  int64_t line = 0;           // 1-based line number of the header
  // The name up to the first space or tab: what pairs reads and is unique in a file.
  std::string_view id() const;
};

struct FastqReaderOptions {
  size_t buffer_bytes = 4 << 20;          // content per block (see block_source.h)
  size_t headroom = 256 << 10;            // a record straddling blocks up to this size is not copied twice
  size_t max_record_bytes = 256 << 20;    // a longer "record" is an error (binary input)
  bool read_ahead = false;                // read and decompress on a background thread
  // Numbering, for a stream that is a piece of a file (errors then name the file's record and
  // line): the number of the first record and of the first line.
  int64_t first_record = 1;
  int64_t first_line = 1;
  FastqRules rules;  // lenient by default; `cutover trim` uses kCutadaptRules
};

// Not thread-safe. Owns its stream.
class FastqReader {
 public:
  FastqReader(std::unique_ptr<InputStream> stream, const FastqReaderOptions& options = {});

  // Reads the next record into *record; false at a clean end. kCorruption for a malformed
  // record (see fastq_rules.h: header not starting with '@', missing '+' line, quality length
  // != sequence length, an empty line inside a record, a file ending inside a record, and
  // with the options' rules bytes >= 0x80 or blank lines at the end) or a broken gzip stream;
  // kIoError for a read failure. After an error every later call returns it.
  Result<bool> Next(FastqRecord* record);

  const std::string& name() const { return source_->name(); }
  int64_t records_read() const { return records_; }

  // Where a record longer than max_record_bytes starts, once Next() has failed on one (nullopt
  // otherwise): for a caller with its own limit on read length to name the record in its message.
  struct OverlongRecord {
    int64_t number = 0;  // 1-based record number
    int64_t line = 0;    // 1-based line of its first line
    std::string start;   // its first line (the header), at most 100 bytes, \xNN for non-ASCII
  };
  const std::optional<OverlongRecord>& overlong() const { return overlong_; }

 private:
  // Makes at least one more byte available after end_ (compacting first); false at the end.
  Result<bool> More();
  // The common record (all of it in the buffer, a bare '+' line, no '\r', ASCII when the
  // rules ask for it) parsed in one pass; false (nothing consumed) for any other, which the
  // general path then reads.
  bool NextSimple(FastqRecord* r);
  Status Malformed(int64_t line, std::string_view what) const;

  const FastqReaderOptions options_;
  std::unique_ptr<BlockSource> source_;
  std::vector<char> buffer_;     // the block being parsed
  bool buffer_from_source_ = false;  // give it back to source_ when done
  size_t begin_ = 0;  // first unparsed byte
  size_t end_ = 0;    // end of valid data
  bool eof_ = false;
  int64_t records_ = 0;
  int64_t lines_ = 0;  // lines consumed by complete records
  Status error_;
  std::optional<OverlongRecord> overlong_;
};

}  // namespace cutover
