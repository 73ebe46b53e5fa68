#include "compare/fastq_comparator.h"

#include <fmt/format.h>

#include <map>

#include "compare/comparator_options.h"
#include "compare/difference_list.h"
#include "compare/excerpt.h"
#include "compare/partitioned_matcher.h"
#include "fastq/fastq_reader.h"
#include "util/digest.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKind = FastqComparator::kKind;

Result<std::unique_ptr<FastqReader>> OpenReader(const fs::path& path, bool read_ahead) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> stream, InputStream::Open(path));
  FastqReaderOptions options;
  options.read_ahead = read_ahead;  // decompressed on its own thread, straight into the blocks
  return std::make_unique<FastqReader>(std::move(stream), options);
}

Comparison ErrorComparison(std::string message) {
  Comparison c;
  c.outcome = Outcome::kError;
  c.message = std::move(message);
  return c;
}

std::string Show(const FastqRecord& r, size_t max) {
  return fmt::format("@{}\n{}\n+{}\n{}", Excerpt(r.name, 0, max), Excerpt(r.sequence, 0, max),
                     Excerpt(r.plus, 0, max), Excerpt(r.quality, 0, max));
}

// Where sequence or quality first differ, to center long reads' excerpts there.
std::string ShowAround(const FastqRecord& r, size_t seq_focus, size_t max) {
  return fmt::format("@{}\n{}\n+{}\n{}", Excerpt(r.name, 0, max),
                     Excerpt(r.sequence, seq_focus, max), Excerpt(r.plus, 0, max),
                     Excerpt(r.quality, seq_focus, max));
}

std::string Message(int64_t differing, int64_t names, int64_t seqs, int64_t quals,
                    int64_t only_legacy, int64_t only_new, const std::string& first) {
  std::vector<std::string> parts;
  if (seqs > 0) parts.push_back(fmt::format("{} sequence", seqs));
  if (quals > 0) parts.push_back(fmt::format("{} quality", quals));
  if (names > 0) parts.push_back(fmt::format("{} name", names));
  if (only_legacy > 0) parts.push_back(fmt::format("{} only in legacy", only_legacy));
  if (only_new > 0) parts.push_back(fmt::format("{} only in new", only_new));
  return fmt::format("{} record{} differ{} ({}), first at {}", differing, differing == 1 ? "" : "s",
                     differing == 1 ? "s" : "", Join(parts, ", "), first);
}

}  // namespace

Result<FastqOptions> ParseFastqOptions(const nlohmann::json& options) {
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(kKind, options, {"order", "names", "max_differences"}));
  FastqOptions out;
  std::string order = "ordered", names = "full";
  CUTOVER_RETURN_IF_ERROR(ReadChoiceOption(kKind, options, "order", {"ordered", "any"}, &order));
  CUTOVER_RETURN_IF_ERROR(ReadChoiceOption(kKind, options, "names", {"full", "first_word"}, &names));
  out.any_order = order == "any";
  out.names_first_word = names == "first_word";
  CUTOVER_RETURN_IF_ERROR(
      ReadIntOption(kKind, options, "max_differences", 0, 1000000, &out.max_differences));
  return out;
}

Result<std::unique_ptr<Comparator>> FastqComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(FastqOptions parsed, ParseFastqOptions(options));
  return std::unique_ptr<Comparator>(new FastqComparator(parsed));
}

Comparison FastqComparator::Compare(const fs::path& legacy, const fs::path& new_side) const {
  return options_.any_order ? CompareAnyOrder(legacy, new_side) : CompareOrdered(legacy, new_side);
}

