#include "compare/text_comparator.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <xxhash.h>

#include <algorithm>
#include <limits>

#include "compare/comparator_options.h"
#include "compare/difference_list.h"
#include "compare/excerpt.h"
#include "compare/partitioned_matcher.h"
#include "util/digest.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// One side of a comparison in progress.
struct Side {
  std::unique_ptr<LineReader> reader;
  TextLine line;  // the current kept line
  int64_t ignored = 0;
  // Digest of the ignored lines with their line numbers: equal digests on both sides mean the
  // ignored lines are the same lines at the same places, so the files themselves are identical.
  Xxh3Stream ignored_digest;
};

void DigestLine(Xxh3Stream* digest, const TextLine& line) {
  const uint64_t header[2] = {
      static_cast<uint64_t>(line.number),
      (static_cast<uint64_t>(line.text.size()) << 1) | (line.terminated ? 1u : 0u)};
  digest->Update(header, sizeof header);
  digest->Update(line.text);
}

std::string_view TrimTrailingWhitespace(std::string_view s) {
  size_t end = s.find_last_not_of(" \t\r\f\v");
  return end == std::string_view::npos ? std::string_view() : s.substr(0, end + 1);
}

Comparison ErrorComparison(std::string message) {
  Comparison c;
  c.outcome = Outcome::kError;
  c.message = std::move(message);
  return c;
}

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// What normalizing can have hidden, for a noise message.
std::string NormalizedWhat(const TextOptions& options) {
  if (options.replace.empty()) return "trailing whitespace";
  if (!options.ignore_trailing_whitespace) return "replaced values";
  return "replaced values or trailing whitespace";
}

// `replace`: a list of {pattern, with} mappings.
Result<std::vector<TextSubstitution>> ReadSubstitutions(const nlohmann::json& options) {
  std::vector<TextSubstitution> out;
  if (!options.is_object() || !options.contains("replace") || options["replace"].is_null()) {
    return out;
  }
  const nlohmann::json& list = options["replace"];
  auto bad = [&list]() {
    return Status::InvalidArgument(fmt::format(
        "comparator 'text': option 'replace' must be a list of {{pattern: REGEX, with: TEXT}} "
        "mappings, got {}",
        list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  };
  if (!list.is_array()) return bad();
  for (const nlohmann::json& item : list) {
    if (!item.is_object() || !item.contains("pattern") || !item["pattern"].is_string()) {
      return bad();
    }
    TextSubstitution sub;
    sub.pattern = item["pattern"].get<std::string>();
    for (const auto& [key, value] : item.items()) {
      if (key == "pattern") continue;
      if (key != "with") {
        return Status::InvalidArgument(fmt::format(
            "comparator 'text': option 'replace': unknown key '{}' (known: pattern, with)", key));
      }
      if (!value.is_string()) return bad();
      sub.with = value.get<std::string>();
    }
    out.push_back(std::move(sub));
  }
  return out;
}

Result<std::unique_ptr<re2::RE2>> CompilePattern(std::string_view option,
                                                 const std::string& pattern) {
  if (pattern.empty()) {
    return Status::InvalidArgument(fmt::format(
        "comparator 'text': option '{}': an empty pattern would match every line", option));
  }
  re2::RE2::Options re_options;
  re_options.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(pattern, re_options);
  if (!re->ok()) {
    return Status::InvalidArgument(
        fmt::format("comparator 'text': option '{}': invalid regular expression '{}': {}", option,
                    pattern, re->error()));
  }
  return re;
}

}  // namespace

Result<TextOptions> ParseTextOptions(const nlohmann::json& options) {
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(TextComparator::kKind, options,
                                           {"ignore", "replace", "order", "max_differences",
                                            "ignore_trailing_whitespace"}));
  TextOptions out;
  CUTOVER_RETURN_IF_ERROR(
      ReadStringListOption(TextComparator::kKind, options, "ignore", &out.ignore));
  CUTOVER_ASSIGN_OR_RETURN(out.replace, ReadSubstitutions(options));
  std::string order = "ordered";
  CUTOVER_RETURN_IF_ERROR(ReadChoiceOption(TextComparator::kKind, options, "order",
                                           {"ordered", "any"}, &order));
  out.order = order == "any" ? LineOrder::kAny : LineOrder::kOrdered;
  CUTOVER_RETURN_IF_ERROR(ReadIntOption(TextComparator::kKind, options, "max_differences", 0,
                                        1000000, &out.max_differences));
  CUTOVER_RETURN_IF_ERROR(ReadBoolOption(TextComparator::kKind, options,
                                         "ignore_trailing_whitespace",
                                         &out.ignore_trailing_whitespace));
  return out;
}

