#include "util/file.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <sstream>
#include <set>
#include <vector>

namespace cutover {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTempMarker = ".cutover-tmp-";
constexpr int kTempAttempts = 64;

// Eight unpredictable characters for a temporary name (getrandom, never blocking once the
// kernel's pool is ready; falls back to the clock and address bits only if it fails).
std::string RandomSuffix() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::array<unsigned char, 8> bytes{};
  if (::getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
    uint64_t mix = static_cast<uint64_t>(::time(nullptr)) ^
                   reinterpret_cast<uintptr_t>(&bytes) ^ (static_cast<uint64_t>(::getpid()) << 32);
    for (auto& b : bytes) {
      mix = mix * 6364136223846793005ULL + 1442695040888963407ULL;
      b = static_cast<unsigned char>(mix >> 56);
    }
  }
  std::string out;
  for (unsigned char b : bytes) out += kAlphabet[b % (sizeof(kAlphabet) - 1)];
  return out;
}

fs::path TempCandidate(const fs::path& dest) {
  return dest.parent_path() / ("." + dest.filename().string() + std::string(kTempMarker) +
                               std::to_string(::getpid()) + "-" + RandomSuffix());
}

fs::path DirOf(const fs::path& p) {
  return p.parent_path().empty() ? fs::path(".") : p.parent_path();
}

Status FsyncPath(const fs::path& path, int flags) {
  UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (!fd) return Status::FromErrno("open " + path.string(), errno);
  if (::fsync(fd.get()) != 0) return Status::FromErrno("fsync " + path.string(), errno);
  return Status::Ok();
}

Status RenameInto(const fs::path& tmp, const fs::path& dest) {
  if (::rename(tmp.c_str(), dest.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Status::FromErrno("rename " + tmp.string() + " to " + dest.string(), err);
  }
  return FsyncDirectory(DirOf(dest));
}

// Copies the whole of `from` into `to` (both open): a clone where the file system shares
// blocks (FICLONE), else an in-kernel copy, else read and write.
Status CopyContent(int from, int to, const fs::path& source, const fs::path& tmp) {
  if (::ioctl(to, FICLONE, from) == 0) return Status::Ok();
  bool kernel_copy = true;
  std::vector<char> buffer;
  for (;;) {
    if (kernel_copy) {
      ssize_t n = ::copy_file_range(from, nullptr, to, nullptr, size_t{1} << 30, 0);
      if (n == 0) return Status::Ok();
      if (n > 0) continue;
      if (errno == EINTR) continue;
      if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP) {
        kernel_copy = false;  // not across these file systems: copy through user space
        buffer.resize(size_t{1} << 20);
        continue;
      }
      return Status::FromErrno("copy " + source.string() + " to " + tmp.string(), errno);
    }
    ssize_t n = ::read(from, buffer.data(), buffer.size());
    if (n == 0) return Status::Ok();
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::FromErrno("read " + source.string(), errno);
    CUTOVER_RETURN_IF_ERROR(WriteAll(to, std::string_view(buffer.data(), static_cast<size_t>(n)), tmp));
  }
}

}  // namespace

