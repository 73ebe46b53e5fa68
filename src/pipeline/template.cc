#include "pipeline/template.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace cutover {
namespace {

// One piece of a parsed template: literal text, or a placeholder with an optional modifier.
struct Piece {
  bool placeholder = false;
  std::string text;      // literal text, or the placeholder's name
  std::string modifier;  // "", "dir", "name", "stem"
};

Status Error(const Template& t, const std::string& message) {
  return Status::InvalidArgument(fmt::format("{}: {}", ToString(t.where), message));
}

Result<std::vector<Piece>> Parse(const Template& t) {
  std::vector<Piece> pieces;
  const std::string& s = t.text;
  std::string literal;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
      literal += '{';
      ++i;
    } else if (c == '}' && i + 1 < s.size() && s[i + 1] == '}') {
      literal += '}';
      ++i;
    } else if (c == '{') {
      size_t end = s.find('}', i);
      if (end == std::string::npos) {
        return Error(t, fmt::format("'{{' without a closing '}}' in \"{}\" (write {{{{ for a literal brace)", s));
      }
      std::string body = s.substr(i + 1, end - i - 1);
      std::string name = body, modifier;
      if (size_t colon = body.find(':'); colon != std::string::npos) {
        name = body.substr(0, colon);
        modifier = body.substr(colon + 1);
        if (modifier != "dir" && modifier != "name" && modifier != "stem") {
          return Error(t, fmt::format("unknown modifier ':{}' in {{{}}} (use :dir, :name or :stem)",
                                      modifier, body));
        }
      }
      bool valid = !name.empty();
      for (char n : name) {
        if (!(std::isalnum(static_cast<unsigned char>(n)) || n == '_' || n == '.' || n == '-')) valid = false;
      }
      if (!valid) return Error(t, fmt::format("'{{{}}}' is not a placeholder name", body));
      if (!literal.empty()) pieces.push_back({false, std::move(literal), ""});
      literal.clear();
      pieces.push_back({true, name, modifier});
      i = end;
    } else if (c == '}') {
      return Error(t, fmt::format("'}}' without an opening '{{' in \"{}\" (write }}}} for a literal brace)", s));
    } else {
      literal += c;
    }
  }
  if (!literal.empty()) pieces.push_back({false, std::move(literal), ""});
  return pieces;
}

std::string Modify(const std::string& value, const std::string& modifier) {
  std::filesystem::path p(value);
  if (modifier == "dir") {
    std::string d = p.parent_path().string();
    return d.empty() ? "." : d;
  }
  if (modifier == "name") return p.filename().string();
  if (modifier == "stem") {
    std::filesystem::path f = p.filename();
    std::string ext = f.extension().string();
    if (ext == ".gz" || ext == ".bz2" || ext == ".xz" || ext == ".zst") f = f.stem();
    return f.stem().string();
  }
  return value;
}

Result<const std::vector<std::string>*> Lookup(const Template& t, const Piece& piece,
                                               const Bindings& b) {
  auto it = b.find(piece.text);
  if (it == b.end()) {
    std::string known;
    for (const auto& [k, v] : b) known += (known.empty() ? "" : ", ") + k;
    return Error(t, fmt::format("unknown placeholder {{{}}} (known: {})", piece.text, known));
  }
  return &it->second;
}

// Renders with `join` applied to each multi-valued placeholder's values.
Result<std::string> RenderJoined(const Template& t, const Bindings& b,
                                 std::string (*quote)(std::string_view)) {
  CUTOVER_ASSIGN_OR_RETURN(std::vector<Piece> pieces, Parse(t));
  std::string out;
  for (const Piece& piece : pieces) {
    if (!piece.placeholder) {
      out += piece.text;
      continue;
    }
    CUTOVER_ASSIGN_OR_RETURN(const std::vector<std::string>* values, Lookup(t, piece, b));
    for (size_t i = 0; i < values->size(); ++i) {
      if (i) out += ' ';
      std::string v = Modify((*values)[i], piece.modifier);
      out += quote ? quote(v) : v;
    }
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> PlaceholderNames(const Template& t) {
  CUTOVER_ASSIGN_OR_RETURN(std::vector<Piece> pieces, Parse(t));
  std::vector<std::string> names;
  for (const Piece& p : pieces) {
    if (p.placeholder) names.push_back(p.text);
  }
  return names;
}

Result<std::vector<std::string>> RenderArgument(const Template& t, const Bindings& b) {
  CUTOVER_ASSIGN_OR_RETURN(std::vector<Piece> pieces, Parse(t));
  if (pieces.size() == 1 && pieces[0].placeholder) {
    CUTOVER_ASSIGN_OR_RETURN(const std::vector<std::string>* values, Lookup(t, pieces[0], b));
    std::vector<std::string> out;
    for (const std::string& v : *values) out.push_back(Modify(v, pieces[0].modifier));
    return out;
  }
  CUTOVER_ASSIGN_OR_RETURN(std::string s, RenderJoined(t, b, nullptr));
  return std::vector<std::string>{std::move(s)};
}

Result<std::string> RenderString(const Template& t, const Bindings& b) {
  return RenderJoined(t, b, nullptr);
}

Result<std::string> RenderShell(const Template& t, const Bindings& b) {
  return RenderJoined(t, b, [](std::string_view v) { return ShellQuote(v); });
}

}  // namespace cutover
