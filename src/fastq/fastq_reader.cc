#include "fastq/fastq_reader.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "fastq/simple_record.h"

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
    // A record longer than the headroom: the tail and the block in a buffer of our own, grown
    // by half again when full and appended to in place. (A new, zero-filled buffer of the whole
    // tail for each block made a long record quadratic: 3.6 s to reach the 50 Mb limit.)
    const size_t content = next.end - next.begin;
    std::vector<char> joined;
    if (buffer_from_source_) {
      joined.reserve(2 * (tail + content));
      joined.insert(joined.end(), buffer_.data() + begin_, buffer_.data() + end_);
      source_->Recycle(std::move(buffer_));
    } else {
      joined = std::move(buffer_);  // (its end_ is its size: set so below)
      joined.erase(joined.begin(), joined.begin() + static_cast<std::ptrdiff_t>(begin_));
    }
    if (joined.capacity() < tail + content) {
      joined.reserve(std::max(tail + content, joined.capacity() + joined.capacity() / 2));
    }
    joined.insert(joined.end(), next.data.data() + next.begin, next.data.data() + next.end);
    source_->Recycle(std::move(next.data));
    buffer_ = std::move(joined);
    buffer_from_source_ = false;
    begin_ = 0;
    end_ = buffer_.size();
  }
  return true;
}

bool FastqReader::NextSimple(FastqRecord* r) {
  const char* after = ParseSimpleRecord(buffer_.data() + begin_, buffer_.data() + end_,
                                        options_.rules.ascii_only, r);
  if (after == nullptr) return false;
  r->number = ++records_;
  r->line = lines_ + 1;
  lines_ += 4;
  begin_ = static_cast<size_t>(after - buffer_.data());
  return true;
}

Result<bool> FastqReader::Next(FastqRecord* r) {
  if (!error_.ok()) return error_;
  if (NextSimple(r)) return true;
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
        // The last line, without '\n' (a '\r' before the missing '\n' goes, as dnaio does).
        std::string_view line(start, end_ - pos);
        if (line.back() == '\r') line.remove_suffix(1);
        lines[found++] = line;
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
    if (lines[0].empty()) {
      // Blank lines at the very end of a file are tolerated or not (rules); elsewhere they are
      // an error. Whether only line ends follow may take more blocks to know.
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
      if (p == end_ && options_.rules.blank_lines_at_end) return false;
      error_ = Malformed(line, BlankLineFault(p == end_).what);
      return error_;
    }
    const std::string_view raw(buffer_.data() + begin_, pos - begin_);
    if (auto fault = CheckRecord(lines, found, raw, options_.rules)) {
      error_ = Malformed(line + fault->line, fault->what);
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
