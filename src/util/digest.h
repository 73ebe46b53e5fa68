// Content digests (outputs, inputs) and the stable hash behind canary membership.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/status.h"

namespace cutover {

// "xxh3-128:<32 hex digits>" of the file's bytes. Streams; memory does not grow with size.
Result<std::string> DigestFile(const std::filesystem::path& path);
// Same format, of an in-memory string.
std::string DigestBytes(std::string_view bytes);
// XXH3-64 of the bytes. The XXH3 algorithm is frozen, so values are stable across builds,
// machines and versions: safe to persist and to derive canary membership from.
uint64_t StableHash64(std::string_view bytes);

}  // namespace cutover
