#include "fastq/fastq_reader.h"

#include <cstring>

#include <fmt/format.h>

namespace cutover {

std::string_view FastqRecord::id() const {
  size_t cut = name.find_first_of(" \t");
  return cut == std::string_view::npos ? name : name.substr(0, cut);
}

FastqReader::FastqReader(std::unique_ptr<InputStream> stream, const FastqReaderOptions& options)
    : stream_(std::move(stream)), options_(options), buffer_(options.buffer_bytes) {}

Status FastqReader::Malformed(int64_t line, std::string_view what) const {
  return Status::Corruption(fmt::format("{}: record {} (line {}): {}", stream_->name(),
                                        records_ + 1, line, what));
}

Result<bool> FastqReader::More() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= options_.max_record_bytes) {
      return Malformed(lines_ + 1, fmt::format("a record longer than {} bytes: not FASTQ?",
                                               options_.max_record_bytes));
    }
    buffer_.resize(std::min(buffer_.size() * 2, options_.max_record_bytes));
  }
  CUTOVER_ASSIGN_OR_RETURN(size_t got, stream_->Read(buffer_.data() + end_, buffer_.size() - end_));
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

Result<bool> FastqReader::Next(FastqRecord* r) {
  if (!error_.ok()) return error_;
  // Finds the four lines starting at begin_; on a short buffer, reads more and starts over
  // (offsets are relative to begin_, which More() moves to 0).
  while (true) {
    size_t pos = begin_;
    std::string_view lines[4];
    int found = 0;
    bool complete = true;
    while (found < 4) {
      const char* start = buffer_.data() + pos;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos));
      if (nl == nullptr) {
        if (!eof_) {
          complete = false;
          break;
        }
        if (pos == end_) break;  // no more lines at all
        lines[found++] = std::string_view(start, end_ - pos);  // last line without '\n'
        pos = end_;
        continue;
      }
      size_t len = static_cast<size_t>(nl - start);
      std::string_view line(start, len);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines[found++] = line;
      pos += len + 1;
    }
    if (!complete) {
      auto more = More();
      if (!more.ok()) {
        error_ = more.status();
        return error_;
      }
      continue;  // rescan with more data (or with eof_ set)
    }
    const int64_t line = lines_ + 1;
    if (found == 0) return false;  // clean end
    if (lines[0].empty() || lines[0][0] != '@') {
      if (lines[0].empty()) {
        // Blank lines at the very end of a file are tolerated; elsewhere they are an error.
        bool rest_blank = true;
        for (int i = 1; i < found; ++i) rest_blank = rest_blank && lines[i].empty();
        if (rest_blank && eof_ && pos == end_) return false;
        error_ = Malformed(line, "empty line where a record header ('@...') was expected");
      } else {
        error_ = Malformed(line, fmt::format("header does not start with '@': '{}'",
                                             lines[0].substr(0, 60)));
      }
      return error_;
    }
    if (found < 4) {
      error_ = Malformed(line, fmt::format("the file ends inside the record ({} of 4 lines)", found));
      return error_;
    }
    if (lines[2].empty() || lines[2][0] != '+') {
      error_ = Malformed(line + 2, fmt::format("expected the '+' line, got '{}'",
                                               lines[2].substr(0, 60)));
      return error_;
    }
    if (lines[3].size() != lines[1].size()) {
      error_ = Malformed(line + 3, fmt::format("quality has {} characters, sequence has {}",
                                               lines[3].size(), lines[1].size()));
      return error_;
    }
    r->name = lines[0].substr(1);
    r->sequence = lines[1];
    r->plus = lines[2].substr(1);
    r->quality = lines[3];
    r->number = ++records_;
    r->line = line;
    lines_ += 4;
    begin_ = pos;
    return true;
  }
}

}  // namespace cutover
