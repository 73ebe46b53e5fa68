#include "util/digest.h"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <fmt/format.h>
#include <memory>
#include <vector>

namespace cutover {
namespace {

std::string Format(XXH128_hash_t h) {
  return fmt::format("xxh3-128:{:016x}{:016x}", h.high64, h.low64);
}

struct StateDeleter {
  void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
};

}  // namespace

Result<std::string> DigestFile(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("open " + path.string(), errno);
  std::unique_ptr<XXH3_state_t, StateDeleter> state(XXH3_createState());
  XXH3_128bits_reset(state.get());
  // 64 KiB: large enough for full-speed reads, small enough that the untouched pages of a big
  // zeroed buffer do not cost page faults on every small output.
  std::unique_ptr<char[]> buf(new char[64 << 10]);
  constexpr size_t kBufSize = 64 << 10;
  while (true) {
    ssize_t n = ::read(fd, buf.get(), kBufSize);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Status::FromErrno("read " + path.string(), err);
    }
    if (n == 0) break;
    XXH3_128bits_update(state.get(), buf.get(), static_cast<size_t>(n));
  }
  ::close(fd);
  return Format(XXH3_128bits_digest(state.get()));
}

std::string DigestBytes(std::string_view bytes) {
  return Format(XXH3_128bits(bytes.data(), bytes.size()));
}

uint64_t StableHash64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace cutover
