#include "exec/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "util/file.h"

namespace cutover {
namespace {

std::string ReadAll(int fd) {
  std::string out;
  char buf[512];
  ssize_t n;
  off_t off = 0;
  while ((n = ::pread(fd, buf, sizeof buf, off)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    off += n;
  }
  return out;
}

}  // namespace

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

Result<std::optional<FileLock>> FileLock::TryAcquire(const std::filesystem::path& path,
                                                     const std::string& owner,
                                                     std::string* holder) {
  CUTOVER_RETURN_IF_ERROR(MakeDirectories(path.parent_path()));
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::FromErrno("open lock " + path.string(), errno);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == EWOULDBLOCK) {
      if (holder) *holder = ReadAll(fd);
      ::close(fd);
      return std::optional<FileLock>();
    }
    ::close(fd);
    return Status::FromErrno("lock " + path.string(), err);
  }
  if (::ftruncate(fd, 0) == 0) {
    ssize_t ignored = ::pwrite(fd, owner.data(), owner.size(), 0);
    (void)ignored;  // the owner text is informational only
  }
  return std::optional<FileLock>(FileLock(fd));
}

Result<FileLock> FileLock::Acquire(const std::filesystem::path& path, const std::string& owner,
                                   const CancelToken& cancel,
                                   const std::function<void(const std::string&)>& on_wait) {
  bool told = false;
  while (true) {
    std::string holder;
    CUTOVER_ASSIGN_OR_RETURN(std::optional<FileLock> lock, TryAcquire(path, owner, &holder));
    if (lock) return std::move(*lock);
    if (!told && on_wait) on_wait(holder);
    told = true;
    if (cancel.cancelled()) return Status::Cancelled("interrupted while waiting for " + path.string());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace cutover