Result<std::unique_ptr<Comparator>> TextComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(TextOptions parsed, ParseTextOptions(options));
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<TextComparator> text, Create(std::move(parsed)));
  return std::unique_ptr<Comparator>(std::move(text));
}

Result<std::unique_ptr<TextComparator>> TextComparator::Create(TextOptions options) {
  std::vector<std::unique_ptr<re2::RE2>> ignore;
  for (const std::string& pattern : options.ignore) {
    CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<re2::RE2> re, CompilePattern("ignore", pattern));
    ignore.push_back(std::move(re));
  }
  std::vector<std::unique_ptr<re2::RE2>> replace;
  for (const TextSubstitution& sub : options.replace) {
    CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<re2::RE2> re, CompilePattern("replace", sub.pattern));
    std::string error;
    if (!re->CheckRewriteString(sub.with, &error)) {
      return Status::InvalidArgument(
          fmt::format("comparator 'text': option 'replace': 'with: {}' for pattern '{}': {}",
                      sub.with, sub.pattern, error));
    }
    replace.push_back(std::move(re));
  }
  if (options.unordered_lines_per_pass < 1) {
    return Status::InvalidArgument("comparator 'text': unordered_lines_per_pass must be >= 1");
  }
  return std::unique_ptr<TextComparator>(
      new TextComparator(std::move(options), std::move(ignore), std::move(replace)));
}

TextComparator::TextComparator(TextOptions options, std::vector<std::unique_ptr<re2::RE2>> ignore,
                               std::vector<std::unique_ptr<re2::RE2>> replace)
    : options_(std::move(options)), ignore_(std::move(ignore)), replace_(std::move(replace)) {}

TextComparator::~TextComparator() = default;

bool TextComparator::Ignored(std::string_view line) const {
  for (const auto& re : ignore_) {
    if (re2::RE2::PartialMatch(line, *re)) return true;
  }
  return false;
}

std::string_view TextComparator::Normalize(std::string_view line, std::string* buffer) const {
  if (!replace_.empty()) {
    buffer->assign(line);
    for (size_t i = 0; i < replace_.size(); ++i) {
      re2::RE2::GlobalReplace(buffer, *replace_[i], options_.replace[i].with);
    }
    line = *buffer;
  }
  return options_.ignore_trailing_whitespace ? TrimTrailingWhitespace(line) : line;
}

Comparison TextComparator::Compare(const fs::path& legacy_path, const fs::path& new_path) const {
  return options_.order == LineOrder::kAny ? CompareAnyOrder(legacy_path, new_path)
                                           : CompareOrdered(legacy_path, new_path);
}

