// Cutting a FASTQ stream into chunks of whole records (4 lines each) without parsing them, so
// that parsing can happen on worker threads: the reading thread only decompresses and counts
// newlines. Each chunk knows the number of its first record and line in the file, and
// ChunkParser parses one with the same rules and error messages as FastqReader.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fastq/fastq_reader.h"
#include "fastq/input_stream.h"
#include "util/byte_buffer.h"
#include "util/status.h"

namespace cutover::trim {

struct RecordChunk {
  // Whole records (the last one may lack its final newline at the end). The chunker fills the
  // buffer a chunk already has: a worker that keeps its chunk reads every batch into the same
  // memory, which stays in its core's cache.
  ByteBuffer data;
  int64_t first_record = 1;
  int64_t first_line = 1;
  int64_t records = 0;  // newline-counted: a malformed file may make this approximate
  bool last = false;    // the end of the file is in this chunk
};

// Not thread-safe. Owns the stream.
class RecordChunker {
 public:
  explicit RecordChunker(std::unique_ptr<InputStream> stream);

  // About `bytes` of whole records (at least one record unless at the end). false at the end.
  Result<bool> NextBytes(size_t bytes, RecordChunk* chunk);
  // Exactly `records` records, fewer only at the end of the stream. false at the end.
  Result<bool> NextRecords(int64_t records, RecordChunk* chunk);

  const std::string& name() const { return stream_->name(); }
  int64_t records_so_far() const { return next_record_ - 1; }

 private:
  // Takes chunk's buffer as buffer_ (at least `capacity` bytes), starting with carry_.
  void Begin(RecordChunk* chunk, size_t capacity);
  // Reads `at_least` more bytes into buffer_ unless the stream ends first.
  Status Fill(size_t at_least);
  // Hands buffer_[0, cut) back to *chunk; the rest goes to carry_.
  void Emit(size_t cut, int64_t lines, RecordChunk* chunk);

  std::unique_ptr<InputStream> stream_;
  ByteBuffer buffer_;  // the chunk being cut (the caller's buffer, during a call)
  ByteBuffer carry_;   // read past the last chunk's end: the next chunk's first bytes
  bool eof_ = false;
  int64_t next_record_ = 1;
  int64_t next_line_ = 1;
};

// Parses the records of one chunk in place (views into the chunk) with FastqReader's rules
// (fastq_rules.h). Errors name the file, the record and the line as FastqReader's do.
class ChunkParser {
 public:
  ChunkParser(const RecordChunk& chunk, std::string name, const FastqRules& rules = {});
  // false at the end of the chunk.
  Result<bool> Next(FastqRecord* record);
  int64_t records_read() const { return record_ - 1; }

 private:
  Status Malformed(int64_t line, std::string_view what) const;
  std::string_view data_;
  std::string name_;
  FastqRules rules_;
  bool last_;
  size_t pos_ = 0;
  int64_t record_;  // number of the next record
  int64_t line_;    // number of its first line
};

}  // namespace cutover::trim
