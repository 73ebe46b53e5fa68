#include "trim/record_chunker.h"

#include <algorithm>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "fastq/simple_record.h"

namespace cutover::trim {
namespace {
constexpr size_t kReadStep = 256 << 10;
// Read past a chunk's target size, until a record ends: what is read beyond the cut is copied
// into the next chunk's buffer, so only a little at a time (a short read's record is < 1 KB).
constexpr size_t kTailStep = 16 << 10;
constexpr size_t kCountBlock = 4 << 10;  // newlines counted in bulk this many bytes at a time

// The number of '\n' in p[0, n): 16 bytes a step, without a call per line.
int64_t CountNewlines(const char* p, size_t n) {
  int64_t count = 0;
  size_t i = 0;
#ifdef __SSE2__
  const __m128i nl = _mm_set1_epi8('\n');
  while (i + 16 <= n) {
    // Byte counters (each match subtracts -1) summed before they can overflow.
    __m128i acc = _mm_setzero_si128();
    const size_t stop = std::min(n - (n - i) % 16, i + size_t{255} * 16);
    for (; i < stop; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, nl));
    }
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    count += _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
  }
#endif
  for (; i < n; ++i) count += p[i] == '\n';
  return count;
}

// Moves *pos over whole blocks of d[*pos, limit) while the newlines counted in them, added to
// *lines, stay below `until` (the scan by line then finds the exact place).
void SkipLines(const char* d, size_t limit, int64_t until, size_t* pos, int64_t* lines) {
  while (*pos + kCountBlock <= limit) {
    const int64_t c = CountNewlines(d + *pos, kCountBlock);
    if (*lines + c >= until) return;
    *lines += c;
    *pos += kCountBlock;
  }
}
}  // namespace

RecordChunker::RecordChunker(std::unique_ptr<InputStream> stream) : stream_(std::move(stream)) {}

void RecordChunker::Begin(RecordChunk* chunk, size_t capacity) {
  buffer_ = std::move(chunk->data);
  buffer_.clear();
  buffer_.Reserve(std::max(capacity, carry_.size() + kReadStep));
  if (carry_.size() > 0) std::memcpy(buffer_.Extend(carry_.size()), carry_.data(), carry_.size());
  carry_.clear();
}

Status RecordChunker::Fill(size_t at_least) {
  size_t got = 0;
  while (got < at_least && !eof_) {
    if (buffer_.capacity() - buffer_.size() < std::min(at_least - got, kReadStep)) {
      buffer_.Reserve(std::max(buffer_.capacity() * 2, buffer_.size() + kReadStep));
    }
    // No more than asked for: what is read past the chunk's end is copied into the next one.
    const size_t room = std::min(buffer_.capacity() - buffer_.size(), at_least - got);
    CUTOVER_ASSIGN_OR_RETURN(size_t n, stream_->Read(buffer_.data() + buffer_.size(), room));
    buffer_.Extend(n);  // (within the capacity: no copy)
    got += n;
    if (n == 0) eof_ = true;
  }
  return Status::Ok();
}

void RecordChunker::Emit(size_t cut, int64_t lines, RecordChunk* chunk) {
  chunk->first_record = next_record_;
  chunk->first_line = next_line_;
  chunk->records = (lines + 3) / 4;
  chunk->last = eof_ && cut == buffer_.size();
  const size_t rest = buffer_.size() - cut;
  carry_.clear();
  if (rest > 0) std::memcpy(carry_.Extend(rest), buffer_.data() + cut, rest);
  buffer_.Truncate(cut);
  chunk->data = std::move(buffer_);
  next_record_ += chunk->records;
  next_line_ += lines;
}

Result<bool> RecordChunker::NextBytes(size_t bytes, RecordChunk* chunk) {
  Begin(chunk, bytes + kReadStep);
  if (buffer_.size() < bytes && !eof_) CUTOVER_RETURN_IF_ERROR(Fill(bytes - buffer_.size()));
  // The scan survives refills: the buffer only grows until Emit().
  size_t pos = 0, cut = 0;
  int64_t lines = 0, cut_lines = 0;
  while (true) {
    const char* d = buffer_.data();
    const size_t n = buffer_.size();
    // Newlines before the chunk's target size, in bulk (no cut can be there: cut < bytes). A
    // blank line there still ends in the last chunk: the scan below never cuts before one.
    if (cut < bytes && bytes > kCountBlock) {
      SkipLines(d, std::min(n, bytes - kCountBlock), INT64_MAX, &pos, &lines);
    }
    while (pos < n && cut < bytes) {
      const void* nl = std::memchr(d + pos, '\n', n - pos);
      if (nl == nullptr) break;
      pos = static_cast<size_t>(static_cast<const char*>(nl) - d) + 1;
      // Never before a blank line (no record starts with one): blank lines at the end of the
      // file then stay in the last chunk, where the parser can tell that they end the file.
      if (++lines % 4 == 0 && (pos == n || (d[pos] != '\n' && d[pos] != '\r'))) {
        cut = pos;
        cut_lines = lines;
      }
    }
    if (cut >= bytes && cut > 0) {
      // A chunk ending where the buffer ends may be the last one: find out (for the rule on
      // blank lines at the end of the file).
      if (cut == n && !eof_) CUTOVER_RETURN_IF_ERROR(Fill(kTailStep));
      Emit(cut, cut_lines, chunk);
      return true;
    }
    if (eof_) {
      if (n == 0) {
        chunk->data = std::move(buffer_);
        return false;
      }
      // Everything that is left (the scan may have stopped at a newline before the end).
      int64_t all = lines;
      while (pos < n) {
        const void* nl = std::memchr(d + pos, '\n', n - pos);
        ++all;
        pos = nl == nullptr ? n : static_cast<size_t>(static_cast<const char*>(nl) - d) + 1;
      }
      Emit(n, all, chunk);
      return true;
    }
    // The buffer ends inside a record: read more.
    CUTOVER_RETURN_IF_ERROR(Fill(cut < bytes && n < bytes ? bytes - n : kTailStep));
  }
}

