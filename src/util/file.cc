#include "util/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <fstream>
#include <sstream>

namespace cutover {
namespace fs = std::filesystem;
fs::path TempNameFor(const fs::path& dest) {
  static std::atomic<unsigned> counter{0};  // uniqueness only; no shared state is read
  return dest.parent_path() /
         ("." + dest.filename().string() + ".cutover-tmp-" + std::to_string(::getpid()) + "-" +
          std::to_string(counter.fetch_add(1)));
}

namespace {

Status FsyncPath(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("open " + path.string(), errno);
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    return Status::FromErrno("fsync " + path.string(), err);
  }
  ::close(fd);
  return Status::Ok();
}

Status CopyFile(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) return Status::IoError("copy " + from.string() + " to " + to.string() + ": " + ec.message());
  return Status::Ok();
}

Status RenameInto(const fs::path& tmp, const fs::path& dest) {
  if (::rename(tmp.c_str(), dest.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Status::FromErrno("rename " + tmp.string() + " to " + dest.string(), err);
  }
  fs::path dir = dest.parent_path().empty() ? fs::path(".") : dest.parent_path();
  return FsyncDirectory(dir);
}

}  // namespace

Status CommitTempFile(const fs::path& tmp, const fs::path& dest) {
  Status synced = FsyncPath(tmp, O_RDONLY);
  if (!synced.ok()) {
    ::unlink(tmp.c_str());
    return synced;
  }
  return RenameInto(tmp, dest);
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::FromErrno("open " + path.string(), errno);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError("read " + path.string());
  return ss.str();
}

Status MakeDirectories(const fs::path& dir) {
  if (dir.empty()) return Status::Ok();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("create directory " + dir.string() + ": " + ec.message());
  return Status::Ok();
}

Status FsyncDirectory(const fs::path& dir) { return FsyncPath(dir, O_RDONLY | O_DIRECTORY); }

Status WriteFileAtomic(const fs::path& path, std::string_view content) {
  CUTOVER_RETURN_IF_ERROR(MakeDirectories(path.parent_path()));
  fs::path tmp = TempNameFor(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::FromErrno("create " + tmp.string(), errno);
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::FromErrno("write " + tmp.string(), err);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Status::FromErrno("fsync " + tmp.string(), err);
  }
  return RenameInto(tmp, path);
}

Status PublishFileAtomic(const fs::path& source, const fs::path& dest) {
  CUTOVER_RETURN_IF_ERROR(MakeDirectories(dest.parent_path()));
  fs::path tmp = TempNameFor(dest);
  // A hard link shares the (already complete) inode: no copy, no torn read. It fails across
  // file systems, and then we copy.
  if (::link(source.c_str(), tmp.c_str()) != 0) {
    CUTOVER_RETURN_IF_ERROR(CopyFile(source, tmp));
  }
  Status synced = FsyncPath(tmp, O_RDONLY);
  if (!synced.ok()) {
    ::unlink(tmp.c_str());
    return synced;
  }
  return RenameInto(tmp, dest);
}

}  // namespace cutover
