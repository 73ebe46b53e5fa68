// The end of a file: a process's stderr for the ledger, a Slurm job's output, a command
// comparator's report. One reader, so that every tail is cut the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "util/status.h"

namespace cutover {

struct FileTail {
  std::string text;    // the last bytes of the file, as read (not checked for UTF-8)
  uint64_t size = 0;   // the whole file's size
  bool cut() const { return text.size() < size; }
};

// The last `max_bytes` of the file at `path` (none when 0; the size is still read). When the
// file is longer, the kept part starts after its first newline, if that leaves anything, so
// that it begins at a line start. Reads only the end, whatever the file's size. Errors name the
// file (open, seek or read failed).
Result<FileTail> ReadFileTail(const std::filesystem::path& path, size_t max_bytes);

}  // namespace cutover
