// Streams the lines of a plain or gzip-compressed text file. Compression is recognized by
// content (the gzip magic bytes), never by the file name; concatenated gzip members (bgzip)
// are read as one stream.
//
// Memory is one read buffer plus the longest line, capped by max_line_bytes. A truncated or
// corrupt gzip stream is an error naming the file and the line, never a silent short read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

struct LineReaderOptions {
  size_t buffer_bytes = 128 << 10;   // decompressed bytes per gzread; larger = fewer calls
  size_t max_line_bytes = 64 << 20;  // longer "lines" are an error: bounds memory on binary input
};

struct TextLine {
  std::string_view text;   // without the "\n" (a "\r" before it is kept)
  bool terminated = true;  // false only for a last line with no "\n" at the end of the file
  int64_t number = 0;      // 1-based
};

// Not thread-safe; one reader per thread. Owns the open file; not copyable.
class LineReader {
 public:
  // kNotFound if `path` does not exist; kIoError if it cannot be opened or is a directory.
  static Result<std::unique_ptr<LineReader>> Open(const std::filesystem::path& path,
                                                  const LineReaderOptions& options = {});
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads the next line into *line; line->text stays valid until the next call. Returns false
  // at a clean end of file. Errors (all naming the file and line): kCorruption for a truncated
  // or corrupt gzip stream or a line longer than max_line_bytes, kIoError for a failed read.
  Result<bool> Next(TextLine* line);

  const std::filesystem::path& path() const { return path_; }
  // Whether the content is being decompressed. Known after the first Next().
  bool compressed() const;
  // Lines returned so far.
  int64_t lines_read() const { return lines_read_; }

 private:
  LineReader(std::filesystem::path path, void* gz, const LineReaderOptions& options);
  // Refills buffer_ from the file; sets eof_ at a clean end. `mid_line`: a line is in progress
  // (for the error message).
  Status Fill(bool mid_line);

  const std::filesystem::path path_;
  const LineReaderOptions options_;
  void* const gz_;  // gzFile; void* keeps zlib.h out of this header

  std::vector<char> buffer_;  // decompressed bytes [begin_, end_) not yet returned
  size_t begin_ = 0;
  size_t end_ = 0;
  std::string partial_;  // a line spanning refills, assembled here
  bool eof_ = false;
  bool truncated_ = false;  // the gzip stream was cut; reported once its data is used up
  int64_t lines_read_ = 0;
};

}  // namespace cutover
