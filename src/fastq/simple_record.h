// The common FASTQ record read in one pass: a header line, a sequence line, a bare "+" line and
// a quality line as long as the sequence, all ending in '\n' without '\r', and (when asked)
// ASCII only. Line ends, non-ASCII bytes and the quality's length are found together, 16 bytes
// at a time. Any other record (a '+' line with a name, CRLF, a record cut by the end of the
// buffer, a malformed one) is declined, for the caller's general parser to read and judge:
// this is only a faster way to the same records.
#pragma once

#include <string_view>

namespace cutover {

struct SimpleRecord {
  std::string_view name;      // without the '@'
  std::string_view sequence;
  std::string_view plus;      // empty, at its place after the '+'
  std::string_view quality;
};

// Parses the record starting at `start` (the buffer ending at `end`); returns the byte after
// its last '\n', or null (nothing parsed) when the record is not a common one.
const char* ParseSimpleRecord(const char* start, const char* end, bool ascii_only,
                              SimpleRecord* record);

}  // namespace cutover
