#include "compare/bam_comparator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "util/alignment_reader.h"
#include "compare/alignment_record.h"
#include "compare/alignment_stream.h"
#include "compare/alignment_table.h"
#include "compare/comparator_options.h"
#include "compare/difference_list.h"
#include "compare/excerpt.h"
#include "compare/partitioned_matcher.h"
#include "compare/sam_header_lines.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKind = BamComparator::kKind;
constexpr size_t kExcerptBytes = 300;  // of a listed record's SAM line

constexpr MetricBound kBamThresholds[] = {
    {"same_placement", true},          {"same_mapq", true},
    {"only_legacy", false},            {"only_new", false},
    {"mapped_only_legacy", false},     {"mapped_only_new", false},
    {"properly_paired_changes", false}, {"differing", false},
};

Comparison ErrorComparison(std::string message) {
  Comparison c;
  c.outcome = Outcome::kError;
  c.message = std::move(message);
  return c;
}

// A listed difference; the last pass fetches both records' text.
struct ListedAlignment {
  int64_t legacy = 0;  // legacy record number; 0: none
  int64_t fresh = 0;   // new record number; 0: none
  uint32_t fields = 0;
  RecordKind kind = RecordKind::kPrimary;
};

// Severity of a listed difference (lower lists first): a read on one side only or mapped on
// one side only, then another placement or strand, then other fields, then within tolerance.
int64_t Severity(uint32_t fields, bool one_side) {
  if (one_side || (fields & kFieldMapped)) return 0;
  if (fields & (kFieldPlacement | kFieldStrand)) return 1;
  if (fields & ~(kFieldPosition | kFieldIgnoredTags)) return 2;
  return 3;
}

// What the passes found (reset when the partitions grow).
struct BamTally {
  explicit BamTally(size_t max_list) : listed(max_list) {}
  int64_t records_legacy = 0, records_new = 0, reads_legacy = 0, reads_new = 0;
  int64_t compared = 0, same_placement = 0, both_mapped = 0, same_mapq = 0;
  int64_t only_legacy = 0, only_new = 0, mapped_only_legacy = 0, mapped_only_new = 0;
  int64_t proper_changes = 0, differing = 0, within_tolerance = 0, ignored_tags = 0;
  int64_t secondary_only_legacy = 0, secondary_only_new = 0;
  std::map<uint32_t, int64_t> per_field;  // field bit -> records differing in it
  DifferenceList<ListedAlignment> listed;

  void List(ListedAlignment l, bool one_side) {
    listed.Offer({Severity(l.fields, one_side), l.legacy != 0 ? l.legacy : l.fresh}, l);
  }
};

// How many records ahead of the one it pairs a pass starts fetching the table's memory: a
// legacy record's slots kAhead records before it is held; a new record's slots 2 * kAhead
// records before it is paired, and its entry (found once its slots are in cache) kAhead before.
constexpr size_t kAhead = 8;

bool IsPrimary(const AlignmentSummary& s) { return KindOf(s) == RecordKind::kPrimary; }

// Pairs new record `r` with legacy entry `entry` (kNone: none held under its key) and tallies
// the result. kCorruption for a read's second primary record.
Status MatchNewRecord(const BamOptions& options, const AlignmentStream& b,
                      const AlignmentBatch& batch, const StreamedAlignment& r, size_t entry,
                      AlignmentTable* table, BamTally* t) {
  const bool primary = IsPrimary(r.summary);
  const RecordKind kind = primary                                      ? RecordKind::kPrimary
                          : (r.summary.flag & BAM_FSUPPLEMENTARY) != 0 ? RecordKind::kSupplementary
                                                                       : RecordKind::kSecondary;
  HeldAlignment* h = entry == AlignmentTable::kNone ? nullptr : &table->entry(entry);
  if (kind != RecordKind::kPrimary) {
    if (h != nullptr && h->copies > 0) {
      --h->copies;
    } else {
      ++t->secondary_only_new;
      t->List({0, r.number, 0, kind}, true);
    }
    return Status::Ok();
  }
  if (h == nullptr) {
    ++t->only_new;
    t->List({0, r.number, 0, kind}, true);
    return Status::Ok();
  }
  if (h->copies == 0) {
    return Status::Corruption(fmt::format("{}: {}: read {} has a second primary record",
                                          b.path().string(), b.Where(r.number), batch.name(r)));
  }
  h->copies = 0;
  const AlignmentSummary x = table->Summary(*h);
  const AlignmentSummary& y = r.summary;
  ++t->compared;
  const bool mapped_a = !(x.flag & BAM_FUNMAP), mapped_b = !(y.flag & BAM_FUNMAP);
  if (SamePlacement(x, y, options.position_tolerance)) ++t->same_placement;
  if (mapped_a && mapped_b) {
    ++t->both_mapped;
    if (x.mapq == y.mapq) ++t->same_mapq;
  }
  if (mapped_a && !mapped_b) ++t->mapped_only_legacy;
  if (!mapped_a && mapped_b) ++t->mapped_only_new;
  if ((x.flag & BAM_FPROPER_PAIR) != (y.flag & BAM_FPROPER_PAIR)) ++t->proper_changes;
  const uint32_t fields = DiffFields(x, y, options.position_tolerance);
  if (fields == 0) return Status::Ok();
  for (uint32_t bit = 1; bit <= kFieldIgnoredTags; bit <<= 1) {
    if (fields & bit) ++t->per_field[bit];
  }
  if (fields & ~(kFieldPosition | kFieldIgnoredTags)) {
    ++t->differing;
  } else if (fields & kFieldPosition) {
    ++t->within_tolerance;
  } else {
    ++t->ignored_tags;
    return Status::Ok();  // ignored tags only: not listed
  }
  t->List({table->Number(*h), r.number, fields, kind}, false);
  return Status::Ok();
}

