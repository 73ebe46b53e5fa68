#include "compare/alignment_record.h"

#include <fmt/format.h>
// XXH3 inlined here (the header's own option; the same digests as the library's): records are
// summarised by the million, a few digests each.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstring>

#include "util/strings.h"

namespace cutover {
namespace {

// Flag bits compared as fields of their own, not as "flags".
constexpr uint16_t kOwnFieldBits = BAM_FUNMAP | BAM_FREVERSE;
constexpr uint16_t kMateBits = BAM_FMUNMAP | BAM_FMREVERSE;

uint64_t Mix(uint64_t h, uint64_t v) {
  // A 64-bit combination (boost-style with a golden-ratio constant and xor-shift); only used to
  // fold already-digested fields together.
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

void AppendInt(std::string* out, int64_t v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Size of one value of a B-array subtype or scalar type; 0 for an unknown type.
size_t ScalarSize(char type) {
  switch (type) {
    case 'A': case 'c': case 'C': return 1;
    case 's': case 'S': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'd': return 8;
    default: return 0;
  }
}

bool IsInteger(char type) {
  switch (type) {
    case 'c':
    case 'C':
    case 's':
    case 'S':
    case 'i':
    case 'I':
      return true;
    default:
      return false;
  }
}

int64_t ReadInteger(char type, const uint8_t* p) {
  switch (type) {
    case 'c': { int8_t v; std::memcpy(&v, p, 1); return v; }
    case 'C': return *p;
    case 's': { int16_t v; std::memcpy(&v, p, 2); return v; }
    case 'S': { uint16_t v; std::memcpy(&v, p, 2); return v; }
    case 'i': { int32_t v; std::memcpy(&v, p, 4); return v; }
    default: { uint32_t v; std::memcpy(&v, p, 4); return v; }
  }
}

// The seed of a tag's digest: its name and the kind of its value ('i' any integer, else its
// type), so that equal bytes under another name or of another kind digest differently.
uint64_t TagSeed(uint16_t name, char kind) {
  return static_cast<uint64_t>(name) << 8 | static_cast<uint8_t>(kind);
}

Status BadTags(const bam1_t* b, std::string_view what) {
  return Status::Corruption(fmt::format("read {}: malformed tags: {}", bam_get_qname(b), what));
}

}  // namespace

std::string_view ToString(RecordKind kind) {
  switch (kind) {
    case RecordKind::kPrimary: return "primary";
    case RecordKind::kSecondary: return "secondary";
    case RecordKind::kSupplementary: return "supplementary";
  }
  return "?";
}

RecordKind KindOf(uint16_t flag) {
  if (flag & BAM_FSUPPLEMENTARY) return RecordKind::kSupplementary;
  if (flag & BAM_FSECONDARY) return RecordKind::kSecondary;
  return RecordKind::kPrimary;
}

int MateOf(const bam1_t* b) {
  return ((b->core.flag & BAM_FREAD1) ? 1 : 0) | ((b->core.flag & BAM_FREAD2) ? 2 : 0);
}

std::string FieldNames(uint32_t mask) {
  static constexpr std::pair<uint32_t, std::string_view> kNames[] = {
      {kFieldMapped, "mapped"}, {kFieldPlacement, "placement"}, {kFieldPosition, "position"},
      {kFieldStrand, "strand"}, {kFieldMapq, "MAPQ"},           {kFieldCigar, "CIGAR"},
      {kFieldFlags, "flags"},   {kFieldMate, "mate"},           {kFieldTags, "tags"},
      {kFieldIgnoredTags, "ignored tags"}};
  std::vector<std::string> names;
  for (const auto& [bit, name] : kNames) {
    if (mask & bit) names.emplace_back(name);
  }
  return Join(names, ", ");
}

ContigMap::ContigMap(const sam_hdr_t* from, sam_hdr_t* to) {
  const int n = sam_hdr_nref(from);
  bool identity = n == sam_hdr_nref(to);
  map_.resize(static_cast<size_t>(std::max(n, 0)), -2);
  for (int i = 0; i < n; ++i) {
    const int t = sam_hdr_name2tid(to, sam_hdr_tid2name(from, i));
    map_[static_cast<size_t>(i)] = t >= 0 ? t : -2;
    identity = identity && t == i;
  }
  identity_ = identity;
}

TagTable::TagTable(const TagFilter& filter) {
  auto name = [](std::string_view tag) {
    return static_cast<uint16_t>(static_cast<uint8_t>(tag[0]) << 8 | static_cast<uint8_t>(tag[1]));
  };
  if (filter.restricted) {
    for (const std::string& tag : filter.only) {
      if (tag.size() == 2) compared_.set(name(tag));
    }
  } else {
    compared_.set();
  }
  for (const std::string& tag : filter.ignore) {
    if (tag.size() == 2) compared_.reset(name(tag));
  }
}

Result<AlignmentSummary> Summarize(const bam1_t* b, const ContigMap& contigs, const TagTable& table,
                                   TagScratch* scratch) {
  AlignmentSummary s;
  const bam1_core_t& c = b->core;
  s.flag = c.flag;
  const bool mapped = !(c.flag & BAM_FUNMAP);
  if (mapped) {
    s.tid = contigs(c.tid);
    s.pos = c.pos;
    s.mapq = c.qual;
    s.cigar = XXH3_64bits(bam_get_cigar(b), sizeof(uint32_t) * c.n_cigar);
  }
  if (!(c.flag & BAM_FMUNMAP) && c.mtid >= 0) {
    s.mtid = contigs(c.mtid);
    s.mpos = c.mpos;
  }
  s.tlen = c.isize;

  // Tags: each digested as its name and a normalised value (integers widened), the digests
  // summed so that the tags' order does not matter.
  uint64_t all = 0, compared = 0;
  const uint8_t* p = bam_get_aux(b);
  const uint8_t* end = b->data + b->l_data;
  while (p < end) {
    if (end - p < 3) return BadTags(b, "a tag cut short");
    const uint16_t name = static_cast<uint16_t>(p[0] << 8 | p[1]);
    const char type = static_cast<char>(p[2]);
    p += 3;
    uint64_t h = 0;
    if (IsInteger(type)) {
      const size_t size = ScalarSize(type);
      if (static_cast<size_t>(end - p) < size) return BadTags(b, "a value cut short");
      const int64_t v = ReadInteger(type, p);
      h = XXH3_64bits_withSeed(&v, sizeof v, TagSeed(name, 'i'));
      p += size;
    } else if (type == 'Z' || type == 'H') {
      const uint8_t* nul =
          static_cast<const uint8_t*>(std::memchr(p, 0, static_cast<size_t>(end - p)));
      if (nul == nullptr) return BadTags(b, "an unterminated string");
      h = XXH3_64bits_withSeed(p, static_cast<size_t>(nul - p), TagSeed(name, type));
      p = nul + 1;
    } else if (type == 'B') {
      if (end - p < 5) return BadTags(b, "an array cut short");
      const char sub = static_cast<char>(p[0]);
      uint32_t count = 0;
      std::memcpy(&count, p + 1, 4);
      p += 5;
      const size_t size = ScalarSize(sub);
      if (size == 0 || sub == 'A') return BadTags(b, fmt::format("array type '{}'", sub));
      if (static_cast<uint64_t>(end - p) < static_cast<uint64_t>(count) * size) {
        return BadTags(b, "an array cut short");
      }
      std::string& value = scratch->bytes;
      value.clear();
      for (uint32_t i = 0; i < count; ++i, p += size) {
        if (IsInteger(sub)) {
          AppendInt(&value, ReadInteger(sub, p));
        } else {
          value.push_back(sub);
          value.append(reinterpret_cast<const char*>(p), size);
        }
      }
      h = XXH3_64bits_withSeed(value.data(), value.size(), TagSeed(name, 'B'));
    } else {
      const size_t size = ScalarSize(type);
      if (size == 0) return BadTags(b, fmt::format("unknown type '{}'", type));
      if (static_cast<size_t>(end - p) < size) return BadTags(b, "a value cut short");
      h = XXH3_64bits_withSeed(p, size, TagSeed(name, type));
      p += size;
    }
    all += h;
    if (table.Compared(name)) compared += h;
  }
  s.all_tags = all;
  s.tags = compared;
  return s;
}

uint64_t SummaryDigest(const AlignmentSummary& s) {
  uint64_t h = 0;
  for (uint64_t v : {s.cigar, s.tags, static_cast<uint64_t>(s.pos), static_cast<uint64_t>(s.mpos),
                     static_cast<uint64_t>(s.tlen), static_cast<uint64_t>(s.tid),
                     static_cast<uint64_t>(s.mtid), static_cast<uint64_t>(s.flag),
                     static_cast<uint64_t>(s.mapq)}) {
    h = Mix(h, v);
  }
  return h;
}

uint64_t PairingKey(const bam1_t* b, const AlignmentSummary& summary) {
  const RecordKind kind = KindOf(b);
  // The rest hashed with the name's hash as seed, not Mix-ed in: Mix leaves the high bits of a
  // small change alone, and the high bits choose the pass (KeyHash::From64), so a read's mates
  // and secondary records would share a pass however many passes there are.
  const uint64_t rest[2] = {
      static_cast<uint64_t>(MateOf(b)) << 8 | static_cast<uint64_t>(kind),
      kind == RecordKind::kPrimary ? 0 : SummaryDigest(summary)};
  return XXH3_64bits_withSeed(rest, sizeof rest,
                              XXH3_64bits(bam_get_qname(b), std::strlen(bam_get_qname(b))));
}

bool SamePlacement(const AlignmentSummary& a, const AlignmentSummary& b,
                   int64_t position_tolerance) {
  const bool ma = !(a.flag & BAM_FUNMAP), mb = !(b.flag & BAM_FUNMAP);
  if (!ma || !mb) return ma == mb;
  return a.tid == b.tid && a.tid != -2 && (a.flag & BAM_FREVERSE) == (b.flag & BAM_FREVERSE) &&
         std::llabs(a.pos - b.pos) <= position_tolerance;
}

uint32_t DiffFields(const AlignmentSummary& a, const AlignmentSummary& b,
                    int64_t position_tolerance) {
  uint32_t mask = 0;
  const bool ma = !(a.flag & BAM_FUNMAP), mb = !(b.flag & BAM_FUNMAP);
  if (ma != mb) {
    mask |= kFieldMapped;
  } else if (ma) {
    if (a.tid != b.tid || a.tid == -2 || std::llabs(a.pos - b.pos) > position_tolerance) {
      mask |= kFieldPlacement;
    } else if (a.pos != b.pos) {
      mask |= kFieldPosition;
    }
    if ((a.flag & BAM_FREVERSE) != (b.flag & BAM_FREVERSE)) mask |= kFieldStrand;
    if (a.mapq != b.mapq) mask |= kFieldMapq;
    if (a.cigar != b.cigar) mask |= kFieldCigar;
  }
  if ((a.flag & ~(kOwnFieldBits | kMateBits)) != (b.flag & ~(kOwnFieldBits | kMateBits))) {
    mask |= kFieldFlags;
  }
  if (a.mtid != b.mtid || (a.flag & kMateBits) != (b.flag & kMateBits) ||
      std::llabs(a.mpos - b.mpos) > position_tolerance ||
      std::llabs(a.tlen - b.tlen) > 2 * position_tolerance) {
    mask |= kFieldMate;
  } else if (a.mpos != b.mpos || a.tlen != b.tlen) {
    mask |= kFieldPosition;
  }
  if (a.tags != b.tags) {
    mask |= kFieldTags;
  } else if (a.all_tags != b.all_tags) {
    mask |= kFieldIgnoredTags;
  }
  return mask;
}

}  // namespace cutover