Comparison TextComparator::CompareOrdered(const fs::path& legacy_path,
                                          const fs::path& new_path) const {
  Side legacy, fresh;
  {
    auto a = LineReader::Open(legacy_path, options_.reader);
    auto b = LineReader::Open(new_path, options_.reader);
    if (!a.ok() || !b.ok()) {
      std::vector<std::string> errors;
      if (!a.ok()) errors.push_back("legacy: " + a.status().message());
      if (!b.ok()) errors.push_back("new: " + b.status().message());
      return ErrorComparison("cannot compare: " + Join(errors, "; "));
    }
    legacy.reader = std::move(a).value();
    fresh.reader = std::move(b).value();
  }
  // The next kept line of `side`; false at its end.
  auto next_kept = [this](Side* side) -> Result<bool> {
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool got, side->reader->Next(&side->line));
      if (!got || !Ignored(side->line.text)) return got;
      ++side->ignored;
      DigestLine(&side->ignored_digest, side->line);
    }
  };

  std::string buffer_a, buffer_b;
  const size_t max_list = static_cast<size_t>(options_.max_differences);
  int64_t changed = 0, only_legacy = 0, only_new = 0;
  bool normalized_only = false;  // some kept lines were equal only after normalizing
  std::string first_location;
  std::vector<Difference> differences;

  // Renders one side's line for a Difference, showing the area around byte `focus`.
  auto content = [this](const TextLine& line, size_t focus) {
    std::string s = Excerpt(line.text, focus, options_.excerpt_bytes);
    if (!line.terminated) s += " [no newline at end of file]";
    return s;
  };
  auto record = [&](Difference d) {
    if (first_location.empty()) first_location = d.location;
    if (differences.size() < max_list) differences.push_back(std::move(d));
  };

  while (true) {
    auto got_a = next_kept(&legacy);
    if (!got_a.ok()) return ErrorComparison("legacy: " + got_a.status().message());
    auto got_b = next_kept(&fresh);
    if (!got_b.ok()) return ErrorComparison("new: " + got_b.status().message());
    if (!*got_a && !*got_b) break;
    const TextLine& a = legacy.line;
    const TextLine& b = fresh.line;
    if (*got_a && *got_b) {
      std::string_view ta = Normalize(a.text, &buffer_a);
      std::string_view tb = Normalize(b.text, &buffer_b);
      if (ta == tb && (options_.ignore_trailing_whitespace || a.terminated == b.terminated)) {
        if (a.text != b.text || a.terminated != b.terminated) normalized_only = true;
        continue;
      }
      ++changed;
      if (differences.size() >= max_list && !first_location.empty()) continue;  // counting only
      Difference d;
      d.location = a.number == b.number ? fmt::format("line {}", a.number)
                                        : fmt::format("line {} (new line {})", a.number, b.number);
      size_t focus = FirstDifference(a.text, b.text);
      d.legacy = content(a, focus);
      d.new_side = content(b, focus);
      record(std::move(d));
    } else if (*got_a) {
      ++only_legacy;
      if (differences.size() >= max_list && !first_location.empty()) continue;
      Difference d;
      d.location = fmt::format("line {}", a.number);
      d.legacy = content(a, 0);
      d.in_new = false;
      record(std::move(d));
    } else {
      ++only_new;
      if (differences.size() >= max_list && !first_location.empty()) continue;
      Difference d;
      d.location = fmt::format("new line {}", b.number);
      d.new_side = content(b, 0);
      d.in_legacy = false;
      record(std::move(d));
    }
  }

  Comparison c;
  const int64_t differing = changed + only_legacy + only_new;
  c.counts = {{"lines_legacy", legacy.reader->lines_read()},
              {"lines_new", fresh.reader->lines_read()},
              {"differing_lines", differing},
              {"only_legacy", only_legacy},
              {"only_new", only_new},
              {"ignored_legacy", legacy.ignored},
              {"ignored_new", fresh.ignored}};
  c.differences = std::move(differences);
  if (differing > 0) {
    c.outcome = Outcome::kMismatch;
    std::vector<std::string> parts;
    if (only_legacy > 0 || only_new > 0) {
      if (changed > 0) parts.push_back(fmt::format("{} changed", changed));
      if (only_legacy > 0) parts.push_back(fmt::format("{} only in legacy", only_legacy));
      if (only_new > 0) parts.push_back(fmt::format("{} only in new", only_new));
    }
    c.message = fmt::format("{} {}{}, first at {}", Plural(differing, "line", "lines"),
                            differing == 1 ? "differs" : "differ",
                            parts.empty() ? "" : " (" + Join(parts, ", ") + ")", first_location);
    return c;
  }
  const bool ignored_differ =
      !ignore_.empty() && !(legacy.ignored_digest.Digest() == fresh.ignored_digest.Digest());
  if (!ignored_differ && !normalized_only) {
    c.outcome = Outcome::kMatch;
    c.message = "identical";
    if (legacy.ignored > 0 || fresh.ignored > 0) {
      c.message += fmt::format(" (including {} ignored)",
                               Plural(legacy.ignored + fresh.ignored, "line", "lines"));
    }
    return c;
  }
  c.outcome = Outcome::kNoise;
  std::vector<std::string> parts;
  if (ignored_differ) {
    parts.push_back(fmt::format("ignored lines ({})", legacy.ignored + fresh.ignored));
  }
  if (normalized_only) parts.push_back(NormalizedWhat(options_));
  c.message = "differ only in " + Join(parts, " and ");
  return c;
}


