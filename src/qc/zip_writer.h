// Writes a zip archive (deflated entries, folders included) through libzip, loaded on first use
// (util/libzip.h). Entries are kept in memory until Write().
#pragma once

#include <deque>
#include <filesystem>
#include <string>
#include <vector>

#include "util/status.h"

namespace cutover {

class ZipWriter {
 public:
  void AddDirectory(std::string name);           // "folder/" (the slash is added if missing)
  void AddFile(std::string name, std::string content);

  // Writes the archive at `path` (replacing it). Errors name the path and libzip's reason.
  Status Write(const std::filesystem::path& path) const;

 private:
  struct Entry {
    std::string name;
    bool directory;
    std::string content;
  };
  std::deque<Entry> entries_;  // stable addresses: libzip reads the buffers at close
};

}  // namespace cutover
