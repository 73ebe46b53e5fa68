#include "compare/line_reader.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cutover {
namespace fs = std::filesystem;

Result<std::unique_ptr<LineReader>> LineReader::Open(const fs::path& path,
                                                     const LineReaderOptions& options) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    if (err == ENOENT) return Status::NotFound(fmt::format("{}: no such file", path.string()));
    return Status::FromErrno(path.string(), err);
  }
  if (S_ISDIR(st.st_mode)) return Status::IoError(fmt::format("{}: is a directory", path.string()));
  errno = 0;
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) {
    int err = errno;
    if (err == 0)
      return Status::IoError(fmt::format("{}: cannot open (out of memory)", path.string()));
    return Status::FromErrno(path.string(), err);
  }
  // The internal compressed-input buffer; 128 KiB reads well on local and network disks.
  gzbuffer(gz, 128 << 10);
  return std::unique_ptr<LineReader>(new LineReader(path, gz, options));
}

LineReader::LineReader(fs::path path, void* gz, const LineReaderOptions& options)
    : path_(std::move(path)),
      options_(options),
      gz_(gz),
      buffer_(std::clamp<size_t>(options.buffer_bytes, 1, 1 << 30)) {}  // gzread takes an int

LineReader::~LineReader() { gzclose_r(static_cast<gzFile>(gz_)); }

bool LineReader::compressed() const { return gzdirect(static_cast<gzFile>(gz_)) == 0; }

Status LineReader::Fill(bool mid_line) {
  begin_ = end_ = 0;
  int64_t line = lines_read_ + 1;
  if (truncated_) {
    // Everything decoded before the cut has been returned; report where the cut is.
    return Status::Corruption(
        mid_line ? fmt::format("{}: truncated gzip file (unexpected end of file) in line {}",
                               path_.string(), line)
                 : fmt::format("{}: truncated gzip file (unexpected end of file) after line {}",
                               path_.string(), line - 1));
  }
  gzFile gz = static_cast<gzFile>(gz_);
  errno = 0;
  int n = gzread(gz, buffer_.data(), static_cast<unsigned>(buffer_.size()));
  int read_errno = errno;
  int errnum = Z_OK;
  const char* what = gzerror(gz, &errnum);
  if (n < 0 || (errnum != Z_OK && errnum != Z_BUF_ERROR)) {
    // zlib drops the data of a failed read, so the damage is somewhere from this line on.
    if (errnum == Z_ERRNO) {
      return Status::FromErrno(fmt::format("{}: read error at line {}", path_.string(), line),
                               read_errno);
    }
    return Status::Corruption(fmt::format("{}: corrupt gzip data at or after line {} ({})",
                                          path_.string(), line, what ? what : "unknown error"));
  }
  // Z_BUF_ERROR: the input ended inside a gzip stream. Deliver what was decoded first so the
  // error names the line that was cut.
  if (errnum == Z_BUF_ERROR) truncated_ = true;
  end_ = static_cast<size_t>(n);
  if (n == 0) {
    if (truncated_) return Fill(mid_line);
    eof_ = true;
  }
  return Status::Ok();
}

Result<bool> LineReader::Next(TextLine* line) {
  partial_.clear();
  bool have_partial = false;
  while (true) {
    if (begin_ == end_) {
      if (eof_) {
        if (!have_partial) return false;
        line->text = partial_;
        line->terminated = false;
        line->number = ++lines_read_;
        return true;
      }
      CUTOVER_RETURN_IF_ERROR(Fill(have_partial));
      continue;
    }
    const char* start = buffer_.data() + begin_;
    size_t avail = end_ - begin_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
    size_t take = nl ? static_cast<size_t>(nl - start) : avail;
    if (partial_.size() + take > options_.max_line_bytes) {
      return Status::Corruption(fmt::format("{}: line {} is longer than {} bytes (not text?)",
                                            path_.string(), lines_read_ + 1,
                                            options_.max_line_bytes));
    }
    if (nl == nullptr) {
      partial_.append(start, take);
      have_partial = true;
      begin_ = end_;
      continue;
    }
    if (have_partial) {
      partial_.append(start, take);
      line->text = partial_;
    } else {
      line->text = std::string_view(start, take);  // no copy: the line lies within the buffer
    }
    line->terminated = true;
    line->number = ++lines_read_;
    begin_ += take + 1;
    return true;
  }
}

}  // namespace cutover
