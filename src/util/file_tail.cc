#include "util/file_tail.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string_view>

#include "util/unique_fd.h"

namespace cutover {

Result<FileTail> ReadFileTail(const std::filesystem::path& path, size_t max_bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return Status::FromErrno("open " + path.string(), errno);
  const off_t end = ::lseek(fd.get(), 0, SEEK_END);
  if (end < 0) return Status::FromErrno("seek " + path.string(), errno);
  FileTail out;
  out.size = static_cast<uint64_t>(end);
  const uint64_t keep = std::min<uint64_t>(out.size, max_bytes);
  std::string raw(keep, '\0');
  size_t got = 0;
  while (got < keep) {
    ssize_t n = ::pread(fd.get(), raw.data() + got, keep - got,
                        static_cast<off_t>(out.size - keep + got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::FromErrno("read " + path.string(), errno);
    if (n == 0) break;  // the file shrank meanwhile: keep what was there
    got += static_cast<size_t>(n);
  }
  raw.resize(got);
  std::string_view kept = raw;
  if (keep < out.size) {
    const size_t nl = kept.find('\n');
    if (nl != std::string_view::npos && nl + 1 < kept.size()) kept.remove_prefix(nl + 1);
  }
  out.text = std::string(kept);
  return out;
}

}  // namespace cutover
