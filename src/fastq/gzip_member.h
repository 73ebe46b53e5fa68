// Compressing a buffer into one complete gzip member with ISA-L's igzip (several times faster
// than zlib). Members concatenate into a valid gzip file (as bgzip and pigz output do), so
// chunks can be compressed independently on several threads and written in order.
#pragma once

#include <string>
#include <string_view>

#include "util/byte_buffer.h"
#include "util/status.h"

namespace cutover {

// Reusable compression state for one thread. Not thread-safe.
class GzipMemberCompressor {
 public:
  // level: ISA-L's 0 (fastest) to 3 (smallest).
  explicit GzipMemberCompressor(int level = 1);
  // Appends a gzip member holding `data` to *out. kInternal if ISA-L reports an error.
  Status Compress(std::string_view data, ByteBuffer* out);

 private:
  int level_;
  std::string level_buf_;  // ISA-L's working memory for the level, made by the first Compress
};

}  // namespace cutover
