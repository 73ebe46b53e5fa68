#include "evidence/noise_rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace cutover {
namespace {

// Shapes of values that differ from run to run, most specific first. Each pattern must match
// the whole differing token (with some context) in both runs.
struct Shape {
  std::string_view name;
  std::string_view pattern;  // RE2, used as the `replace` pattern
  std::string_view with;
};

constexpr std::array kShapes = {
    Shape{"ISO timestamps",
          R"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)", "<TIME>"},
    Shape{"date(1)-style timestamps",
          R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{2}:\d{2}:\d{2}( +[A-Z]{2,5})? +\d{4})",
          "<TIME>"},
    Shape{"ISO dates", R"(\d{4}-\d{2}-\d{2})", "<DATE>"},
    Shape{"clock times", R"(\b\d{1,2}:\d{2}:\d{2}(\.\d+)?\b)", "<CLOCK>"},
    Shape{"temporary paths", R"((/var)?/tmp/[^\s"'<>]+)", "<TMP>"},
    Shape{"UUIDs", R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)",
          "<UUID>"},
    Shape{"process ids", R"(\b(pid|PID|process) ?[:=]? ?\d+)", "<PID>"},
};

bool IsWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
         c == ':' || c == '/';
}

// The first differing token of a and b: [begin, end) in each, widened to token boundaries.
struct Span {
  size_t a_begin, a_end, b_begin, b_end;
};
Span FirstDifferingToken(std::string_view a, std::string_view b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t begin = prefix;
  while (begin > 0 && IsWordByte(a[begin - 1])) --begin;
  size_t a_end = prefix, b_end = prefix;
  while (a_end < a.size() && IsWordByte(a[a_end])) ++a_end;
  while (b_end < b.size() && IsWordByte(b[b_end])) ++b_end;
  return {begin, std::max(a_end, std::min(prefix + 1, a.size())), begin,
          std::max(b_end, std::min(prefix + 1, b.size()))};
}

// Whether `re` matches a span of `text` that covers [begin, end).
bool Covers(const re2::RE2& re, std::string_view text, size_t begin, size_t end) {
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  size_t pos = 0;
  while (pos <= text.size() &&
         re.Match(input, pos, text.size(), re2::RE2::UNANCHORED, &match, 1)) {
    size_t mb = static_cast<size_t>(match.data() - text.data());
    size_t me = mb + match.size();
    if (mb <= begin && me >= end && me > mb) return true;
    pos = std::max(me, mb + 1);
  }
  return false;
}

// Does any difference in the list overlap a region of changed text? Only lines present on both
// sides (a changed line) can be explained by a value rule.
bool HasRule(const nlohmann::json& list, std::string_view key, std::string_view value) {
  if (!list.is_array()) return false;
  for (const nlohmann::json& item : list) {
    if (item.is_string() && item == value) return true;
    if (item.is_object() && item.value(std::string(key), std::string()) == value) return true;
  }
  return false;
}

}  // namespace

std::string QuoteRegex(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (kRegexMeta.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

RuleProposal ProposeNoiseRules(const std::string& kind, const nlohmann::json& options,
                               const Comparison& comparison, bool looks_textual) {
  RuleProposal p;
  p.kind = kind;
  p.options = options.is_object() ? options : nlohmann::json::object();
  if (comparison.outcome == Outcome::kMatch || comparison.outcome == Outcome::kNoise) return p;
  if (kind == "bytes") {
    if (looks_textual) {
      p.kind = "text";
      p.options = nlohmann::json::object();
      p.changed = true;
      p.reasons.push_back("bytes differ but the content is text (or gzip): compare lines");
    }
    return p;
  }
  if (kind != "text") return p;  // other comparators: no inference (yet)

  nlohmann::json& replace = p.options["replace"];
  if (!replace.is_array()) replace = nlohmann::json::array();
  nlohmann::json& ignore = p.options["ignore"];
  if (ignore.is_string()) ignore = nlohmann::json::array({ignore});
  if (!ignore.is_array()) ignore = nlohmann::json::array();

  int one_sided = 0;
  for (const Difference& d : comparison.differences) {
    if (!d.in_legacy || !d.in_new) {
      ++one_sided;
      continue;
    }
    // Explain the differing tokens left to right: a known shape is normalised in both lines
    // (so the next differing token can be looked at); anything else ends the line's analysis
    // with an ignore rule for its prefix.
    std::string a = d.legacy, b = d.new_side;
    for (int guard = 0; guard < 16 && a != b; ++guard) {
      Span s = FirstDifferingToken(a, b);
      bool explained = false;
      for (const Shape& shape : kShapes) {
        re2::RE2 re(shape.pattern);
        if (!Covers(re, a, s.a_begin, s.a_end) || !Covers(re, b, s.b_begin, s.b_end)) continue;
        if (!HasRule(replace, "pattern", shape.pattern)) {
          replace.push_back(
              {{"pattern", std::string(shape.pattern)}, {"with", std::string(shape.with)}});
          p.reasons.push_back(fmt::format("{} ({})", shape.name, d.location));
          p.changed = true;
        }
        re2::RE2::GlobalReplace(&a, re, std::string(shape.with));
        re2::RE2::GlobalReplace(&b, re, std::string(shape.with));
        explained = true;
        break;
      }
      if (explained) continue;
      std::string_view prefix = std::string_view(a).substr(0, s.a_begin);
      if (prefix.size() >= 3) {
        std::string rule = "^" + QuoteRegex(prefix);
        if (!HasRule(ignore, "", rule)) {
          ignore.push_back(rule);
          p.reasons.push_back(fmt::format("lines starting '{}' ({})", prefix, d.location));
          p.changed = true;
        }
      }
      break;
    }
  }
  // The same lines in another order (or lines moved): compare as a multiset.
  const nlohmann::json& counts = comparison.counts;
  if (one_sided > 0 && p.options.value("order", std::string("ordered")) != "any" &&
      counts.value("lines_legacy", -1) == counts.value("lines_new", -2)) {
    p.options["order"] = "any";
    p.reasons.push_back("line order differs between runs");
    p.changed = true;
  }
  if (replace.empty()) p.options.erase("replace");
  if (ignore.empty()) p.options.erase("ignore");
  return p;
}

}  // namespace cutover
