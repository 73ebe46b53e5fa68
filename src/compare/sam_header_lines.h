// The lines of a SAM header as the `bam` comparator compares them: as a multiset (contig order
// does not matter: records are compared by contig name), without the record types the
// comparator ignores (@PG and @CO by default), and without @HD's sort-order fields (SO, GO, SS:
// coordinate-sorted and name-sorted copies of the same alignments compare equal), and with
// only the name and length of each @SQ (M5, UR, AS... are annotations a CRAM writer adds).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cutover {

// The header text's lines (without their newline), sorted, minus those whose record type
// (the two letters after '@') is in `ignore_types`.
std::vector<std::string> ComparableHeaderLines(std::string_view header_text,
                                               const std::vector<std::string>& ignore_types);

struct HeaderLineDiff {
  std::vector<std::string> only_legacy, only_new;  // sorted
};
// Both inputs sorted, as ComparableHeaderLines returns them.
HeaderLineDiff DiffHeaderLines(const std::vector<std::string>& legacy,
                               const std::vector<std::string>& new_side);

}  // namespace cutover
