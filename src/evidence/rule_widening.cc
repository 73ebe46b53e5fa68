#include "evidence/rule_widening.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace cutover {
namespace {

// A line cut into words and the whitespace after each: "# a  b" -> {"#"," "},{"a","  "},{"b",""}.
struct Word {
  std::string_view text;
  std::string_view gap;
};
std::vector<Word> Words(std::string_view s) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  if (i > 0) out.push_back({std::string_view(), s.substr(0, i)});  // leading whitespace
  while (i < s.size()) {
    size_t b = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t g = i;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    out.push_back({s.substr(b, g - b), s.substr(g, i - g)});
  }
  return out;
}

// Regex-escaped whitespace as written: spaces stay, a tab becomes \t.
std::string QuoteGap(std::string_view gap) {
  std::string out;
  for (char c : gap) out += c == '\t' ? std::string("\\t") : std::string(1, c);
  return out;
}

bool HasAlnum(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// The widened rule for `prefix` (the legacy line's start) given the new side's line, or "".
std::string Widen(std::string_view prefix, std::string_view new_line) {
  const std::vector<Word> p = Words(prefix);
  const std::vector<Word> n = Words(new_line);
  if (p.empty() || n.size() < p.size()) return "";
  std::string rule = "^";
  int kept = 0, widened = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const bool last = i + 1 == p.size();
    // The prefix ends where the differing value began: its last word may be cut short (then
    // the new line's word need only start with it), and its last gap may be shorter.
    if (last && p[i].gap.empty() && !p[i].text.empty()) {
      if (!n[i].text.starts_with(p[i].text)) return "";  // a cut word that differs: too vague
      rule += QuoteRegex(p[i].text);
      if (HasAlnum(p[i].text)) ++kept;
      break;
    }
    if (last ? !n[i].gap.starts_with(p[i].gap) : n[i].gap != p[i].gap) return "";
    if (n[i].text == p[i].text) {
      rule += QuoteRegex(p[i].text);
      if (HasAlnum(p[i].text)) ++kept;
    } else {
      rule += "\\S+";
      ++widened;
    }
    rule += QuoteGap(p[i].gap);
  }
  if (widened == 0 || kept == 0 || widened > kept + 1) return "";
  return rule;
}

}  // namespace

std::string PrefixOfRule(const std::string& rule) {
  if (!rule.starts_with('^')) return "";
  std::string out;
  for (size_t i = 1; i < rule.size(); ++i) {
    const char c = rule[i];
    if (c == '\\') {
      if (i + 1 >= rule.size() || kRegexMeta.find(rule[i + 1]) == std::string_view::npos) return "";
      out += rule[++i];
    } else if (kRegexMeta.find(c) != std::string_view::npos) {
      return "";
    } else {
      out += c;
    }
  }
  return out;
}

RuleProposal WidenRulesToNew(const std::string& kind, const nlohmann::json& options,
                             std::vector<std::string>& inferred, const Comparison& legacy_vs_new) {
  RuleProposal p;
  p.kind = kind;
  p.options = options.is_object() ? options : nlohmann::json::object();
  if (kind != "text" || inferred.empty() || !p.options.contains("ignore")) return p;
  nlohmann::json& ignore = p.options["ignore"];
  if (ignore.is_string()) ignore = nlohmann::json::array({ignore});
  if (!ignore.is_array()) return p;
  for (const Difference& d : legacy_vs_new.differences) {
    if (!d.in_legacy || !d.in_new) continue;
    for (std::string& rule : inferred) {
      re2::RE2 re(rule);
      if (!re.ok() || !re2::RE2::PartialMatch(d.legacy, re) ||
          re2::RE2::PartialMatch(d.new_side, re)) {
        continue;
      }
      const std::string prefix = PrefixOfRule(rule);
      const std::string wide = prefix.empty() ? "" : Widen(prefix, d.new_side);
      if (wide.empty()) continue;
      re2::RE2 wre(wide);
      if (!wre.ok() || !re2::RE2::PartialMatch(d.legacy, wre) ||
          !re2::RE2::PartialMatch(d.new_side, wre)) {
        continue;
      }
      for (nlohmann::json& r : ignore) {
        if (r.is_string() && r.get<std::string>() == rule) r = wide;
      }
      p.reasons.push_back(
          fmt::format("lines starting '{}' widened to '{}' to cover new's '{}' ({})", prefix, wide,
                      d.new_side.substr(0, 60), d.location));
      rule = wide;
      p.changed = true;
    }
  }
  return p;
}

}  // namespace cutover
