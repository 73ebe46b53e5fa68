// For tests only: a path given relative to the folder of the running test binary, made
// absolute. CMake hands tests their data and cache folders this way (relative to the binary's
// build folder) rather than as absolute paths: an absolute path in a compile definition differs
// from clone to clone, so ccache could never reuse a test file's object in a fresh clone.
// Header-only; Linux (/proc/self/exe).
#pragma once

#include <filesystem>
#include <string_view>

namespace cutover {

inline std::filesystem::path BesideTestBinary(std::string_view relative) {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path base = ec ? std::filesystem::current_path() : exe.parent_path();
  return (base / relative).lexically_normal();
}

}  // namespace cutover