Comparison FastqComparator::CompareOrdered(const fs::path& legacy_path,
                                           const fs::path& new_path) const {
  auto a = OpenReader(legacy_path, true);
  auto b = OpenReader(new_path, true);
  if (!a.ok() || !b.ok()) {
    std::vector<std::string> errors;
    if (!a.ok()) errors.push_back("legacy: " + a.status().message());
    if (!b.ok()) errors.push_back("new: " + b.status().message());
    return ErrorComparison("cannot compare: " + Join(errors, "; "));
  }
  FastqReader& ra = **a;
  FastqReader& rb = **b;
  int64_t differing = 0, names = 0, seqs = 0, quals = 0, only_legacy = 0, only_new = 0;
  bool noise = false;
  std::vector<Difference> differences;
  const size_t max_list = static_cast<size_t>(options_.max_differences);
  FastqRecord x, y;
  while (true) {
    auto ga = ra.Next(&x);
    if (!ga.ok()) return ErrorComparison("legacy: " + ga.status().message());
    auto gb = rb.Next(&y);
    if (!gb.ok()) return ErrorComparison("new: " + gb.status().message());
    if (!*ga && !*gb) break;
    if (*ga && *gb) {
      const bool seq_diff = x.sequence != y.sequence;
      const bool qual_diff = x.quality != y.quality;
      bool name_diff = x.name != y.name;
      if (name_diff && options_.names_first_word && x.id() == y.id()) {
        name_diff = false;
        noise = true;
      }
      if (x.plus != y.plus) noise = true;
      if (!seq_diff && !qual_diff && !name_diff) continue;
      ++differing;
      names += name_diff;
      seqs += seq_diff;
      quals += qual_diff;
      if (differences.size() < max_list) {
        size_t focus = seq_diff ? FirstDifference(x.sequence, y.sequence)
                                : qual_diff ? FirstDifference(x.quality, y.quality) : 0;
        Difference d;
        d.location = x.line == y.line ? fmt::format("record {} (line {})", x.number, x.line)
                                      : fmt::format("record {}", x.number);
        d.legacy = ShowAround(x, focus, options_.excerpt_bytes);
        d.new_side = ShowAround(y, focus, options_.excerpt_bytes);
        differences.push_back(std::move(d));
      }
    } else if (*ga) {
      ++only_legacy;
      ++differing;
      if (differences.size() < max_list) {
        Difference d;
        d.location = fmt::format("record {} (line {})", x.number, x.line);
        d.legacy = Show(x, options_.excerpt_bytes);
        d.in_new = false;
        differences.push_back(std::move(d));
      }
    } else {
      ++only_new;
      ++differing;
      if (differences.size() < max_list) {
        Difference d;
        d.location = fmt::format("new record {} (line {})", y.number, y.line);
        d.new_side = Show(y, options_.excerpt_bytes);
        d.in_legacy = false;
        differences.push_back(std::move(d));
      }
    }
  }
  Comparison c;
  c.counts = {{"records_legacy", ra.records_read()}, {"records_new", rb.records_read()},
              {"differing_records", differing},    {"only_legacy", only_legacy},
              {"only_new", only_new},              {"name_differs", names},
              {"sequence_differs", seqs},          {"quality_differs", quals}};
  c.differences = std::move(differences);
  if (differing > 0) {
    c.outcome = Outcome::kMismatch;
    c.message = Message(differing, names, seqs, quals, only_legacy, only_new,
                        c.differences.empty() ? "?" : c.differences.front().location);
  } else if (noise) {
    c.outcome = Outcome::kNoise;
    c.message = "same reads; differ only in name comments or '+' lines";
  } else {
    c.outcome = Outcome::kMatch;
    c.message = fmt::format("identical reads ({})", ra.records_read());
  }
  return c;
}

namespace {

// A legacy read held by id in a pass of order any: digests of its fields (~50 bytes).
struct HeldRead {
  uint64_t seq = 0, qual = 0, name = 0;
  int64_t number = 0;
  bool matched = false;
};

// A listed difference of order any, whose records' text the last pass fetches.
struct ListedRead {
  int64_t number = 0;
  bool legacy = true;  // which file `number` refers to
  int64_t other = 0;   // the paired record in the new file (changed records); 0: none
};

// What the passes of order any found (all of it void when the partitions grow).
struct AnyOrderTally {
  explicit AnyOrderTally(size_t max_list) : listed(max_list) {}
  int64_t records_a = 0, records_b = 0, differing = 0, names = 0, seqs = 0, quals = 0,
          only_legacy = 0, only_new = 0;
  bool order_differs = false, noise = false;
  // The first by legacy record number, then the new records only in new.
  DifferenceList<ListedRead> listed;

