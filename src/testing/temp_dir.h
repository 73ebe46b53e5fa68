// For tests only: a fresh, uniquely named directory (mkdtemp: safe across parallel test
// processes), removed with everything in it on destruction, with writers for the files tests
// need (plain, gzip, gzip with several members, cut short). Header-only, so it stays out of
// the libraries; depends on nothing of cutover's, so any folder's tests may use it.
#pragma once

#include <stdlib.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include <gtest/gtest.h>

namespace cutover {

class TestTempDir {
 public:
  TestTempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "cutover_test_XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) {
      path_ = pattern;
    } else {
      ADD_FAILURE() << "mkdtemp " << pattern << " failed";
    }
  }
  ~TestTempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TestTempDir(const TestTempDir&) = delete;
  TestTempDir& operator=(const TestTempDir&) = delete;

  // Empty when the directory could not be created (the test has failed already).
  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to <dir>/<name> (parent folders must exist).
  std::filesystem::path Write(const std::string& name, std::string_view content) const {
    std::filesystem::path p = path_ / name;
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    EXPECT_TRUE(out.good()) << p;
    return p;
  }

  // Writes `content` gzip-compressed; mode "ab" appends another gzip member.
  std::filesystem::path WriteGzip(const std::string& name, std::string_view content,
                                  const char* mode = "wb") const {
    std::filesystem::path p = path_ / name;
    gzFile gz = gzopen(p.c_str(), mode);
    EXPECT_NE(gz, nullptr) << p;
    if (gz == nullptr) return p;
    if (!content.empty()) {
      EXPECT_EQ(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())),
                static_cast<int>(content.size()));
    }
    EXPECT_EQ(gzclose(gz), Z_OK);
    return p;
  }

  // Removes the last `bytes` bytes of the file (a truncated download).
  static void CutTail(const std::filesystem::path& p, uintmax_t bytes) {
    std::filesystem::resize_file(p, std::filesystem::file_size(p) - bytes);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace cutover