// One pass: holds the legacy records of the partition (at most options.records_per_pass, or it
// ends the pass as overflowed), then pairs the new ones with them. Each file is read and
// summarised on a thread of its own (alignment_stream.h), the new one from the start, a few
// batches ahead. `expected` legacy records over all partitions size the table (0: unknown).
// An error reading a record is returned once the records before it are processed, as reading
// them one at a time would.
Status MatchAlignmentsOnePass(const BamOptions& options, const fs::path& legacy_path,
                              const fs::path& new_path, int64_t expected, MatchPass<char>& pass,
                              std::array<AlignmentCheckpoints, 2>* checkpoints, BamTally* t) {
  HtsOpenOptions open;
  open.reference = options.reference;
  open.threads = options.decompression_threads;
  CUTOVER_ASSIGN_OR_RETURN(AlignmentReader legacy, AlignmentReader::Open(legacy_path, open));
  CUTOVER_ASSIGN_OR_RETURN(AlignmentReader fresh, AlignmentReader::Open(new_path, open));
  ContigMap to_new(legacy.header(), fresh.header());
  const TagTable tags(options.tags);
  const StreamPartition partition{pass.partition(), pass.partitions()};
  const auto max_held = static_cast<size_t>(options.records_per_pass);
  CUTOVER_ASSIGN_OR_RETURN(
      AlignmentTable table,
      AlignmentTable::Create(
          max_held + 1, std::min(max_held, static_cast<size_t>(expected / pass.partitions()))));
  AlignmentStream a(std::move(legacy), std::move(to_new), tags, partition, &(*checkpoints)[0]);
  AlignmentStream b(std::move(fresh), ContigMap(), tags, partition, &(*checkpoints)[1]);

  while (const AlignmentBatch* batch = a.Next()) {
    const std::vector<StreamedAlignment>& records = batch->records;
    const size_t n = records.size();
    for (size_t i = 0; i < n + kAhead; ++i) {
      if (i < n) table.PrefetchSlots(records[i].key);
      if (i < kAhead) continue;
      const StreamedAlignment& r = records[i - kAhead];
      if (table.Full()) CUTOVER_RETURN_IF_ERROR(table.Grow());
      auto [held, inserted] = table.Hold(r.key);
      if (!inserted) {
        if (IsPrimary(r.summary)) {
          return Status::Corruption(fmt::format(
              "{}: {}: read {} has a second primary record (the first is record {})",
              legacy_path.string(), a.Where(r.number), batch->name(r), table.Number(*held)));
        }
        ++held->copies;
        continue;
      }
      table.Store(held, r.summary, r.number);
      held->copies = 1;
      if (table.size() > max_held) {
        pass.Overflow();
        return Status::Ok();
      }
    }
  }
  CUTOVER_RETURN_IF_ERROR(a.status());
  t->records_legacy = a.records();
  t->reads_legacy = a.reads();

  std::array<size_t, 2 * kAhead> found{};  // record j's legacy entry, at j % (2 * kAhead)
  while (const AlignmentBatch* batch = b.Next()) {
    const std::vector<StreamedAlignment>& records = batch->records;
    const size_t n = records.size();
    for (size_t i = 0; i < n + 2 * kAhead; ++i) {
      if (i < n) table.PrefetchSlots(records[i].key);
      if (i >= kAhead && i - kAhead < n) {
        const size_t j = i - kAhead;
        const size_t entry = table.Find(records[j].key);
        if (entry != AlignmentTable::kNone) table.PrefetchEntry(entry);
        found[j % found.size()] = entry;
      }
      if (i >= 2 * kAhead) {
        const size_t j = i - 2 * kAhead;
        CUTOVER_RETURN_IF_ERROR(
            MatchNewRecord(options, b, *batch, records[j], found[j % found.size()], &table, t));
      }
    }
  }
  CUTOVER_RETURN_IF_ERROR(b.status());
  t->records_new = b.records();
  t->reads_new = b.reads();
  for (const HeldAlignment& h : table.held()) {
    if (h.copies == 0) continue;
    if (KindOf(h.flag) == RecordKind::kPrimary) {
      ++t->only_legacy;
      t->List({table.Number(h), 0, 0, RecordKind::kPrimary}, true);
    } else {
      t->secondary_only_legacy += h.copies;
      t->List({table.Number(h), 0, 0, RecordKind::kSecondary}, true);
    }
  }
  return Status::Ok();
}

