// A file written as a stream and published atomically: bytes go to a temporary name beside
// the final one, and Commit() renames it into place (fsyncing first when asked). Until then nothing exists under
// the final name (an interrupted or failed run leaves nothing half-written there); a file that
// is never committed is removed on destruction. "-" writes to standard output, and an existing
// path that is not a regular file (/dev/null, a FIFO) is written in place.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "util/status.h"

namespace cutover {

// Whether a name asks for gzip output (".gz", as cutadapt's xopen decides).
bool IsGzipName(const std::filesystem::path& path);

struct OutputFileOptions {
  // fsync the file and its directory at Commit(): durable across a crash, but writing back
  // hundreds of megabytes can double a fast tool's run time. Without it the rename is still
  // atomic for every reader; only a machine crash right after may lose the new content.
  bool fsync = false;
};

// Not thread-safe. Not copyable.
class OutputFile {
 public:
  // kIoError when the temporary file cannot be created (missing directory, permissions).
  static Result<std::unique_ptr<OutputFile>> Open(const std::filesystem::path& path,
                                                  const OutputFileOptions& options = {});
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  Status Write(std::string_view bytes);
  // Publishes the file under its final name. After a failed Write, Commit fails too.
  Status Commit();

  const std::string& name() const { return name_; }

 private:
  OutputFile() = default;
  std::string name_;                    // as given ("-" for stdout)
  std::filesystem::path final_path_;
  std::filesystem::path temp_path_;     // empty when written in place
  OutputFileOptions options_;
  int fd_ = -1;
  bool owns_fd_ = false;
  bool committed_ = false;
  Status error_;
};

}  // namespace cutover