namespace {

struct Hash128 {
  uint64_t low = 0, high = 0;
  bool operator==(const Hash128&) const = default;
};

Hash128 HashLine(std::string_view normalized, bool terminated) {
  XXH128_hash_t h = XXH3_128bits_withSeed(normalized.data(), normalized.size(), terminated ? 1 : 0);
  return {h.low64, h.high64};
}

// Calls visit(line, normalized) for each kept line of `path`, in order; counts ignored lines and
// digests them into `ignored` (when non-null) and every line as read into `raw` (when non-null).
template <typename Visit>
Status ForEachKeptLine(const TextComparator& text, const fs::path& path,
                       const LineReaderOptions& reader_options, int64_t* ignored_count,
                       Xxh3Stream* ignored, Xxh3Stream* raw, Visit visit) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> reader,
                           LineReader::Open(path, reader_options));
  TextLine line;
  std::string buffer;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool got, reader->Next(&line));
    if (!got) return Status::Ok();
    if (raw != nullptr) DigestLine(raw, line);
    if (text.Ignored(line.text)) {
      if (ignored_count != nullptr) ++*ignored_count;
      if (ignored != nullptr) DigestLine(ignored, line);
      continue;
    }
    visit(line, text.Normalize(line.text, &buffer));
  }
}

// First pass of order `any`, one side.
struct AnyOrderDigest {
  int64_t lines = 0;
  int64_t kept = 0;
  int64_t ignored = 0;
  Hash128 normalized_sum;  // sum of the normalized kept lines' hashes: order-free
  Hash128 raw_sum;         // same, of the kept lines as read
  Digest128 normalized_ordered;
  Digest128 ignored_digest;
  Digest128 raw;  // every line as read, in order
};

void Add(Hash128* sum, Hash128 h) {
  sum->low += h.low;
  sum->high += h.high;
}

// How often one normalized line (by hash) occurs on each side, in a pass of order any.
struct LineCounts {
  uint64_t high = 0;  // the hash's high half (the low half is the table's slot hash)
  int64_t legacy = 0, fresh = 0;
  int64_t first_legacy = 0, first_new = 0;
};

// A line present more often on one side, found by the partitioned passes.
struct Unmatched {
  int64_t line = 0;  // first occurrence on the side that has more
  bool legacy = true;
  int64_t count_legacy = 0;
  int64_t count_new = 0;
  bool operator<(const Unmatched& o) const {
    return line != o.line ? line < o.line : legacy > o.legacy;
  }
};

// First pass of order any over one side: counts and order-free digests, no memory per line.
Result<AnyOrderDigest> DigestAnyOrder(const TextComparator& text, const TextOptions& options,
                                      const fs::path& path) {
  AnyOrderDigest d;
  Xxh3Stream ordered, ignored, raw;
  CUTOVER_RETURN_IF_ERROR(ForEachKeptLine(
      text, path, options.reader, &d.ignored, &ignored, &raw,
      [&](const TextLine& line, std::string_view normalized) {
        ++d.kept;
        const bool terminated = options.ignore_trailing_whitespace || line.terminated;
        Add(&d.normalized_sum, HashLine(normalized, terminated));
        Add(&d.raw_sum, HashLine(line.text, line.terminated));
        TextLine n = line;
        n.text = normalized;
        n.terminated = terminated;
        n.number = d.kept;
        DigestLine(&ordered, n);
      }));
  d.lines = d.kept + d.ignored;
  d.normalized_ordered = ordered.Digest();
  d.ignored_digest = ignored.Digest();
  d.raw = raw.Digest();
  return d;
}