  void List(ListedRead l) { listed.Offer({l.legacy ? 0 : 1, l.number}, l); }
};

uint64_t Hash(std::string_view s) { return StableHash64(s); }

// One pass of order any: holds the legacy reads of the pass's partition by id, then pairs the
// new reads of the partition with them. Errors name the side; a duplicate id is kCorruption.
Status MatchReadsOnePass(const FastqOptions& options, const fs::path& legacy_path,
                         const fs::path& new_path, MatchPass<HeldRead>& pass, AnyOrderTally* t) {
  auto a = OpenReader(legacy_path, true);
  if (!a.ok()) return a.status().WithContext("legacy");
  FastqRecord r;
  while (true) {
    auto got = (*a)->Next(&r);
    if (!got.ok()) return got.status().WithContext("legacy");
    if (!*got) break;
    const KeyHash id = KeyHash::From64(Hash(r.id()));
    if (!pass.Owns(id)) continue;
    // Ids are held as hashes only: equal hashes pair.
    auto [held, inserted] = pass.Hold(id, [](const HeldRead&) { return true; });
    if (!inserted) {
      return Status::Corruption(fmt::format(
          "legacy: {}: read id '{}' at records {} and {}: order: any pairs reads by id, so "
          "ids must be unique",
          legacy_path.string(), r.id(), held->number, r.number));
    }
    *held = {Hash(r.sequence), Hash(r.quality), Hash(r.name), r.number, false};
    if (pass.overflowed()) return Status::Ok();
  }
  t->records_a = (*a)->records_read();
  auto b = OpenReader(new_path, true);
  if (!b.ok()) return b.status().WithContext("new");
  while (true) {
    auto got = (*b)->Next(&r);
    if (!got.ok()) return got.status().WithContext("new");
    if (!*got) break;
    const KeyHash id = KeyHash::From64(Hash(r.id()));
    if (!pass.Owns(id)) continue;
    HeldRead* h = pass.Find(id, [](const HeldRead&) { return true; });
    if (h == nullptr) {
      ++t->only_new;
      ++t->differing;
      t->List({r.number, false, 0});
      continue;
    }
    if (h->matched) {
      return Status::Corruption(fmt::format(
          "new: {}: read id '{}' appears twice (record {}): order: any pairs reads by id, so "
          "ids must be unique",
          new_path.string(), r.id(), r.number));
    }
    h->matched = true;
    if (h->number != r.number) t->order_differs = true;
    const bool seq_diff = h->seq != Hash(r.sequence);
    const bool qual_diff = h->qual != Hash(r.quality);
    bool name_diff = h->name != Hash(r.name);
    if (name_diff && options.names_first_word) {
      name_diff = false;
      t->noise = true;
    }
    if (!seq_diff && !qual_diff && !name_diff) continue;
    ++t->differing;
    t->names += name_diff;
    t->seqs += seq_diff;
    t->quals += qual_diff;
    t->List({h->number, true, r.number});
  }
  t->records_b = (*b)->records_read();
  for (const HeldRead& h : pass.held()) {
    if (h.matched) continue;
    ++t->only_legacy;
    ++t->differing;
    t->List({h.number, true, 0});
  }
  return Status::Ok();
}

// Fills in the text of the records numbered in *want, in one pass over the file.
Status FetchRecords(const fs::path& path, size_t excerpt_bytes,
                    std::map<int64_t, std::string>* want) {
  if (want->empty()) return Status::Ok();
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<FastqReader> reader, OpenReader(path, true));
  FastqRecord r;
  const int64_t last = want->rbegin()->first;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool got, reader->Next(&r));
    if (!got || r.number > last) break;
    auto it = want->find(r.number);
    if (it != want->end()) it->second = Show(r, excerpt_bytes);
  }
  return Status::Ok();
}

}  // namespace

Comparison FastqComparator::CompareAnyOrder(const fs::path& legacy_path,
                                            const fs::path& new_path) const {
  const size_t max_list = static_cast<size_t>(options_.max_differences);
  AnyOrderTally t(max_list);
  PartitionOptions partitioning;
  partitioning.max_held = options_.records_per_pass;
  PartitionedMatcher<HeldRead> matcher(partitioning);
  Status matched = matcher.Run([&](int64_t) { t = AnyOrderTally(max_list); },
                               [&](MatchPass<HeldRead>& pass) {
                                 return MatchReadsOnePass(options_, legacy_path, new_path, pass,
                                                          &t);
                               });
  if (!matched.ok()) return ErrorComparison(matched.message());
  const std::vector<ListedRead> listed = t.listed.Take();

  // Fetch the listed records' text: one more pass over each file that has any.
  std::map<int64_t, std::string> text_a, text_b;
  for (const ListedRead& l : listed) {
    if (l.legacy) text_a[l.number];
    if (!l.legacy) text_b[l.number];
    if (l.other) text_b[l.other];
  }
  if (Status s = FetchRecords(legacy_path, options_.excerpt_bytes, &text_a); !s.ok()) {
    return ErrorComparison("legacy: " + s.message());
  }
  if (Status s = FetchRecords(new_path, options_.excerpt_bytes, &text_b); !s.ok()) {
    return ErrorComparison("new: " + s.message());
  }
  Comparison c;
  for (const ListedRead& l : listed) {
    Difference d;
    if (l.legacy) {
      d.location = l.other ? fmt::format("record {} (new record {})", l.number, l.other)
                           : fmt::format("record {}", l.number);
      d.legacy = text_a[l.number];
      if (l.other) d.new_side = text_b[l.other]; else d.in_new = false;
    } else {
      d.location = fmt::format("new record {}", l.number);
      d.new_side = text_b[l.number];
      d.in_legacy = false;
    }
    c.differences.push_back(std::move(d));
  }
  c.counts = {{"records_legacy", t.records_a}, {"records_new", t.records_b},
              {"differing_records", t.differing}, {"only_legacy", t.only_legacy},
              {"only_new", t.only_new},         {"name_differs", t.names},
              {"sequence_differs", t.seqs},     {"quality_differs", t.quals},
              {"passes", matcher.passes()}};
  if (t.differing > 0) {
    c.outcome = Outcome::kMismatch;
    c.message = Message(t.differing, t.names, t.seqs, t.quals, t.only_legacy, t.only_new,
                        c.differences.empty() ? "?" : c.differences.front().location) +
                ", in any order";
  } else if (t.order_differs || t.noise) {
    c.outcome = Outcome::kNoise;
    std::vector<std::string> why;
    if (t.order_differs) why.push_back("read order");
    if (t.noise) why.push_back("name comments");
    c.message = "same reads; differ only in " + Join(why, " and ");
  } else {
    c.outcome = Outcome::kMatch;
    c.message = fmt::format("identical reads ({})", t.records_a);
  }
  return c;
}

}  // namespace cutover
