// For tests only: a fresh, uniquely named directory, removed with everything in it on
// destruction. Safe across parallel test processes (mkdtemp).
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace cutover {

class TestTempDir {
 public:
  TestTempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "cutover_test_XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TestTempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TestTempDir(const TestTempDir&) = delete;
  TestTempDir& operator=(const TestTempDir&) = delete;

  // Empty when the directory could not be created.
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace cutover