struct FetchedRecord {
  std::string name;  // read name and mate, "r1/2"
  std::string line;  // the SAM line, cut
};

// The records numbered in *want, reading the file once from its start, or (BAM) from the
// checkpoint before each one.
Status FetchRecords(const fs::path& path, const HtsOpenOptions& open,
                    const AlignmentCheckpoints& checkpoints,
                    std::map<int64_t, FetchedRecord>* want) {
  if (want->empty()) return Status::Ok();
  CUTOVER_ASSIGN_OR_RETURN(AlignmentReader reader, AlignmentReader::Open(path, open));
  kstring_t text = KS_INITIALIZE;
  Status status = Status::Ok();
  auto next = want->begin();
  while (next != want->end()) {
    status = checkpoints.SeekBefore(next->first, &reader);
    if (!status.ok()) break;
    auto got = reader.Next();
    if (!got.ok()) {
      status = got.status();
      break;
    }
    if (!*got) break;
    if (reader.number() < next->first) continue;
    const bam1_t* r = reader.record();
    const int mate = MateOf(r);
    next->second.name = mate == 1 || mate == 2 ? fmt::format("{}/{}", bam_get_qname(r), mate)
                                               : std::string(bam_get_qname(r));
    if (sam_format1(reader.header(), r, &text) >= 0) {
      next->second.line = Excerpt(std::string_view(text.s, text.l), 0, kExcerptBytes);
    }
    ++next;
  }
  ks_free(&text);
  return status;
}

double Fraction(int64_t part, int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : -1;
}

nlohmann::json MetricValue(int64_t part, int64_t whole) {
  return whole > 0 ? nlohmann::json(Fraction(part, whole)) : nlohmann::json(nullptr);
}

}  // namespace

std::span<const MetricBound> BamThresholds() {
  return kBamThresholds;
}

Result<BamOptions> ParseBamOptions(const nlohmann::json& options) {
  std::vector<std::string> known = {"reference", "position_tolerance", "tags", "ignore_tags",
                                    "ignore_header", "max_differences"};
  for (const std::string& t : ThresholdOptionNames(BamThresholds())) known.push_back(t);
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(kKind, options, known));
  BamOptions out;
  std::vector<std::string> reference;
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, "reference", &reference));
  if (reference.size() > 1) {
    return Status::InvalidArgument("comparator 'bam': option 'reference' must be one path");
  }
  if (!reference.empty()) out.reference = reference.front();
  CUTOVER_RETURN_IF_ERROR(ReadIntOption(kKind, options, "position_tolerance", 0, 1'000'000'000,
                                        &out.position_tolerance));
  for (const char* name : {"tags", "ignore_tags"}) {
    std::vector<std::string> tags;
    CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, name, &tags));
    for (const std::string& tag : tags) {
      if (tag.size() != 2) {
        return Status::InvalidArgument(fmt::format(
            "comparator 'bam': option '{}': '{}' is not a two-letter tag name", name, tag));
      }
    }
    if (std::string_view(name) == "tags") {
      out.tags.restricted = options.is_object() && options.contains("tags") &&
                            !options["tags"].is_null();
      out.tags.only.insert(tags.begin(), tags.end());
    } else {
      out.tags.ignore.insert(tags.begin(), tags.end());
    }
  }
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, "ignore_header", &out.ignore_header));
  for (std::string& type : out.ignore_header) {
    if (type.starts_with('@')) type.erase(0, 1);
    if (type.size() != 2) {
      return Status::InvalidArgument(fmt::format(
          "comparator 'bam': option 'ignore_header': '{}' is not a header record type (PG, CO, "
          "RG, ...)",
          type));
    }
  }
  CUTOVER_ASSIGN_OR_RETURN(out.thresholds, ParseMetricThresholds(kKind, options, BamThresholds()));
  CUTOVER_RETURN_IF_ERROR(
      ReadIntOption(kKind, options, "max_differences", 0, 1000000, &out.max_differences));
  return out;
}

