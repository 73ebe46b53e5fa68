// Small file-system helpers with errors as values.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/status.h"

namespace cutover {

Result<std::string> ReadFile(const std::filesystem::path& path);

// Writes `content` to `path` so that readers only ever see the old or the complete new file:
// write to a temporary name in the same directory, fsync it, rename over `path`, fsync the
// directory. Creates missing parent directories.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content);

// Places a copy of `source` at `dest` atomically (same guarantees as WriteFileAtomic): hard-links
// or copies `source` to a temporary name beside `dest`, fsyncs, renames. `source` is untouched.
Status PublishFileAtomic(const std::filesystem::path& source, const std::filesystem::path& dest);

// A temporary name beside `dest` (hidden, unique in this process) for a file that
// CommitTempFile will move into place.
std::filesystem::path TempNameFor(const std::filesystem::path& dest);

// Completes an atomic write made at `tmp` (from TempNameFor): fsync, rename over `dest`, fsync
// the directory. On failure `tmp` is removed.
Status CommitTempFile(const std::filesystem::path& tmp, const std::filesystem::path& dest);

// fsync() on a directory so that a rename inside it is durable.
Status FsyncDirectory(const std::filesystem::path& dir);

// create_directories with a Status.
Status MakeDirectories(const std::filesystem::path& dir);

}  // namespace cutover
