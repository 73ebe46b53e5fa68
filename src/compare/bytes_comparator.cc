#include "compare/bytes_comparator.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "compare/comparator_options.h"
#include "compare/excerpt.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// One side's open file. Owns the descriptor.
class InputFile {
 public:
  static Result<std::unique_ptr<InputFile>> Open(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      if (err == ENOENT) return Status::NotFound(fmt::format("{}: no such file", path.string()));
      return Status::FromErrno(path.string(), err);
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      return Status::IoError(fmt::format("{}: is a directory", path.string()));
    }
    return std::unique_ptr<InputFile>(new InputFile(path, fd));
  }
  ~InputFile() { ::close(fd_); }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Fills `buf` as far as the file allows; fewer bytes than buf.size() means end of file.
  Result<size_t> ReadFull(std::vector<char>* buf) {
    size_t got = 0;
    while (got < buf->size()) {
      ssize_t n = ::read(fd_, buf->data() + got, buf->size() - got);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::FromErrno(fmt::format("{}: read at byte {}", path_.string(), offset_ + got),
                                 errno);
      }
      if (n == 0) break;
      got += static_cast<size_t>(n);
    }
    offset_ += got;
    return got;
  }

  // The file's total size: from fstat for regular files, else by reading to the end.
  Result<uint64_t> Size(std::vector<char>* scratch) {
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) {
      return std::max<uint64_t>(static_cast<uint64_t>(st.st_size), offset_);
    }
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(size_t n, ReadFull(scratch));
      if (n < scratch->size()) return offset_;
    }
  }

 private:
  InputFile(fs::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  const fs::path path_;
  const int fd_;
  uint64_t offset_ = 0;  // bytes read so far
};

Comparison ErrorComparison(std::string message) {
  Comparison c;
  c.outcome = Outcome::kError;
  c.message = std::move(message);
  return c;
}

}  // namespace

Result<std::unique_ptr<Comparator>> BytesComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(kKind, options, {}));
  return std::unique_ptr<Comparator>(new BytesComparator());
}

Comparison BytesComparator::Compare(const fs::path& legacy_path, const fs::path& new_path) const {
  auto legacy = InputFile::Open(legacy_path);
  auto fresh = InputFile::Open(new_path);
  if (!legacy.ok() || !fresh.ok()) {
    std::vector<std::string> errors;
    if (!legacy.ok()) errors.push_back("legacy: " + legacy.status().message());
    if (!fresh.ok()) errors.push_back("new: " + fresh.status().message());
    return ErrorComparison(fmt::format("cannot compare: {}", Join(errors, "; ")));
  }
  std::vector<char> a(std::max<size_t>(options_.buffer_bytes, 1));
  std::vector<char> b(a.size());
  uint64_t offset = 0;  // of a[0] and b[0] in the files
  while (true) {
    auto na = (*legacy)->ReadFull(&a);
    if (!na.ok()) return ErrorComparison("legacy: " + na.status().message());
    auto nb = (*fresh)->ReadFull(&b);
    if (!nb.ok()) return ErrorComparison("new: " + nb.status().message());
    size_t common = std::min(*na, *nb);
    size_t at =
        FirstDifference(std::string_view(a.data(), common), std::string_view(b.data(), common));
    if (at == common && *na == *nb) {
      if (*na < a.size()) {  // both ended together: identical
        Comparison c;
        c.outcome = Outcome::kMatch;
        c.message = fmt::format("identical ({} bytes)", offset + *na);
        c.counts = {{"bytes_legacy", offset + *na}, {"bytes_new", offset + *nb}};
        return c;
      }
      offset += *na;
      continue;
    }
    // First difference at offset + at: a differing byte, or one file ended there.
    uint64_t first = offset + at;
    Difference d;
    d.location = fmt::format("offset {}", first);
    std::string_view rest_a(a.data() + at, *na - at), rest_b(b.data() + at, *nb - at);
    d.in_legacy = !rest_a.empty();
    d.in_new = !rest_b.empty();
    if (d.in_legacy) d.legacy = HexExcerpt(rest_a, options_.excerpt_bytes);
    if (d.in_new) d.new_side = HexExcerpt(rest_b, options_.excerpt_bytes);
    auto size_a = (*legacy)->Size(&a);
    if (!size_a.ok()) return ErrorComparison("legacy: " + size_a.status().message());
    auto size_b = (*fresh)->Size(&b);
    if (!size_b.ok()) return ErrorComparison("new: " + size_b.status().message());
    Comparison c;
    c.outcome = Outcome::kMismatch;
    std::string where = !d.in_legacy ? " (legacy ends there)"
                        : !d.in_new  ? " (new ends there)"
                                     : "";
    c.message = fmt::format("differ from offset {}{}; legacy {} bytes, new {} bytes", first, where,
                            *size_a, *size_b);
    c.counts = {
        {"bytes_legacy", *size_a}, {"bytes_new", *size_b}, {"first_difference_offset", first}};
    c.differences.push_back(std::move(d));
    return c;
  }
}

}  // namespace cutover