Result<TempFile> CreateTempFileFor(const fs::path& dest) {
  for (int i = 0; i < kTempAttempts; ++i) {
    TempFile t;
    t.path = TempCandidate(dest);
    t.fd = UniqueFd(::open(t.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (t.fd) return t;
    if (errno != EEXIST) return Status::FromErrno("create a temporary file for " + dest.string(), errno);
  }
  return Status::IoError("create a temporary file for " + dest.string() +
                         ": every random name tried already exists");
}

Result<fs::path> CreateTempDirFor(const fs::path& dest) {
  for (int i = 0; i < kTempAttempts; ++i) {
    fs::path p = TempCandidate(dest);
    if (::mkdir(p.c_str(), 0755) == 0) return p;
    if (errno != EEXIST) return Status::FromErrno("create a temporary folder for " + dest.string(), errno);
  }
  return Status::IoError("create a temporary folder for " + dest.string() +
                         ": every random name tried already exists");
}

std::optional<int64_t> TempNameOwnerPid(std::string_view name) {
  if (name.empty() || name[0] != '.') return std::nullopt;
  const size_t at = name.find(kTempMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = name.substr(at + kTempMarker.size());
  int64_t pid = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (ec != std::errc() || pid <= 0 || end == rest.data() + rest.size() || *end != '-') {
    return std::nullopt;
  }
  return pid;
}

Status WriteAll(int fd, std::string_view bytes, const fs::path& name) {
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::FromErrno("write " + name.string(), errno);
    p += n;
    left -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status CommitTempFile(TempFile tmp, const fs::path& dest) {
  if (::fsync(tmp.fd.get()) != 0 || ::close(tmp.fd.Release()) != 0) {
    int err = errno;
    ::unlink(tmp.path.c_str());
    return Status::FromErrno("fsync " + tmp.path.string(), err);
  }
  return RenameInto(tmp.path, dest);
}

Status CommitTempPath(const fs::path& tmp, const fs::path& dest) {
  Status synced = FsyncPath(tmp, O_RDONLY | O_NOFOLLOW);
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

Status RefuseLinkedFolder(const fs::path& dir, std::string_view what) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return Status::FromErrno("inspect " + dir.string(), errno);
  }
  if (S_ISLNK(st.st_mode)) {
    return Status::Failed(std::string(what) + " " + dir.string() +
                          " is a symbolic link; cutover never follows links inside its state "
                          "folder (someone could point it elsewhere): remove the link and run again");
  }
  if (!S_ISDIR(st.st_mode)) {
    return Status::Failed(std::string(what) + " " + dir.string() + " is not a folder: remove it");
  }
  return Status::Ok();
}

Status MakeDirectoriesWithin(const fs::path& top, const fs::path& dir) {
  const fs::path rel = dir.lexically_relative(top);
  if (rel.empty() || *rel.begin() == "..") {
    return Status::InvalidArgument(dir.string() + " is not inside " + top.string());
  }
  CUTOVER_RETURN_IF_ERROR(MakeDirectories(top));
  CUTOVER_RETURN_IF_ERROR(RefuseLinkedFolder(top, "folder"));
  UniqueFd at(::open(top.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!at) return Status::FromErrno("open " + top.string(), errno);
  fs::path walked = top;
  for (const fs::path& part : rel) {
    if (part == ".") continue;
    walked /= part;
    if (part == "..") return Status::InvalidArgument(dir.string() + " leaves " + top.string());
    if (::mkdirat(at.get(), part.c_str(), 0755) != 0 && errno != EEXIST) {
      return Status::FromErrno("create directory " + walked.string(), errno);
    }
    UniqueFd next(::openat(at.get(), part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next) {
      if (errno == ELOOP || errno == ENOTDIR) {
        return Status::Failed(walked.string() +
                              " is a symbolic link or not a folder; cutover never follows links "
                              "inside its state folder: remove it and run again");
      }
      return Status::FromErrno("open " + walked.string(), errno);
    }
    at = std::move(next);
  }
  return Status::Ok();
}

namespace {

// Empties the open folder `dir` (a descriptor this function owns) and everything under it.
Status EmptyFolderAt(UniqueFd dir, const fs::path& shown, int depth) {
  if (depth > 256) return Status::Failed("folders nested too deeply under " + shown.string());
  DIR* stream = ::fdopendir(dir.get());
  if (stream == nullptr) return Status::FromErrno("read folder " + shown.string(), errno);
  const int fd = dir.Release();  // owned by `stream` now
  std::vector<std::pair<std::string, bool>> entries;
  while (dirent* e = ::readdir(stream)) {
    std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    entries.emplace_back(std::string(n), e->d_type == DT_DIR);
  }
  Status result = Status::Ok();
  for (const auto& [name, is_dir] : entries) {
    if (::unlinkat(fd, name.c_str(), 0) == 0 || errno == ENOENT) continue;
    if (errno != EISDIR && errno != EPERM && !is_dir) {
      result = Status::FromErrno("remove " + (shown / name).string(), errno);
      continue;
    }
    UniqueFd sub(::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!sub) {
      result = Status::FromErrno("open " + (shown / name).string(), errno);
      continue;
    }
    Status emptied = EmptyFolderAt(std::move(sub), shown / name, depth + 1);
    if (!emptied.ok()) result = emptied;
    if (::unlinkat(fd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
      result = Status::FromErrno("remove " + (shown / name).string(), errno);
    }
  }
  ::closedir(stream);
  return result;
}

}  // namespace

Status RemoveTreeAt(const fs::path& parent, const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
    return Status::InvalidArgument("not a name inside a folder: " + name);
  }
  UniqueFd at(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!at) {
    if (errno == ENOENT) return Status::Ok();
    return Status::FromErrno("open " + parent.string(), errno);
  }
  if (::unlinkat(at.get(), name.c_str(), 0) == 0 || errno == ENOENT) return Status::Ok();
  UniqueFd sub(::openat(at.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!sub) return Status::FromErrno("open " + (parent / name).string(), errno);
  CUTOVER_RETURN_IF_ERROR(EmptyFolderAt(std::move(sub), parent / name, 0));
  if (::unlinkat(at.get(), name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
    return Status::FromErrno("remove " + (parent / name).string(), errno);
  }
  return Status::Ok();
}

Result<fs::path> ResolveWithin(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
  const fs::path target = fs::canonical(path, ec);
  if (ec) return Status::IoError(path.string() + " is a symbolic link that leads nowhere: " + ec.message());
  const fs::path inside = fs::canonical(dir, ec);
  if (ec) return Status::IoError("resolve " + dir.string() + ": " + ec.message());
  const fs::path rel = target.lexically_relative(inside);
  if (rel.empty() || *rel.begin() == "..") {
    return Status::Failed(path.string() + " is a symbolic link to " + target.string() +
                          ", outside " + dir.string() + "; cutover publishes only files inside "
                          "the side's scratch folder");
  }
  return target;
}

Status FsyncDirectory(const fs::path& dir) { return FsyncPath(dir, O_RDONLY | O_DIRECTORY); }

Status WriteFileAtomic(const fs::path& path, std::string_view content) {
  CUTOVER_RETURN_IF_ERROR(MakeDirectories(path.parent_path()));
  CUTOVER_ASSIGN_OR_RETURN(TempFile tmp, CreateTempFileFor(path));
  Status written = WriteAll(tmp.fd.get(), content, tmp.path);
  if (!written.ok()) {
    tmp.fd.Reset();
    ::unlink(tmp.path.c_str());
    return written;
  }
  return CommitTempFile(std::move(tmp), path);
}

Result<StagedFile> StageCopy(const fs::path& source, const fs::path& dest) {
  UniqueFd in(::open(source.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!in) {
    if (errno == ELOOP) {
      return Status::Failed("refusing to publish " + source.string() + ": it is a symbolic link");
    }
    return Status::FromErrno("open " + source.string(), errno);
  }
  struct stat st {};
  if (::fstat(in.get(), &st) != 0) return Status::FromErrno("inspect " + source.string(), errno);
  if (!S_ISREG(st.st_mode)) {
    return Status::Failed("refusing to publish " + source.string() + ": not a regular file");
  }
  CUTOVER_RETURN_IF_ERROR(MakeDirectories(dest.parent_path()));
  CUTOVER_ASSIGN_OR_RETURN(TempFile tmp, CreateTempFileFor(dest));
  Status copied = CopyContent(in.get(), tmp.fd.get(), source, tmp.path);
  if (copied.ok() && ::fchmod(tmp.fd.get(), st.st_mode & 0777) != 0) {
    copied = Status::FromErrno("set the mode of " + tmp.path.string(), errno);
  }
  if (copied.ok() && ::fsync(tmp.fd.get()) != 0) {
    copied = Status::FromErrno("fsync " + tmp.path.string(), errno);
  }
  if (copied.ok() && ::close(tmp.fd.Release()) != 0) {
    copied = Status::FromErrno("close " + tmp.path.string(), errno);
  }
  if (!copied.ok()) {
    tmp.fd.Reset();
    ::unlink(tmp.path.c_str());
    return copied;
  }
  return StagedFile{tmp.path, dest};
}

void DiscardStaged(const std::vector<StagedFile>& staged) {
  for (const StagedFile& f : staged) ::unlink(f.tmp.c_str());
}

Status CommitStaged(const std::vector<StagedFile>& staged) {
  for (size_t i = 0; i < staged.size(); ++i) {
    if (::rename(staged[i].tmp.c_str(), staged[i].dest.c_str()) != 0) {
      const int err = errno;
      DiscardStaged(std::vector<StagedFile>(staged.begin() + static_cast<std::ptrdiff_t>(i),
                                            staged.end()));
      return Status::FromErrno(
          "rename " + staged[i].tmp.string() + " to " + staged[i].dest.string(), err);
    }
  }
  std::set<fs::path> dirs;
  for (const StagedFile& f : staged) dirs.insert(DirOf(f.dest));
  for (const fs::path& dir : dirs) CUTOVER_RETURN_IF_ERROR(FsyncDirectory(dir));
  return Status::Ok();
}

Status PublishFileAtomic(const fs::path& source, const fs::path& dest) {
  CUTOVER_ASSIGN_OR_RETURN(StagedFile staged, StageCopy(source, dest));
  return CommitStaged({staged});
}

}  // namespace cutover