std::vector<std::string> BamComparator::fraction_metrics() const {
  std::vector<std::string> names;
  for (const MetricBound& b : BamThresholds()) names.emplace_back(b.metric);
  return names;
}

Result<std::unique_ptr<Comparator>> BamComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(BamOptions parsed, ParseBamOptions(options));
  return std::unique_ptr<Comparator>(new BamComparator(std::move(parsed)));
}

Comparison BamComparator::Compare(const fs::path& legacy_path, const fs::path& new_path) const {
  HtsOpenOptions open;
  open.reference = options_.reference;
  // Headers first: an unreadable file fails here, before any pass.
  HeaderLineDiff header;
  {
    auto a = AlignmentReader::Open(legacy_path, open);
    if (!a.ok()) return ErrorComparison("legacy: " + a.status().message());
    auto b = AlignmentReader::Open(new_path, open);
    if (!b.ok()) return ErrorComparison("new: " + b.status().message());
    auto lines = [&](sam_hdr_t* h) {
      const char* text = sam_hdr_str(h);
      return ComparableHeaderLines(
          text == nullptr ? "" : std::string_view(text, sam_hdr_length(h)), options_.ignore_header);
    };
    header = DiffHeaderLines(lines(a->header()), lines(b->header()));
  }

  const size_t max_list = static_cast<size_t>(options_.max_differences);
  BamTally t(max_list);
  // The passes' partitions; each pass holds its records in a table of its own (alignment_table.h)
  // and ends itself as overflowed beyond records_per_pass, so the matcher's tables stay empty.
  PartitionOptions partitioning;
  // A hint that spares the table its growth steps: BAM takes ~25-30 bytes a record (SAM and
  // CRAM differ; a wrong guess only costs a regrowth or some memory).
  std::error_code size_error;
  const uintmax_t legacy_bytes = fs::file_size(legacy_path, size_error);
  const int64_t expected = size_error ? 0 : static_cast<int64_t>(legacy_bytes / 25);
  PartitionedMatcher<char> matcher(partitioning);
  std::array<AlignmentCheckpoints, 2> checkpoints;  // legacy, new: for fetching listed records
  Status matched = matcher.Run([&](int64_t) { t = BamTally(max_list); },
                               [&](MatchPass<char>& pass) {
                                 return MatchAlignmentsOnePass(options_, legacy_path, new_path,
                                                               expected, pass, &checkpoints, &t);
                               });
  if (!matched.ok()) return ErrorComparison(matched.message());

  const std::vector<ListedAlignment> listed = t.listed.Take();
  std::map<int64_t, FetchedRecord> text_a, text_b;
  for (const ListedAlignment& l : listed) {
    if (l.legacy) text_a[l.legacy];
    if (l.fresh) text_b[l.fresh];
  }
  if (Status s = FetchRecords(legacy_path, open, checkpoints[0], &text_a); !s.ok()) {
    return ErrorComparison("legacy: " + s.message());
  }
  if (Status s = FetchRecords(new_path, open, checkpoints[1], &text_b); !s.ok()) {
    return ErrorComparison("new: " + s.message());
  }

  Comparison c;
  const bool header_differs = !header.only_legacy.empty() || !header.only_new.empty();
  if (header_differs) {
    Difference d;
    d.location = "header";
    d.legacy = Join(header.only_legacy, "\n");
    d.new_side = Join(header.only_new, "\n");
    d.in_legacy = !header.only_legacy.empty();
    d.in_new = !header.only_new.empty();
    c.differences.push_back(std::move(d));
  }
  for (const ListedAlignment& l : listed) {
    const FetchedRecord& fa = text_a[l.legacy];
    const FetchedRecord& fb = text_b[l.fresh];
    const std::string& name = l.legacy ? fa.name : fb.name;
    const std::string kind =
        l.kind == RecordKind::kPrimary ? "" : fmt::format(" {}", ToString(l.kind));
    Difference d;
    if (l.legacy && l.fresh) {
      d.location = fmt::format("read {}{} (record {}, new record {}): {}", name, kind, l.legacy,
                               l.fresh, FieldNames(l.fields));
    } else if (l.legacy) {
      d.location = fmt::format("read {}{} (record {}): only in legacy", name, kind, l.legacy);
    } else {
      d.location = fmt::format("read {}{} (new record {}): only in new", name, kind, l.fresh);
    }
    d.legacy = fa.line;
    d.new_side = fb.line;
    d.in_legacy = l.legacy != 0;
    d.in_new = l.fresh != 0;
    c.differences.push_back(std::move(d));
  }

  nlohmann::json per_field = nlohmann::json::object();
  for (const auto& [bit, n] : t.per_field) per_field[FieldNames(bit)] = n;
  c.counts = {{"records_legacy", t.records_legacy},
              {"records_new", t.records_new},
              {"reads_legacy", t.reads_legacy},
              {"reads_new", t.reads_new},
              {"reads_compared", t.compared},
              {"differing_reads", t.differing},
              {"within_tolerance", t.within_tolerance},
              {"only_legacy", t.only_legacy},
              {"only_new", t.only_new},
              {"per_field", per_field},
              {"secondary_only_legacy", t.secondary_only_legacy},
              {"secondary_only_new", t.secondary_only_new},
              {"header_only_legacy", header.only_legacy.size()},
              {"header_only_new", header.only_new.size()},
              {"passes", matcher.passes()}};
  c.metrics = {{"reads_compared", t.compared},
               {"same_placement", MetricValue(t.same_placement, t.compared)},
               {"same_mapq", MetricValue(t.same_mapq, t.both_mapped)},
               {"only_legacy", MetricValue(t.only_legacy, t.reads_legacy)},
               {"only_new", MetricValue(t.only_new, t.reads_new)},
               {"mapped_only_legacy", MetricValue(t.mapped_only_legacy, t.compared)},
               {"mapped_only_new", MetricValue(t.mapped_only_new, t.compared)},
               {"properly_paired_changes", MetricValue(t.proper_changes, t.compared)},
               {"differing", MetricValue(t.differing, t.compared)}};

  const bool reads_differ = t.differing > 0 || t.only_legacy > 0 || t.only_new > 0 ||
                            t.secondary_only_legacy > 0 || t.secondary_only_new > 0;
  std::string summary = fmt::format(
      "{} reads compared, same placement {:.2f}%, {} differ", t.compared,
      100.0 * (t.compared > 0 ? Fraction(t.same_placement, t.compared) : 1.0), t.differing);
  if (t.only_legacy || t.only_new) {
    summary += fmt::format(", {} only in legacy, {} only in new", t.only_legacy, t.only_new);
  }
  if (t.secondary_only_legacy || t.secondary_only_new) {
    summary += fmt::format(", secondary/supplementary records differ ({} / {})",
                           t.secondary_only_legacy, t.secondary_only_new);
  }
  const std::vector<std::string> failed = FailedThresholds(options_.thresholds, c.metrics);
  if (header_differs) {
    c.outcome = Outcome::kMismatch;
    c.message = fmt::format("headers differ ({} lines only in legacy, {} only in new); {}",
                            header.only_legacy.size(), header.only_new.size(), summary);
  } else if (!reads_differ && t.within_tolerance == 0) {
    c.outcome = Outcome::kMatch;
    c.message = fmt::format("identical alignments ({} reads)", t.compared);
  } else if (!reads_differ) {
    c.outcome = Outcome::kNoise;
    c.message = fmt::format("{} reads differ only within position_tolerance {}; {}",
                            t.within_tolerance, options_.position_tolerance, summary);
  } else if (options_.thresholds.empty()) {
    c.outcome = Outcome::kMismatch;
    c.message = summary + " (no thresholds: any difference is a mismatch)";
  } else if (!failed.empty()) {
    c.outcome = Outcome::kMismatch;
    c.message = fmt::format("beyond thresholds: {}; {}", Join(failed, ", "), summary);
  } else {
    c.outcome = Outcome::kNoise;
    c.message = "within thresholds: " + summary;
  }
  return c;
}

}  // namespace cutover
