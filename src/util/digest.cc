#include "util/digest.h"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <fmt/format.h>
#include <memory>
#include <new>
#include <vector>

namespace cutover {
namespace {

std::string Format(Digest128 h) {
  return fmt::format("xxh3-128:{:016x}{:016x}", h.high, h.low);
}

}  // namespace

void Xxh3Stream::StateFree::operator()(XXH3_state_s* state) const { XXH3_freeState(state); }

Xxh3Stream::Xxh3Stream() : state_(XXH3_createState()) {
  if (state_ == nullptr) throw std::bad_alloc();  // as `new` would
  XXH3_128bits_reset(state_.get());
}
Xxh3Stream::~Xxh3Stream() = default;
Xxh3Stream::Xxh3Stream(Xxh3Stream&&) noexcept = default;
Xxh3Stream& Xxh3Stream::operator=(Xxh3Stream&&) noexcept = default;

void Xxh3Stream::Update(const void* data, size_t size) {
  XXH3_128bits_update(state_.get(), data, size);
}

Digest128 Xxh3Stream::Digest() const {
  const XXH128_hash_t h = XXH3_128bits_digest(state_.get());
  return {h.low64, h.high64};
}

Result<std::string> DigestFile(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("open " + path.string(), errno);
  Xxh3Stream stream;
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
    stream.Update(buf.get(), static_cast<size_t>(n));
  }
  ::close(fd);
  return Format(stream.Digest());
}

std::string DigestBytes(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return Format({h.low64, h.high64});
}

uint64_t StableHash64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace cutover