// The lines whose counts differ between the sides, found by the partitioned passes.
struct UnmatchedLines {
  int64_t only_legacy = 0, only_new = 0;  // occurrences beyond the other side's
  Unmatched first;                        // the first of all (listed or not)
  std::vector<Unmatched> listed;          // the first max_differences, in order
  int64_t passes = 0;
};

// Counts the kept lines of both sides by hash, one partition per pass: `most` kept lines on the
// larger side make ceil(most / unordered_lines_per_pass) partitions. Errors name the side.
Result<UnmatchedLines> FindUnmatchedLines(const TextComparator& text, const TextOptions& options,
                                          const fs::path& legacy_path, const fs::path& new_path,
                                          int64_t most) {
  PartitionOptions partitioning;  // the number of lines is known: passes never start over
  partitioning.partitions = std::max<int64_t>(
      1, (most + options.unordered_lines_per_pass - 1) / options.unordered_lines_per_pass);
  PartitionedMatcher<LineCounts> matcher(partitioning);
  DifferenceList<Unmatched> listed(static_cast<size_t>(options.max_differences));
  UnmatchedLines out;
  bool any = false;
  auto count_side = [&](MatchPass<LineCounts>& pass, const fs::path& path,
                        bool is_legacy) -> Status {
    return ForEachKeptLine(
        text, path, options.reader, nullptr, nullptr, nullptr,
        [&](const TextLine& line, std::string_view normalized) {
          const Hash128 h =
              HashLine(normalized, options.ignore_trailing_whitespace || line.terminated);
          const KeyHash key{h.low, h.high};
          if (!pass.Owns(key)) return;
          auto [e, inserted] =
              pass.Hold(key, [&](const LineCounts& held) { return held.high == h.high; });
          if (inserted) e->high = h.high;
          int64_t& n = is_legacy ? e->legacy : e->fresh;
          int64_t& at = is_legacy ? e->first_legacy : e->first_new;
          if (n++ == 0) at = line.number;
        });
  };
  CUTOVER_RETURN_IF_ERROR(matcher.Run([](int64_t) {}, [&](MatchPass<LineCounts>& pass) -> Status {
    CUTOVER_RETURN_IF_ERROR(count_side(pass, legacy_path, true).WithContext("legacy"));
    CUTOVER_RETURN_IF_ERROR(count_side(pass, new_path, false).WithContext("new"));
    for (const LineCounts& e : pass.held()) {
      if (e.legacy == e.fresh) continue;
      Unmatched u;
      u.legacy = e.legacy > e.fresh;
      u.line = u.legacy ? e.first_legacy : e.first_new;
      u.count_legacy = e.legacy;
      u.count_new = e.fresh;
      (u.legacy ? out.only_legacy : out.only_new) +=
          u.legacy ? e.legacy - e.fresh : e.fresh - e.legacy;
      if (!any || u < out.first) out.first = u;
      any = true;
      listed.Offer({u.line, u.legacy ? 0 : 1}, u);
    }
    return Status::Ok();
  }));
  out.listed = listed.Take();
  out.passes = matcher.passes();
  return out;
}

