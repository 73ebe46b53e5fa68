#include "fastq/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;

bool IsGzipName(const fs::path& path) { return path.extension() == ".gz"; }

Result<std::unique_ptr<OutputFile>> OutputFile::Open(const fs::path& path,
                                                     const OutputFileOptions& options) {
  std::unique_ptr<OutputFile> f(new OutputFile());
  f->options_ = options;
  f->name_ = path.string();
  if (f->name_ == "-") {
    f->fd_ = STDOUT_FILENO;
    return f;
  }
  f->final_path_ = path;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return Status::IoError("cannot write to " + f->name_ + ": a directory");
    f->fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (f->fd_ < 0) return Status::FromErrno("open " + f->name_, errno);
    f->owns_fd_ = true;
    return f;
  }
  // A fresh, unpredictable name created with O_EXCL: a link planted beside the output is never
  // written through; the rename in Commit replaces whatever `path` was.
  auto tmp = CreateTempFileFor(path);
  if (!tmp.ok()) return Status::IoError("create output file " + f->name_ + ": " + tmp.status().message());
  f->temp_path_ = tmp->path;
  f->fd_ = tmp->fd.Release();
  f->owns_fd_ = true;
  return f;
}

OutputFile::~OutputFile() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

Status OutputFile::Write(std::string_view bytes) {
  if (!error_.ok()) return error_;
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error_ = Status::FromErrno("write " + name_, errno);
      return error_;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status OutputFile::Commit() {
  if (!error_.ok()) return error_;
  if (committed_) return Status::Ok();
  if (temp_path_.empty()) {  // stdout or a special file
    committed_ = true;
    return Status::Ok();
  }
  if (options_.fsync && ::fsync(fd_) != 0) {
    return error_ = Status::FromErrno("fsync " + name_, errno);
  }
  if (::close(fd_) != 0) {
    fd_ = -1;
    return error_ = Status::FromErrno("close " + name_, errno);
  }
  fd_ = -1;
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    return error_ = Status::FromErrno("rename " + temp_path_.string() + " to " + name_, errno);
  }
  committed_ = true;
  if (!options_.fsync) return Status::Ok();
  fs::path dir = final_path_.parent_path().empty() ? fs::path(".") : final_path_.parent_path();
  return FsyncDirectory(dir);
}

}  // namespace cutover
