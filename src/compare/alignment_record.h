// One SAM/BAM/CRAM record as the `bam` comparator pairs and compares it: its pairing key (read
// name, mate, record kind) and a fixed-size summary of the fields compared (placement, strand,
// MAPQ, CIGAR, flags, mate, tags), so that a pass holds ~64 bytes per record however long the
// read. Pure functions over htslib's bam1_t; no I/O.
#pragma once

#include <htslib/sam.h>

#include <bitset>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

// What a record is for its read: one primary record per read and mate; any number of
// secondary and supplementary ones.
enum class RecordKind : uint8_t { kPrimary, kSecondary, kSupplementary };
std::string_view ToString(RecordKind kind);
RecordKind KindOf(uint16_t flag);
inline RecordKind KindOf(const bam1_t* b) { return KindOf(b->core.flag); }

// 0 unpaired, 1 first in pair, 2 second in pair (3: both flags set, kept distinct).
int MateOf(const bam1_t* b);

// The fields compared, as bits: which ones differ between two records.
enum AlignmentField : uint32_t {
  kFieldMapped = 1u << 0,     // mapped on one side, unmapped on the other
  kFieldPlacement = 1u << 1,  // another contig, or the position beyond position_tolerance
  kFieldPosition = 1u << 2,   // the position differs, but within position_tolerance
  kFieldStrand = 1u << 3,
  kFieldMapq = 1u << 4,
  kFieldCigar = 1u << 5,
  kFieldFlags = 1u << 6,        // any flag bit (besides the fields above)
  kFieldMate = 1u << 7,         // mate contig, position (within tolerance), strand or TLEN
  kFieldTags = 1u << 8,         // a compared tag differs, is added or missing
  kFieldIgnoredTags = 1u << 9,  // only ignored tags differ
};
// "placement, MAPQ, CIGAR" for a mask, in the order above.
std::string FieldNames(uint32_t mask);

// A record's compared content, independent of its file's contig numbering (tid is the
// contig's number in the *new* file's header, see ContigMap) and of how its tags are typed
// (NM:i:1 stored as 'C' or 'i' is the same value), nor of their order. Tags are compared by
// digest: one of the tags compared, one of all of them.
struct AlignmentSummary {
  uint64_t cigar = 0;     // digest of the CIGAR operations
  uint64_t tags = 0;      // digest of the tags not ignored (0: none)
  uint64_t all_tags = 0;  // digest of every tag (0: none)
  int64_t pos = -1;       // 0-based leftmost position; -1 unmapped
  int64_t mpos = -1;
  int64_t tlen = 0;
  int32_t tid = -1;  // -1 unmapped; -2 a contig the new file's header lacks
  int32_t mtid = -1;
  uint16_t flag = 0;
  uint8_t mapq = 0;
};

// Legacy contig numbers translated to the new file's by name, so records on the same contig
// compare equal whatever each header's order.
class ContigMap {
 public:
  ContigMap() = default;
  // Maps `from`'s contigs to `to`'s (identity when both are the same header).
  ContigMap(const sam_hdr_t* from, sam_hdr_t* to);
  int32_t operator()(int32_t tid) const {
    if (tid < 0) return -1;
    if (identity_) return tid;
    return static_cast<size_t>(tid) < map_.size() ? map_[static_cast<size_t>(tid)] : -2;
  }

 private:
  bool identity_ = true;
  std::vector<int32_t> map_;
};

// Which tags are compared: those in `only` (all when it is empty and !restricted), minus those
// in `ignore`.
struct TagFilter {
  bool restricted = false;  // true: only the tags in `only`
  std::set<std::string, std::less<>> only;
  std::set<std::string, std::less<>> ignore;
  bool Compared(std::string_view tag) const {
    return (!restricted || only.contains(tag)) && !ignore.contains(tag);
  }
};

// A TagFilter as a flat table of the 65,536 two-character tag names: one bit test per tag of
// every record summarised, where the filter's sets would take string comparisons.
class TagTable {
 public:
  explicit TagTable(const TagFilter& filter);
  // `name`: the tag's two characters, the first in the high byte (as BAM stores them).
  bool Compared(uint16_t name) const { return compared_[name]; }

 private:
  std::bitset<65536> compared_;
};

// Reused buffer for summarising records (one per reading thread): B arrays' normalised values.
struct TagScratch {
  std::string bytes;
};

// The record's summary; `tags` digests the tags `table` compares. Tag digests are of the tags as
// a multiset of (name, normalised value): their order in the record does not matter.
// kCorruption for tag data that runs past the record's end or has an unknown type.
Result<AlignmentSummary> Summarize(const bam1_t* b, const ContigMap& contigs, const TagTable& table,
                                   TagScratch* scratch);

// The digest that pairs the record: read name, mate and kind. For secondary and supplementary
// records, whose number per read may vary, the content's digest is part of the key too, so
// that they pair only with an identical record (compared as a multiset). Every bit of it depends
// on every part: its high bits choose the record's pass (KeyHash::From64).
uint64_t PairingKey(const bam1_t* b, const AlignmentSummary& summary);

// A digest of everything compared in a summary (what a secondary record's key includes).
uint64_t SummaryDigest(const AlignmentSummary& s);

inline RecordKind KindOf(const AlignmentSummary& s) { return KindOf(s.flag); }

// Which fields differ between the legacy record `a` and the new record `b`.
uint32_t DiffFields(const AlignmentSummary& a, const AlignmentSummary& b,
                    int64_t position_tolerance);

// Whether the primary placement is the same: both unmapped, or both on the same contig and
// strand with positions within the tolerance.
bool SamePlacement(const AlignmentSummary& a, const AlignmentSummary& b,
                   int64_t position_tolerance);

}  // namespace cutover