Result<bool> RecordChunker::NextRecords(int64_t records, RecordChunk* chunk) {
  Begin(chunk, kReadStep);
  const int64_t wanted = 4 * records;
  size_t pos = 0;
  int64_t lines = 0;
  while (true) {
    const char* d = buffer_.data();
    const size_t n = buffer_.size();
    SkipLines(d, n, wanted, &pos, &lines);
    while (pos < n && lines < wanted) {
      const void* nl = std::memchr(d + pos, '\n', n - pos);
      if (nl == nullptr) break;
      pos = static_cast<size_t>(static_cast<const char*>(nl) - d) + 1;
      ++lines;
    }
    if (lines == wanted) {
      if (pos == n && !eof_) CUTOVER_RETURN_IF_ERROR(Fill(kTailStep));
      Emit(pos, lines, chunk);
      return true;
    }
    if (eof_) {
      if (n == 0) {
        chunk->data = std::move(buffer_);
        return false;
      }
      if (pos < n) ++lines;  // a last line without a newline
      Emit(n, lines, chunk);
      return true;
    }
    // As many bytes as the lines still wanted take at the size of those counted so far (less
    // the line begun at pos), at least a tail step: the next chunk gets little of what is read.
    size_t more = kReadStep;
    if (lines > 0) {
      const double per_line = static_cast<double>(pos) / static_cast<double>(lines);
      const auto estimate = static_cast<size_t>(per_line * static_cast<double>(wanted - lines));
      more = std::max(estimate > n - pos ? estimate - (n - pos) : 0, kTailStep);
    }
    CUTOVER_RETURN_IF_ERROR(Fill(more));
  }
}

ChunkParser::ChunkParser(const RecordChunk& chunk, std::string name, const FastqRules& rules)
    : data_(chunk.data.view()),
      name_(std::move(name)),
      rules_(rules),
      last_(chunk.last),
      record_(chunk.first_record),
      line_(chunk.first_line) {}

Status ChunkParser::Malformed(int64_t line, std::string_view what) const {
  return Status::Corruption(fmt::format("{}: record {} (line {}): {}", name_, record_, line, what));
}

Result<bool> ChunkParser::Next(FastqRecord* r) {
  if (const char* after = ParseSimpleRecord(data_.data() + pos_, data_.data() + data_.size(),
                                            rules_.ascii_only, r)) {
    r->number = record_++;
    r->line = line_;
    line_ += 4;
    pos_ = static_cast<size_t>(after - data_.data());
    return true;
  }
  std::string_view lines[4];
  int found = 0;
  size_t pos = pos_;
  const size_t end = data_.size();
  while (found < 4 && pos < end) {
    const char* start = data_.data() + pos;
    const void* nl = std::memchr(start, '\n', end - pos);
    size_t len = nl == nullptr ? end - pos : static_cast<size_t>(static_cast<const char*>(nl) - start);
    std::string_view line(start, len);
    // As FastqReader: a line loses a '\r' before its '\n', or at the end of the input.
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines[found++] = line;
    pos += len + (nl == nullptr ? 0 : 1);
  }
  if (found == 0) return false;
  if (lines[0].empty()) {
    // Blank lines at the very end of the file: tolerated or not (rules), as FastqReader does.
    size_t p = pos_;
    while (p < end && (data_[p] == '\n' || data_[p] == '\r')) ++p;
    const bool to_end = p == end && last_;
    if (to_end && rules_.blank_lines_at_end) {
      pos_ = end;
      return false;
    }
    return Malformed(line_, BlankLineFault(to_end).what);
  }
  if (auto fault = CheckRecord(lines, found, data_.substr(pos_, pos - pos_), rules_)) {
    return Malformed(line_ + fault->line, fault->what);
  }
  r->name = lines[0].substr(1);
  r->sequence = lines[1];
  r->plus = lines[2].substr(1);
  r->quality = lines[3];
  r->number = record_++;
  r->line = line_;
  line_ += 4;
  pos_ = pos;
  return true;
}

}  // namespace cutover::trim
