#include "compare/excerpt.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/utf8.h"

namespace cutover {
namespace {

void AppendHexEscape(std::string* out, unsigned char c) { *out += fmt::format("\\x{:02x}", c); }

// Appends s[i..] escaped; stops before `limit` bytes of input are consumed, never splitting a
// character. Returns the number of input bytes consumed.
size_t AppendPrintable(std::string* out, std::string_view s, size_t limit) {
  size_t i = 0;
  while (i < s.size()) {
    size_t len = Utf8SequenceLength(s, i);
    size_t step = len == 0 ? 1 : len;
    if (i + step > limit) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (len == 0) {
      AppendHexEscape(out, c);
    } else if (len == 1 && (c < 0x20 || c == 0x7f) && c != '\t') {
      if (c == '\n') {
        *out += "\\n";
      } else if (c == '\r') {
        *out += "\\r";
      } else {
        AppendHexEscape(out, c);
      }
    } else {
      out->append(s.substr(i, step));
    }
    i += step;
  }
  return i;
}

}  // namespace

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t len = Utf8SequenceLength(s, i);
    if (len == 0) {
      AppendHexEscape(&out, static_cast<unsigned char>(s[i]));
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string Excerpt(std::string_view text, size_t focus, size_t max_bytes) {
  // Show some context before the focus, but mostly what follows it.
  size_t context = std::min<size_t>(40, max_bytes / 4);
  size_t start = focus > context ? focus - context : 0;
  if (text.size() <= max_bytes) {
    start = 0;
  } else if (start + max_bytes > text.size()) {
    start = text.size() - max_bytes;  // near the end: show a full window ending at the end
  }
  start = std::min(start, text.size());
  // Never start inside a UTF-8 sequence (at most 3 continuation bytes to back over).
  for (int k = 0; k < 3 && start > 0 && start < text.size() &&
                  (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80;
       ++k) {
    --start;
  }
  std::string out;
  if (start > 0) out += fmt::format("[…{} bytes] ", start);
  size_t used = AppendPrintable(&out, text.substr(start), max_bytes);
  size_t rest = text.size() - start - used;
  if (rest > 0) out += fmt::format(" […{} more bytes]", rest);
  return out;
}

std::string HexExcerpt(std::string_view bytes, size_t max_bytes) {
  std::string_view shown = bytes.substr(0, max_bytes);
  std::string hex, ascii;
  for (char ch : shown) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (!hex.empty()) hex += ' ';
    hex += fmt::format("{:02x}", c);
    ascii += (c >= 0x20 && c < 0x7f) ? ch : '.';
  }
  return hex + " |" + ascii + "|";
}

size_t FirstDifference(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  auto [ia, ib] = std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin());
  return static_cast<size_t>(ia - a.begin());
}

}  // namespace cutover
