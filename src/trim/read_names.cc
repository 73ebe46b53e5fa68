#include "trim/read_names.h"

#include <fmt/format.h>

namespace cutover::trim {
namespace {

// Python's str.isspace() for ASCII characters.
bool IsPySpace(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
}

// Python's \w for ASCII characters.
bool IsWord(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Python's \b at position p of s.
bool Boundary(std::string_view s, size_t p) {
  const bool left = p > 0 && IsWord(s[p - 1]);
  const bool right = p < s.size() && IsWord(s[p]);
  return left != right;
}

}  // namespace

std::pair<std::string_view, std::string_view> SplitHeader(std::string_view header) {
  size_t i = 0;
  const size_t n = header.size();
  while (i < n && IsPySpace(header[i])) ++i;
  const size_t id_start = i;
  while (i < n && !IsPySpace(header[i])) ++i;
  const size_t id_stop = i;
  while (i < n && IsPySpace(header[i])) ++i;
  if (id_start == id_stop || i == n) return {header, std::string_view()};
  return {header.substr(id_start, id_stop - id_start), header.substr(i)};
}

Status CheckLengthTag(std::string_view tag) {
  if (tag.find_first_of(".^$*+?{}[]\\|()") != std::string_view::npos) {
    return Status::InvalidArgument(fmt::format(
        "option --length-tag: '{}': a tag with regular-expression characters "
        "(.^$*+?{{}}[]\\|()) is not implemented by cutover trim (cutadapt reads the tag as a "
        "regular expression)",
        tag));
  }
  return Status::Ok();
}

std::string ReplaceLengthTag(std::string_view name, std::string_view tag, size_t length) {
  const size_t n = name.size();
  std::string out;
  size_t copied = 0, i = 0;
  if (name.find(tag) == std::string_view::npos) return std::string(name);  // the usual case
  while (i + tag.size() <= n) {
    if (name.compare(i, tag.size(), tag) == 0 && Boundary(name, i)) {
      const size_t digits = i + tag.size();
      size_t stop = digits;
      while (stop < n && name[stop] >= '0' && name[stop] <= '9') ++stop;
      // As the regular expression: as many digits as leave a word boundary after them.
      while (stop > digits && !Boundary(name, stop)) --stop;
      if (Boundary(name, stop)) {
        out.append(name.substr(copied, i - copied));
        out.append(tag);
        out.append(fmt::format("{}", length));
        copied = stop;
        i = std::max(stop, i + 1);
        continue;
      }
    }
    ++i;
  }
  if (copied == 0) return std::string(name);
  out.append(name.substr(copied));
  return out;
}

Result<RenameTemplate> RenameTemplate::Parse(std::string_view text, bool paired) {
  // cutadapt's tokenize_braces: re.split("({[^}]*})", text), then no brace may remain in a
  // piece; every error names the first piece that has one.
  std::vector<std::pair<bool, std::string_view>> pieces;  // (braced, content)
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    const size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      pieces.emplace_back(false, text.substr(pos));
      break;
    }
    if (open > pos) pieces.emplace_back(false, text.substr(pos, open - pos));
    pieces.emplace_back(true, text.substr(open + 1, close - open - 1));
    pos = close + 1;
  }
  for (const auto& [braced, content] : pieces) {
    for (const char c : {'{', '}'}) {
      if (content.find(c) != std::string_view::npos) {
        return Status::InvalidArgument(
            fmt::format("Error in template '{}': Unexpected '{}' encountered", text, c));
      }
    }
  }
  RenameTemplate t;
  for (const auto& [braced, content] : pieces) {
    Token token;
    if (!braced) {
      token.text = std::string(content);
      t.tokens_.push_back(std::move(token));
      continue;
    }
    std::string_view name = content;
    if (paired && (name.starts_with("r1.") || name.starts_with("r2."))) {
      token.mate = name[1] - '1';
      name.remove_prefix(3);
    }
    const bool own = token.mate < 0;
    bool known = true;
    if (name == "header") {
      token.field = Field::kHeader;
    } else if (name == "id" && own) {
      token.field = Field::kId;
    } else if (name == "comment") {
      token.field = Field::kComment;
    } else if (name == "cut_prefix") {
      token.field = Field::kCutPrefix;
    } else if (name == "cut_suffix") {
      token.field = Field::kCutSuffix;
    } else if (name == "adapter_name") {
      token.field = Field::kAdapterName;
    } else if (name == "match_sequence") {
      token.field = Field::kMatchSequence;
    } else if (name == "rc" && !paired) {
      token.field = Field::kRc;
    } else if (name == "rn" && paired && own) {
      token.field = Field::kRn;
    } else {
      known = false;
    }
    if (!known) {
      return Status::InvalidArgument(
          fmt::format("Error in template: Variable '{}' not recognized", content));
    }
    t.uses_match_sequence_ = t.uses_match_sequence_ || token.field == Field::kMatchSequence;
    t.uses_cuts_ = t.uses_cuts_ || token.field == Field::kCutPrefix ||
                   token.field == Field::kCutSuffix;
    t.tokens_.push_back(std::move(token));
  }
  return t;
}

void RenameTemplate::Render(int mate, const std::array<ReadFacts, 2>& facts,
                            std::string* out) const {
  out->clear();
  for (const Token& token : tokens_) {
    const ReadFacts& f = facts[static_cast<size_t>(token.mate < 0 ? mate : token.mate)];
    switch (token.field) {
      case Field::kText: out->append(token.text); break;
      case Field::kHeader: out->append(f.header); break;
      case Field::kId: out->append(SplitHeader(f.header).first); break;
      case Field::kComment: out->append(SplitHeader(f.header).second); break;
      case Field::kCutPrefix: out->append(f.cut_prefix); break;
      case Field::kCutSuffix: out->append(f.cut_suffix); break;
      case Field::kAdapterName: out->append(f.adapter_name); break;
      case Field::kMatchSequence: out->append(f.match_sequence); break;
      case Field::kRc: break;
      case Field::kRn: out->push_back(static_cast<char>('1' + mate)); break;
    }
  }
}

}  // namespace cutover::trim
