// Test-only helpers: a temporary directory with plain and gzip files. Header-only so it stays
// out of the library.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace cutover::compare_test {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "cutover_compare_XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path Write(const std::string& name, std::string_view content) const {
    std::filesystem::path p = path_ / name;
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    EXPECT_TRUE(out.good()) << p;
    return p;
  }

  // Writes `content` gzip-compressed; "ab" mode appends another gzip member.
  std::filesystem::path WriteGzip(const std::string& name, std::string_view content,
                                  const char* mode = "wb") const {
    std::filesystem::path p = path_ / name;
    gzFile gz = gzopen(p.c_str(), mode);
    EXPECT_NE(gz, nullptr) << p;
    if (!content.empty()) {
      EXPECT_EQ(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())),
                static_cast<int>(content.size()));
    }
    EXPECT_EQ(gzclose(gz), Z_OK);
    return p;
  }

  // Removes the last `bytes` bytes of the file.
  static void CutTail(const std::filesystem::path& p, uintmax_t bytes) {
    std::filesystem::resize_file(p, std::filesystem::file_size(p) - bytes);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace cutover::compare_test
