#include "compare/fastq_comparator.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "compare/comparator_options.h"
#include "compare/excerpt.h"
#include "fastq/fastq_reader.h"
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

Comparison FastqComparator::CompareAnyOrder(const fs::path& legacy_path,
                                            const fs::path& new_path) const {
  struct Held {
    uint64_t seq = 0, qual = 0, name = 0;
    int64_t number = 0;
    bool matched = false;
  };
  struct Listed {
    int64_t number;
    bool legacy;  // which file `number` refers to
    int64_t other = 0;  // the paired record in the new file (changed records)
    std::string what;
  };
  auto hash = [](std::string_view s) { return XXH3_64bits(s.data(), s.size()); };
  int64_t partitions = 1;
  const size_t max_list = static_cast<size_t>(options_.max_differences);
  while (true) {
    int64_t records_a = 0, records_b = 0, differing = 0, names = 0, seqs = 0, quals = 0,
            only_legacy = 0, only_new = 0;
    bool order_differs = false, noise = false, overflow = false;
    std::vector<Listed> listed;
    for (int64_t p = 0; p < partitions && !overflow; ++p) {
      auto a = OpenReader(legacy_path, true);
      if (!a.ok()) return ErrorComparison("legacy: " + a.status().message());
      std::unordered_map<uint64_t, Held> held;
      FastqRecord r;
      while (true) {
        auto got = (*a)->Next(&r);
        if (!got.ok()) return ErrorComparison("legacy: " + got.status().message());
        if (!*got) break;
        const uint64_t id = hash(r.id());
        if (static_cast<int64_t>((id >> 32) % static_cast<uint64_t>(partitions)) != p) continue;
        auto [it, inserted] = held.try_emplace(id);
        if (!inserted) {
          return ErrorComparison(fmt::format(
              "legacy: {}: read id '{}' at records {} and {}: order: any pairs reads by id, so "
              "ids must be unique",
              legacy_path.string(), r.id(), it->second.number, r.number));
        }
        it->second = {hash(r.sequence), hash(r.quality), hash(r.name), r.number, false};
        if (static_cast<int64_t>(held.size()) > options_.records_per_pass) {
          overflow = true;
          break;
        }
      }
      if (overflow) break;
      records_a = (*a)->records_read();
      auto b = OpenReader(new_path, true);
      if (!b.ok()) return ErrorComparison("new: " + b.status().message());
      while (true) {
        auto got = (*b)->Next(&r);
        if (!got.ok()) return ErrorComparison("new: " + got.status().message());
        if (!*got) break;
        const uint64_t id = hash(r.id());
        if (static_cast<int64_t>((id >> 32) % static_cast<uint64_t>(partitions)) != p) continue;
        auto it = held.find(id);
        if (it == held.end()) {
          ++only_new;
          ++differing;
          listed.push_back({r.number, false, 0, "only in new"});
          continue;
        }
        Held& h = it->second;
        if (h.matched) {
          return ErrorComparison(fmt::format(
              "new: {}: read id '{}' appears twice (record {}): order: any pairs reads by id, so "
              "ids must be unique",
              new_path.string(), r.id(), r.number));
        }
        h.matched = true;
        if (h.number != r.number) order_differs = true;
        const bool seq_diff = h.seq != hash(r.sequence);
        const bool qual_diff = h.qual != hash(r.quality);
        bool name_diff = h.name != hash(r.name);
        if (name_diff && options_.names_first_word) {
          name_diff = false;
          noise = true;
        }
        if (!seq_diff && !qual_diff && !name_diff) continue;
        ++differing;
        names += name_diff;
        seqs += seq_diff;
        quals += qual_diff;
        listed.push_back({h.number, true, r.number, "changed"});
      }
      records_b = (*b)->records_read();
      for (const auto& [id, h] : held) {
        if (h.matched) continue;
        ++only_legacy;
        ++differing;
        listed.push_back({h.number, true, 0, "only in legacy"});
      }
      // Keep the first few (by legacy record number, then new).
      std::sort(listed.begin(), listed.end(), [](const Listed& x, const Listed& y) {
        return x.legacy != y.legacy ? x.legacy : x.number < y.number;
      });
      if (listed.size() > max_list) listed.resize(max_list);
    }
    if (overflow) {
      partitions *= 4;
      continue;
    }
    // Fetch the listed records' text: one more pass over each file that has any.
    std::map<int64_t, std::string> text_a, text_b;
    for (const Listed& l : listed) {
      if (l.legacy) text_a[l.number];
      if (!l.legacy) text_b[l.number];
      if (l.other) text_b[l.other];
    }
    auto fetch = [&](const fs::path& path, std::map<int64_t, std::string>* want) -> Status {
      if (want->empty()) return Status::Ok();
      CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<FastqReader> reader, OpenReader(path, true));
      FastqRecord r;
      int64_t last = want->rbegin()->first;
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool got, reader->Next(&r));
        if (!got || r.number > last) break;
        auto it = want->find(r.number);
        if (it != want->end()) it->second = Show(r, options_.excerpt_bytes);
      }
      return Status::Ok();
    };
    if (Status s = fetch(legacy_path, &text_a); !s.ok()) return ErrorComparison("legacy: " + s.message());
    if (Status s = fetch(new_path, &text_b); !s.ok()) return ErrorComparison("new: " + s.message());
    Comparison c;
    for (const Listed& l : listed) {
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
    c.counts = {{"records_legacy", records_a}, {"records_new", records_b},
                {"differing_records", differing}, {"only_legacy", only_legacy},
                {"only_new", only_new},         {"name_differs", names},
                {"sequence_differs", seqs},     {"quality_differs", quals},
                {"passes", partitions}};
    if (differing > 0) {
      c.outcome = Outcome::kMismatch;
      c.message = Message(differing, names, seqs, quals, only_legacy, only_new,
                          c.differences.empty() ? "?" : c.differences.front().location) +
                  ", in any order";
    } else if (order_differs || noise) {
      c.outcome = Outcome::kNoise;
      std::vector<std::string> why;
      if (order_differs) why.push_back("read order");
      if (noise) why.push_back("name comments");
      c.message = "same reads; differ only in " + Join(why, " and ");
    } else {
      c.outcome = Outcome::kMatch;
      c.message = fmt::format("identical reads ({})", records_a);
    }
    return c;
  }
}

}  // namespace cutover
