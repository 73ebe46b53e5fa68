// Reading members of a zip archive (through libzip), for comparators whose outputs are zips
// (a FastQC report). Read-only; the archive is never modified.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

// Not thread-safe: one ZipReader per thread. Owns the open archive; not copyable.
class ZipReader {
 public:
  // kNotFound if `path` does not exist; kCorruption naming the file if it is not a zip archive
  // or its central directory is damaged (a truncated download or copy); kIoError otherwise.
  static Result<std::unique_ptr<ZipReader>> Open(const std::filesystem::path& path);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // Member names in archive order, as stored (folders end with '/').
  const std::vector<std::string>& names() const { return names_; }

  // The uncompressed content of member `name`. kNotFound if there is no such member;
  // kCorruption naming "ARCHIVE:MEMBER" if its data is damaged (bad compressed data, CRC
  // mismatch) or it is larger than `max_bytes` uncompressed.
  Result<std::string> Read(std::string_view name, size_t max_bytes);

  const std::filesystem::path& path() const { return path_; }

 private:
  ZipReader(std::filesystem::path path, void* zip, std::vector<std::string> names);

  const std::filesystem::path path_;
  void* const zip_;  // zip_t*; void* keeps zip.h out of this header
  const std::vector<std::string> names_;
};

}  // namespace cutover