// The text of the listed lines of one side, in one more pass over its file, in `listed` order.
Result<std::vector<Difference>> FetchLines(const TextOptions& options, const fs::path& path,
                                           bool is_legacy, const std::vector<Unmatched>& listed) {
  std::vector<Difference> out;
  std::vector<const Unmatched*> wanted;
  for (const Unmatched& u : listed) {
    if (u.legacy == is_legacy) wanted.push_back(&u);
  }
  if (wanted.empty()) return out;
  size_t next = 0;
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> reader,
                           LineReader::Open(path, options.reader));
  TextLine line;
  while (next < wanted.size()) {
    CUTOVER_ASSIGN_OR_RETURN(bool got, reader->Next(&line));
    if (!got) break;
    if (line.number != wanted[next]->line) continue;
    const Unmatched& u = *wanted[next++];
    Difference d;
    std::string times = fmt::format("{}× in legacy, {}× in new", u.count_legacy, u.count_new);
    d.location = is_legacy ? fmt::format("line {} ({})", u.line, times)
                           : fmt::format("new line {} ({})", u.line, times);
    std::string text = Excerpt(line.text, 0, options.excerpt_bytes);
    if (!line.terminated) text += " [no newline at end of file]";
    (is_legacy ? d.legacy : d.new_side) = std::move(text);
    (is_legacy ? d.in_new : d.in_legacy) = false;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

Comparison TextComparator::CompareAnyOrder(const fs::path& legacy_path,
                                           const fs::path& new_path) const {
  auto a = DigestAnyOrder(*this, options_, legacy_path);
  if (!a.ok()) return ErrorComparison("legacy: " + a.status().message());
  auto b = DigestAnyOrder(*this, options_, new_path);
  if (!b.ok()) return ErrorComparison("new: " + b.status().message());

  Comparison c;
  c.counts = {{"lines_legacy", a->lines}, {"lines_new", b->lines},   {"differing_lines", 0},
              {"only_legacy", 0},         {"only_new", 0},           {"ignored_legacy", a->ignored},
              {"ignored_new", b->ignored}};
  if (a->kept == b->kept && a->normalized_sum == b->normalized_sum) {
    if (a->raw == b->raw) {
      c.outcome = Outcome::kMatch;
      c.message = "identical";
      return c;
    }
    c.outcome = Outcome::kNoise;
    std::vector<std::string> parts;
    if (!(a->ignored_digest == b->ignored_digest)) {
      parts.push_back(fmt::format("ignored lines ({})", a->ignored + b->ignored));
    }
    if (!(a->raw_sum == b->raw_sum)) parts.push_back(NormalizedWhat(options_));
    if (!(a->normalized_ordered == b->normalized_ordered)) {
      parts.push_back("line order");
    }
    if (parts.empty()) parts.push_back("ignored lines");  // same lines, moved among ignored ones
    c.message = "differ only in " + Join(parts, " and ");
    return c;
  }

  // The multisets differ: find which lines, then fetch the listed ones' text.
  auto unmatched =
      FindUnmatchedLines(*this, options_, legacy_path, new_path, std::max(a->kept, b->kept));
  if (!unmatched.ok()) return ErrorComparison(unmatched.status().message());
  const std::vector<Unmatched>& listed = unmatched->listed;
  auto from_legacy = FetchLines(options_, legacy_path, true, listed);
  if (!from_legacy.ok()) return ErrorComparison("legacy: " + from_legacy.status().message());
  auto from_new = FetchLines(options_, new_path, false, listed);
  if (!from_new.ok()) return ErrorComparison("new: " + from_new.status().message());
  // Merge back into `listed` order.
  size_t li = 0, ni = 0;
  for (const Unmatched& u : listed) {
    std::vector<Difference>& src = u.legacy ? *from_legacy : *from_new;
    size_t& i = u.legacy ? li : ni;
    if (i < src.size()) c.differences.push_back(std::move(src[i++]));
  }

  const int64_t only_legacy = unmatched->only_legacy, only_new = unmatched->only_new;
  const int64_t differing = only_legacy + only_new;
  const Unmatched& first = unmatched->first;
  c.outcome = Outcome::kMismatch;
  c.counts["differing_lines"] = differing;
  c.counts["only_legacy"] = only_legacy;
  c.counts["only_new"] = only_new;
  c.counts["passes"] = unmatched->passes;
  std::vector<std::string> parts;
  if (only_legacy > 0) parts.push_back(fmt::format("{} only in legacy", only_legacy));
  if (only_new > 0) parts.push_back(fmt::format("{} only in new", only_new));
  c.message = fmt::format("{} {} ({}), in any order; first at {}",
                          Plural(differing, "line", "lines"), differing == 1 ? "differs" : "differ",
                          Join(parts, ", "),
                          first.legacy ? fmt::format("line {}", first.line)
                                       : fmt::format("new line {}", first.line));
  return c;
}

}  // namespace cutover
