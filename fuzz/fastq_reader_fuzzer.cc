// libFuzzer target: the FASTQ reader (with gzip detection and decoding) on arbitrary bytes.
// Every input must end in records or a clean error, never a crash, a hang or a sanitizer report.
// Build and run: scripts/fuzz.sh [seconds].
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "fastq/fastq_reader.h"
#include "fastq/input_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The reader opens paths: give it the bytes as an in-memory file.
  int fd = ::memfd_create("fuzz.fq", 0);
  if (fd < 0) return 0;
  size_t written = 0;
  while (written < size) {
    ssize_t n = ::write(fd, data + written, size - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  for (bool read_ahead : {false, true}) {
    auto stream = cutover::InputStream::Open("/proc/self/fd/" + std::to_string(fd));
    if (!stream.ok()) break;
    cutover::FastqReaderOptions options;
    options.buffer_bytes = 64;  // tiny blocks: records straddle them
    options.headroom = 16;
    options.read_ahead = read_ahead;
    cutover::FastqReader reader(std::move(*stream), options);
    cutover::FastqRecord record;
    int64_t count = 0;
    while (true) {
      auto next = reader.Next(&record);
      if (!next.ok() || !*next) break;
      // The record's views must be consistent.
      if (record.sequence.size() != record.quality.size()) __builtin_trap();
      if (record.number != ++count) __builtin_trap();
    }
  }
  ::close(fd);
  return 0;
}
