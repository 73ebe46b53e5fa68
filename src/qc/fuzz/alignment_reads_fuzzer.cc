// libFuzzer target: `cutover qc`'s SAM/BAM reads (AlignmentReads) on arbitrary input.
//
// The input's first byte chooses the mode (odd: mapped records only, soft clips cut), the rest
// is the file (SAM text, or BAM: htslib detects it from the content). Reading must end in reads
// or an error, never a crash, a hang or a sanitizer report, and every read must be one FastQC's
// modules can take: qualities as long as the bases, the one character "*" or none, bases as
// upper-case letters, '=' or '*', no more reads than records. Build and run: scripts/fuzz.sh.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "qc/alignment_reads.h"
#include "util/htslib.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cutover::QuietHtslib();  // malformed input makes htslib talk; the Status says it all
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const int fd = ::memfd_create("reads", 0);
  if (fd < 0) return 0;
  size_t written = 0;
  while (written < size - 1) {
    const ssize_t n = ::write(fd, data + 1 + written, size - 1 - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  cutover::AlignmentReadsOptions options;
  options.mapped_only = (data[0] & 1) != 0;
  auto reads = cutover::AlignmentReads::Open("/proc/self/fd/" + std::to_string(fd), options);
  if (reads.ok()) {
    cutover::AlignmentRead read;
    int64_t last = 0;
    while (true) {
      auto more = reads->Next(&read);
      if (!more.ok() || !*more) break;
      if (read.number <= last) __builtin_trap();  // records in order, each read at most once
      last = read.number;
      // (A missing quality "*" loses its one character to a one-base soft clip, as in FastQC.)
      if (read.quality != "*" && !read.quality.empty() &&
          read.quality.size() != read.sequence.size()) {
        __builtin_trap();
      }
      for (char c : read.sequence) {
        if (!((c >= 'A' && c <= 'Z') || c == '=' || c == '*')) __builtin_trap();
      }
      for (unsigned char c : read.quality) {
        if (c < 33) __builtin_trap();
      }
    }
  }
  ::close(fd);
  return 0;
}
