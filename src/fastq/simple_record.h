// The common FASTQ record read in one pass: a header line, a sequence line, a bare "+" line and
// a quality line as long as the sequence, all ending in '\n' without '\r', and (when asked)
// ASCII only. Line ends, non-ASCII bytes and the quality's length are found together, 16 bytes
// at a time. Any other record (a '+' line with a name, CRLF, a record cut by the end of the
// buffer, a malformed one) is declined, for the caller's general parser to read and judge:
// this is only a faster way to the same records.
#pragma once

#include "fastq/fastq_reader.h"

namespace cutover {

// Parses the record starting at `start` (the buffer ending at `end`) into record's four views
// (the name without '@', the plus line empty at its place after the '+'); returns the byte
// after its last '\n', or null (nothing parsed, *record unchanged) when the record is not a
// common one. The number and the line are the caller's. (The views are written straight into
// the caller's record: copying them from another struct right after the call read each back
// before its two halves had reached the cache, a stall that cost as much as the parsing.)
const char* ParseSimpleRecord(const char* start, const char* end, bool ascii_only,
                              FastqRecord* record);

}  // namespace cutover
