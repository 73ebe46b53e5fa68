#include "fastq/fastq_rules.h"

#include <fmt/format.h>

namespace cutover {
namespace {

constexpr const char* kLineNames[4] = {"header", "sequence", "'+' line", "quality"};

// Where the first byte >= 0x80 of a record is (the slow path, after IsAscii said there is one).
RecordFault NonAscii(const std::string_view* lines, int found) {
  for (int i = 0; i < found; ++i) {
    size_t at = FindNonAscii(lines[i]);
    if (at == std::string_view::npos) continue;
    return {i, fmt::format("non-ASCII byte 0x{:02x} in the {} (column {}): FASTQ is ASCII text",
                           static_cast<unsigned char>(lines[i][at]), kLineNames[i], at + 1)};
  }
  // Not in a line's content: cannot happen (line ends are ASCII), but say something useful.
  return {0, "non-ASCII bytes in the record: FASTQ is ASCII text"};
}

}  // namespace

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

RecordFault FindFault(const std::string_view* lines, int found, std::string_view raw,
                      const FastqRules& rules) {
  if (rules.ascii_only && !IsAscii(raw)) return NonAscii(lines, found);
  if (lines[0][0] != '@') {
    return {0,
            fmt::format("header does not start with '@': '{}'", Printable(lines[0].substr(0, 60)))};
  }
  if (found < 4) return {0, fmt::format("the file ends inside the record ({} of 4 lines)", found)};
  if (lines[2].empty() || lines[2][0] != '+') {
    return {2, fmt::format("expected the '+' line, got '{}'", Printable(lines[2].substr(0, 60)))};
  }
  if (lines[3].size() != lines[1].size()) {
    return {3, fmt::format("quality has {} characters, sequence has {}", lines[3].size(),
                           lines[1].size())};
  }
  return {0, "no fault found in a record that failed a check (a bug in cutover)"};
}

RecordFault BlankLineFault(bool only_blank_to_end) {
  if (only_blank_to_end) {
    return {0, "blank line after the last record: the file ends with an incomplete record"};
  }
  return {0, "empty line where a record header ('@...') was expected"};
}

}  // namespace cutover
