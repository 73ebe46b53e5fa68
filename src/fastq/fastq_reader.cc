#include "fastq/fastq_reader.h"

#include <algorithm>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

namespace {

// The first '\n' in [p, end), or null: 16 bytes at a time (lines are short, and a call to
// memchr for each cost more than the search), the last ones by memchr. *high collects the
// bytes seen (the high bit of each: non-ASCII), including up to 15 after the newline.
inline const char* FindNewline(const char* p, const char* end, unsigned* high) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    *high |= static_cast<unsigned>(_mm_movemask_epi8(v));
    const unsigned found = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
    if (found != 0) return p + __builtin_ctz(found);
    p += 16;
  }
#endif
  const char* nl = p == end ? nullptr : static_cast<const char*>(std::memchr(p, '\n', end - p));
  const char* to = nl == nullptr ? end : nl;
  for (const char* q = p; q < to; ++q) *high |= static_cast<unsigned char>(*q) & 0x80;
  return nl;
}

}  // namespace

bool FastqReader::NextSimple(FastqRecord* r) {
  const char* const start = buffer_.data() + begin_;
  const char* const end = buffer_.data() + end_;
  if (start == end || *start != '@') return false;
  unsigned high = 0;
  const char* header_end = FindNewline(start, end, &high);
  if (header_end == nullptr || header_end[-1] == '\r') return false;
  const char* sequence = header_end + 1;
  const char* sequence_end = FindNewline(sequence, end, &high);
  if (sequence_end == nullptr || (sequence_end > sequence && sequence_end[-1] == '\r')) return false;
  const char* plus = sequence_end + 1;
  if (end - plus < 2 || plus[0] != '+' || plus[1] != '\n') return false;
  // The quality line must end where the sequence's length puts its end, with no line end before.
  const char* quality = plus + 2;
  const size_t length = static_cast<size_t>(sequence_end - sequence);
  if (static_cast<size_t>(end - quality) <= length || quality[length] != '\n') return false;
  if (length > 0 && quality[length - 1] == '\r') return false;
  const char* const quality_end = quality + length;
  const char* q = quality;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  for (; quality_end - q >= 16; q += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    high |= static_cast<unsigned>(_mm_movemask_epi8(v));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)) != 0) return false;
  }
#endif
  for (; q < quality_end; ++q) {
    if (*q == '\n') return false;
    high |= static_cast<unsigned char>(*q) & 0x80;
  }
  // (high may include bytes after the record: a false alarm goes the general way.)
  if (options_.rules.ascii_only && high != 0) return false;
  r->name = std::string_view(start + 1, static_cast<size_t>(header_end - start - 1));
  r->sequence = std::string_view(sequence, length);
  r->plus = std::string_view(plus + 1, 0);  // NOLINT(bugprone-string-constructor): empty on purpose, at its place in the buffer
  r->quality = std::string_view(quality, length);
  r->number = ++records_;
  r->line = lines_ + 1;
  lines_ += 4;
  begin_ = static_cast<size_t>(quality_end + 1 - buffer_.data());
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
