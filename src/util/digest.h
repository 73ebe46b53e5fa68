// Content digests (outputs, inputs) and the stable hash behind canary membership.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "util/status.h"

struct XXH3_state_s;  // xxhash.h's streaming state, kept out of this header

namespace cutover {

// A 128-bit XXH3 digest.
struct Digest128 {
  uint64_t low = 0;
  uint64_t high = 0;
  bool operator==(const Digest128&) const = default;
};

// XXH3-128 of bytes fed in pieces: the same digest as hashing their concatenation at once.
// Owns its hashing state (movable, not copyable); one thread at a time. A moved-from stream
// may only be destroyed or assigned to.
class Xxh3Stream {
 public:
  Xxh3Stream();  // the digest of nothing, ready for Update
  ~Xxh3Stream();
  Xxh3Stream(Xxh3Stream&&) noexcept;
  Xxh3Stream& operator=(Xxh3Stream&&) noexcept;
  Xxh3Stream(const Xxh3Stream&) = delete;
  Xxh3Stream& operator=(const Xxh3Stream&) = delete;

  void Update(const void* data, size_t size);
  void Update(std::string_view bytes) { Update(bytes.data(), bytes.size()); }
  // The digest of everything fed so far; feeding may go on afterwards.
  Digest128 Digest() const;

 private:
  struct StateFree {
    void operator()(XXH3_state_s* state) const;
  };
  std::unique_ptr<XXH3_state_s, StateFree> state_;
};

// "xxh3-128:<32 hex digits>" of the file's bytes. Streams; memory does not grow with size.
Result<std::string> DigestFile(const std::filesystem::path& path);
// Same format, of an in-memory string.
std::string DigestBytes(std::string_view bytes);
// XXH3-64 of the bytes. The XXH3 algorithm is frozen, so values are stable across builds,
// machines and versions: safe to persist and to derive canary membership from.
uint64_t StableHash64(std::string_view bytes);

}  // namespace cutover
