// What makes a FASTQ record well-formed: the checks that FastqReader and trim's ChunkParser
// share, so that both accept the same files and word their errors the same way.
//
// Always checked: a header line starting with '@', four lines, a third line starting with '+',
// as many quality characters as bases. Optional (FastqRules): bytes >= 0x80 and blank lines
// after the last record, which FastQC reads without complaint and cutadapt (dnaio) rejects.
// Nothing else is checked: any other byte, control characters and NUL included, may appear in
// any line (dnaio accepts them too).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "fastq/ascii.h"

namespace cutover {

struct FastqRules {
  bool ascii_only = false;         // reject a record holding a byte >= 0x80 (dnaio does)
  bool blank_lines_at_end = true;  // accept blank lines after the last record (dnaio does not)
};

// cutadapt 4.2's rules (dnaio 0.10): what `cutover trim` enforces.
inline constexpr FastqRules kCutadaptRules{.ascii_only = true, .blank_lines_at_end = false};

// Why a record is malformed: the offending line (0-3, relative to the record's first line) and
// a reason ready to follow "file: record N (line L): ".
struct RecordFault {
  int line = 0;
  std::string what;
};

// Checks the `found` (1-4) lines of a record whose first line is not empty. `raw` is the
// record's text as read (line ends included), for the byte check. The lines are views without
// their line ends; `found` < 4 means the input ended inside the record. The hot path (a good
// record) is inline and allocates nothing.
inline bool IsWellFormed(const std::string_view* lines, int found, std::string_view raw,
                         const FastqRules& rules) {
  return found == 4 && lines[0][0] == '@' && !lines[2].empty() && lines[2][0] == '+' &&
         lines[3].size() == lines[1].size() && (!rules.ascii_only || IsAscii(raw));
}
// The fault of a record that is not well-formed (the first of: bytes >= 0x80, header, missing
// lines, '+' line, lengths).
RecordFault FindFault(const std::string_view* lines, int found, std::string_view raw,
                      const FastqRules& rules);
inline std::optional<RecordFault> CheckRecord(const std::string_view* lines, int found,
                                              std::string_view raw, const FastqRules& rules) {
  if (IsWellFormed(lines, found, raw, rules)) return std::nullopt;
  return FindFault(lines, found, raw, rules);
}

// The fault of an empty line where a header was expected. `only_blank_to_end`: nothing but
// line ends follow it up to the end of the input (a clean end when rules.blank_lines_at_end).
RecordFault BlankLineFault(bool only_blank_to_end);

// A line excerpt safe to print: bytes outside printable ASCII shown as \xNN.
std::string Printable(std::string_view text);

}  // namespace cutover
