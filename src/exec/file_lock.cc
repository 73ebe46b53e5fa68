#include "exec/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
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

// True when `fd` is still the file at `path`: a lock on a file that someone unlinked or renamed
// away excludes nobody, because the next TryAcquire creates and locks a new file.
bool StillAtPath(int fd, const std::filesystem::path& path) {
  struct stat by_fd {}, by_path {};
  return ::fstat(fd, &by_fd) == 0 && ::stat(path.c_str(), &by_path) == 0 &&
         by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
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
  // A few rounds only matter when the file is replaced between our open() and flock().
  for (int attempt = 0;; ++attempt) {
    // O_CLOEXEC: a step started while we hold the lock must not inherit (and keep) it.
    // O_NOFOLLOW, and a single link only: a link planted at a lock's name must not make cutover
    // write (the holder's note) into a file elsewhere.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ELOOP) {
      return Status::Failed("lock file " + path.string() +
                            " is a symbolic link; cutover never follows links in its state "
                            "folder: remove it and run again");
    }
    if (fd < 0) return Status::FromErrno("open lock " + path.string(), errno);
    if (struct stat st {}; ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
      ::close(fd);
      return Status::Failed("lock file " + path.string() +
                            " is not a plain file of its own (a hard link or a special file); "
                            "remove it and run again");
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int err = errno;
      if (err != EWOULDBLOCK) {
        ::close(fd);
        return Status::FromErrno("lock " + path.string(), err);
      }
      if (holder) {
        *holder = ReadAll(fd);
        // The holder truncates, then writes; an empty read likely fell in between.
        for (int i = 0; i < 3 && holder->empty(); ++i) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          *holder = ReadAll(fd);
        }
      }
      ::close(fd);
      return std::optional<FileLock>();
    }
    if (!StillAtPath(fd, path)) {
      ::close(fd);
      if (attempt < 5) continue;
      return Status::IoError("lock " + path.string() + ": the file keeps being removed");
    }
    if (::ftruncate(fd, 0) == 0) {
      ssize_t ignored = ::pwrite(fd, owner.data(), owner.size(), 0);
      (void)ignored;  // the owner text is informational only
    }
    return std::optional<FileLock>(FileLock(fd));
  }
}

Result<FileLock> FileLock::Acquire(const std::filesystem::path& path, const std::string& owner,
                                   const CancelToken& cancel,
                                   const std::function<void(const std::string&)>& on_wait) {
  bool told = false;
  while (true) {
    std::string holder;
    CUTOVER_ASSIGN_OR_RETURN(std::optional<FileLock> lock,
                             TryAcquire(path, owner, told ? nullptr : &holder));
    if (lock) return std::move(*lock);
    if (!told && on_wait) on_wait(holder);
    told = true;
    if (cancel.cancelled()) return Status::Cancelled("interrupted while waiting for " + path.string());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace cutover
