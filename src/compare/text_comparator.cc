#include "compare/text_comparator.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <xxhash.h>

#include <limits>

#include "compare/comparator_options.h"
#include "compare/excerpt.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

struct XxhStateDeleter {
  void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
};

// One side of a comparison in progress.
struct Side {
  std::unique_ptr<LineReader> reader;
  TextLine line;  // the current kept line
  int64_t ignored = 0;
  // Digest of the ignored lines with their line numbers: equal digests on both sides mean the
  // ignored lines are the same lines at the same places, so the files themselves are identical.
  std::unique_ptr<XXH3_state_t, XxhStateDeleter> ignored_digest;
};

void DigestLine(XXH3_state_t* state, const TextLine& line) {
  const uint64_t header[2] = {
      static_cast<uint64_t>(line.number),
      (static_cast<uint64_t>(line.text.size()) << 1) | (line.terminated ? 1u : 0u)};
  XXH3_128bits_update(state, header, sizeof header);
  XXH3_128bits_update(state, line.text.data(), line.text.size());
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

}  // namespace

Result<TextOptions> ParseTextOptions(const nlohmann::json& options) {
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(
      TextComparator::kKind, options, {"ignore", "max_differences", "ignore_trailing_whitespace"}));
  TextOptions out;
  CUTOVER_RETURN_IF_ERROR(
      ReadStringListOption(TextComparator::kKind, options, "ignore", &out.ignore));
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
  std::vector<std::unique_ptr<re2::RE2>> compiled;
  for (const std::string& pattern : options.ignore) {
    if (pattern.empty()) {
      return Status::InvalidArgument(
          "comparator 'text': option 'ignore': an empty pattern would ignore every line");
    }
    re2::RE2::Options re_options;
    re_options.set_log_errors(false);
    auto re = std::make_unique<re2::RE2>(pattern, re_options);
    if (!re->ok()) {
      return Status::InvalidArgument(
          fmt::format("comparator 'text': option 'ignore': invalid regular expression '{}': {}",
                      pattern, re->error()));
    }
    compiled.push_back(std::move(re));
  }
  return std::unique_ptr<TextComparator>(
      new TextComparator(std::move(options), std::move(compiled)));
}

TextComparator::TextComparator(TextOptions options, std::vector<std::unique_ptr<re2::RE2>> ignore)
    : options_(std::move(options)), ignore_(std::move(ignore)) {}

TextComparator::~TextComparator() = default;

bool TextComparator::Ignored(std::string_view line) const {
  for (const auto& re : ignore_) {
    if (re2::RE2::PartialMatch(line, *re)) return true;
  }
  return false;
}

Comparison TextComparator::Compare(const fs::path& legacy_path, const fs::path& new_path) const {
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
  if (!ignore_.empty()) {
    for (Side* side : {&legacy, &fresh}) {
      side->ignored_digest.reset(XXH3_createState());
      XXH3_128bits_reset(side->ignored_digest.get());
    }
  }
  // The next kept line of `side`; false at its end.
  auto next_kept = [this](Side* side) -> Result<bool> {
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool got, side->reader->Next(&side->line));
      if (!got || !Ignored(side->line.text)) return got;
      ++side->ignored;
      DigestLine(side->ignored_digest.get(), side->line);
    }
  };

  const bool trim = options_.ignore_trailing_whitespace;
  const size_t max_list = static_cast<size_t>(options_.max_differences);
  int64_t changed = 0, only_legacy = 0, only_new = 0;
  bool whitespace_only = false;  // some kept lines were equal only after trimming
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
      std::string_view ta = trim ? TrimTrailingWhitespace(a.text) : a.text;
      std::string_view tb = trim ? TrimTrailingWhitespace(b.text) : b.text;
      if (ta == tb && (trim || a.terminated == b.terminated)) {
        if (a.text != b.text || a.terminated != b.terminated) whitespace_only = true;
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
  bool ignored_differ = false;
  if (!ignore_.empty()) {
    XXH128_hash_t ha = XXH3_128bits_digest(legacy.ignored_digest.get());
    XXH128_hash_t hb = XXH3_128bits_digest(fresh.ignored_digest.get());
    ignored_differ = !XXH128_isEqual(ha, hb);
  }
  if (!ignored_differ && !whitespace_only) {
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
  if (whitespace_only) parts.push_back("trailing whitespace");
  c.message = "differ only in " + Join(parts, " and ");
  return c;
}

}  // namespace cutover
