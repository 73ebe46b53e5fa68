// Reading a file's content as a stream of bytes: plain, or gzip decompressed with ISA-L's igzip
// (several times faster than zlib). Compression is recognised by the gzip magic bytes (or,
// optionally, by xopen's rules); concatenated gzip members (bgzip) are one stream; bytes
// after the last member that do not start another member are ignored (as gzip -d does, with a
// warning) or, with strict_gzip_end, an error unless they are zero padding.
//
// With read-ahead, a background thread reads and decompresses into a small ring of buffers, so
// decompression overlaps the consumer's work (two files compared side by side decompress on two
// cores). Memory: the ring plus one input buffer, whatever the file size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "util/status.h"

namespace cutover {

struct InputStreamOptions {
  size_t buffer_bytes = 1 << 20;  // compressed bytes per read(2); decompressed bytes per chunk
  bool read_ahead = false;        // decompress on a background thread
  int ring_chunks = 4;            // read-ahead: chunks in flight (memory = ring * buffer_bytes)
  // Bytes after a gzip member that do not start another one: false ignores them (as gzip -d
  // and Java's GZIPInputStream do); true skips zero bytes (padding) and makes anything else
  // kCorruption, as Python's gzip module (so cutadapt) does.
  bool strict_gzip_end = false;
  // Decide as xopen (so cutadapt) does, and make kCorruption what it could not read: a name
  // ending in ".gz" must hold gzip data (unless empty); other names are decompressed only when
  // they are regular files, so gzip data from standard input ("-") or a pipe is an error.
  bool compression_as_xopen = false;
};

// Not thread-safe (one consumer); the read-ahead thread is internal. Not copyable.
class InputStream {
 public:
  virtual ~InputStream() = default;
  // Opens `path` ("-" is standard input). kNotFound when it does not exist; kIoError when it
  // cannot be opened or is a directory.
  static Result<std::unique_ptr<InputStream>> Open(const std::filesystem::path& path,
                                                   const InputStreamOptions& options = {});

  // Copies up to `n` decompressed bytes into `dst`; 0 means a clean end of the content.
  // kCorruption for a truncated or corrupt gzip stream ("x.fq.gz: truncated gzip stream: the
  // file ends inside a gzip member after 1048576 bytes"), kIoError for a failed read. After an error, every later call
  // returns the same error.
  virtual Result<size_t> Read(char* dst, size_t n) = 0;

  // Whether the content is gzip-compressed (known once Open returned).
  virtual bool compressed() const = 0;
  // Decompressed bytes returned so far.
  virtual uint64_t position() const = 0;
  virtual const std::string& name() const = 0;
};

}  // namespace cutover
