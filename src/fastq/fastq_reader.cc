#include "fastq/fastq_reader.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace cutover {

std::string_view FastqRecord::id() const {
  size_t cut = name.find_first_of(" \t");
  return cut == std::string_view::npos ? name : name.substr(0, cut);
}

namespace {
BlockSourceOptions SourceOptions(const FastqReaderOptions& o) {
  BlockSourceOptions b;
  b.block_bytes = o.buffer_bytes;
  b.headroom = o.headroom;
  b.background = o.read_ahead;
  return b;
}
}  // namespace

FastqReader::FastqReader(std::unique_ptr<InputStream> stream, const FastqReaderOptions& options)
    : options_(options),
      source_(std::make_unique<BlockSource>(std::move(stream), SourceOptions(options))),
      records_(options.first_record - 1),
      lines_(options.first_line - 1) {}

namespace {

// A line excerpt safe to print: bytes outside printable ASCII shown as \xNN (binary input).
std::string Printable(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  return out;
}

}  // namespace

Status FastqReader::Malformed(int64_t line, std::string_view what) const {
  return Status::Corruption(fmt::format("{}: record {} (line {}): {}", source_->name(),
                                        records_ + 1, line, what));
}

Result<bool> FastqReader::More() {
  if (eof_) return false;
  const size_t tail = end_ - begin_;  // an unfinished record at the end of the block
  if (tail >= options_.max_record_bytes) {
    const std::string_view rest(buffer_.data() + begin_, tail);
    overlong_ = OverlongRecord{records_ + 1, lines_ + 1,
                               Printable(rest.substr(0, std::min(rest.find('\n'), size_t{100})))};
    return Malformed(lines_ + 1, fmt::format("a record longer than {} bytes: not FASTQ?",
                                             options_.max_record_bytes));
  }
  Block next;
  CUTOVER_ASSIGN_OR_RETURN(bool got, source_->Next(&next));
  if (!got) {
    eof_ = true;
    return false;
  }
  if (tail <= next.begin) {
    // Usual case: move the tail into the next block's headroom and parse on in place.
    if (tail > 0) std::memcpy(next.data.data() + next.begin - tail, buffer_.data() + begin_, tail);
    if (buffer_from_source_) source_->Recycle(std::move(buffer_));
    buffer_ = std::move(next.data);
    buffer_from_source_ = true;
    begin_ = next.begin - tail;
    end_ = next.end;
  } else {
    // A record longer than the headroom: join the tail and the block in a new buffer.
    std::vector<char> joined(tail + (next.end - next.begin));
    if (tail > 0) std::memcpy(joined.data(), buffer_.data() + begin_, tail);
    std::memcpy(joined.data() + tail, next.data.data() + next.begin, next.end - next.begin);
    if (buffer_from_source_) source_->Recycle(std::move(buffer_));
    source_->Recycle(std::move(next.data));
    buffer_ = std::move(joined);
    buffer_from_source_ = false;
    begin_ = 0;
    end_ = buffer_.size();
  }
  return true;
}

Result<bool> FastqReader::Next(FastqRecord* r) {
  if (!error_.ok()) return error_;
  // Finds the four lines starting at begin_; on a short buffer, reads more and starts over
  // (More() moves the unfinished record in front of the next block).
  while (true) {
    size_t pos = begin_;
    std::string_view lines[4];
    int found = 0;
    bool complete = true;
    while (found < 4) {
      const char* start = buffer_.data() + pos;
      const char* nl = pos == end_ ? nullptr  // (memchr on an empty, maybe null, buffer is UB)
                                   : static_cast<const char*>(std::memchr(start, '\n', end_ - pos));
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
        // Whether only line ends follow may take more blocks to know, however many there are.
        size_t p = begin_;
        while (p < end_ && (buffer_[p] == '\n' || buffer_[p] == '\r')) ++p;
        if (p == end_ && !eof_) {
          auto more = More();
          if (!more.ok()) {
            error_ = more.status();
            return error_;
          }
          continue;
        }
        if (p == end_) return false;
        error_ = Malformed(line, "empty line where a record header ('@...') was expected");
      } else {
        error_ = Malformed(line, fmt::format("header does not start with '@': '{}'",
                                             Printable(lines[0].substr(0, 60))));
      }
      return error_;
    }
    if (found < 4) {
      error_ = Malformed(line, fmt::format("the file ends inside the record ({} of 4 lines)", found));
      return error_;
    }
    if (lines[2].empty() || lines[2][0] != '+') {
      error_ = Malformed(line + 2, fmt::format("expected the '+' line, got '{}'",
                                               Printable(lines[2].substr(0, 60))));
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
