#include "trim/trim_input.h"

namespace cutover::trim {

InputStreamOptions CutadaptStreamOptions() {
  InputStreamOptions o;
  o.strict_gzip_end = true;
  o.compression_as_xopen = true;
  return o;
}

Result<std::unique_ptr<InputStream>> OpenTrimInput(const std::string& path) {
  return InputStream::Open(path, CutadaptStreamOptions());
}

Result<std::unique_ptr<FastqReader>> OpenTrimReader(const std::string& path, bool read_ahead) {
  CUTOVER_ASSIGN_OR_RETURN(auto stream, OpenTrimInput(path));
  FastqReaderOptions o;
  o.read_ahead = read_ahead;
  o.rules = kCutadaptRules;
  // 256 KB blocks: a block, the output it becomes and the kernel's copies of both stay in a
  // core's cache (1 MB blocks were 3-7 % slower, long reads 20 %); each page of a new buffer
  // costs a page fault (expensive in a VM), and larger blocks read no faster.
  o.buffer_bytes = 256 << 10;
  o.headroom = 64 << 10;
  return std::make_unique<FastqReader>(std::move(stream), o);
}

}  // namespace cutover::trim
