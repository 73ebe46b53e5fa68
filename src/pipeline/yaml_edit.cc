#include "pipeline/yaml_edit.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <vector>

#include <fmt/format.h>

namespace cutover {
namespace {

bool PlainKey(const std::string& k) {
  if (k.empty()) return false;
  for (char c : k) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else out += c;
  }
  return out + "'";
}

// Offsets of the start of each line.
std::vector<size_t> LineStarts(std::string_view text) {
  std::vector<size_t> starts = {0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

size_t LineEnd(std::string_view text, size_t pos) {
  size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl;
}

int Indent(std::string_view text, size_t line_start) {
  int n = 0;
  while (line_start + n < text.size() && text[line_start + n] == ' ') ++n;
  return n;
}

bool BlankOrComment(std::string_view text, size_t line_start) {
  size_t i = line_start;
  while (i < text.size() && text[i] == ' ') ++i;
  return i >= text.size() || text[i] == '\n' || text[i] == '#';
}

// End offset (exclusive, before the newline) of the block value that starts after a key at
// `key_line` with indentation `key_indent`: the last following line indented deeper.
size_t BlockEnd(std::string_view text, const std::vector<size_t>& starts, size_t key_line,
                int key_indent) {
  size_t end = LineEnd(text, starts[key_line]);
  for (size_t l = key_line + 1; l < starts.size(); ++l) {
    if (starts[l] >= text.size()) break;
    if (BlankOrComment(text, starts[l])) continue;
    if (Indent(text, starts[l]) <= key_indent) break;
    end = LineEnd(text, starts[l]);
  }
  return end;
}

}  // namespace

std::string ToFlowYaml(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::object: {
      // `kind` first: it is what a reader looks for in a compare: spec.
      std::string out = "{";
      bool first = true;
      auto add = [&](const std::string& k, const nlohmann::json& item) {
        if (!first) out += ", ";
        first = false;
        out += (PlainKey(k) ? k : Quote(k)) + ": " + ToFlowYaml(item);
      };
      if (v.contains("kind")) add("kind", v["kind"]);
      for (const auto& [k, item] : v.items()) {
        if (k != "kind") add(k, item);
      }
      return out + "}";
    }
    case nlohmann::json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + ToFlowYaml(v[i]);
      return out + "]";
    }
    case nlohmann::json::value_t::string: return Quote(v.get<std::string>());
    case nlohmann::json::value_t::null: return "null";
    default: return v.dump();
  }
}

Result<std::string> SetOutputCompare(std::string_view text, const std::string& step,
                                     const std::string& output, const std::string& flow) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("cannot parse the pipeline file: " + e.msg);
  }
  YAML::Node outputs = root["steps"][step]["outputs"];
  if (!outputs || !outputs.IsMap()) {
    return Status::InvalidArgument(fmt::format("no steps.{}.outputs mapping", step));
  }
  // yaml-cpp's Node assignment aliases rather than rebinds, so keep marks and kinds, not nodes.
  bool found = false, is_scalar = false, is_block_map = false;
  YAML::Mark value_mark, compare_mark, first_key_mark;
  bool has_compare = false, has_first = false;
  for (const auto& kv : outputs) {
    if (kv.first.as<std::string>() != output) continue;
    found = true;
    is_scalar = kv.second.IsScalar();
    is_block_map = kv.second.IsMap() && kv.second.Style() != YAML::EmitterStyle::Flow;
    value_mark = kv.second.Mark();
    if (kv.second.IsMap()) {
      for (const auto& inner : kv.second) {
        if (!has_first) first_key_mark = inner.first.Mark();
        has_first = true;
        if (inner.first.as<std::string>() == "compare") {
          compare_mark = inner.first.Mark();
          has_compare = true;
        }
      }
    }
  }
  if (!found) {
    return Status::InvalidArgument(fmt::format("no output {} in step {}", output, step));
  }
  const std::vector<size_t> starts = LineStarts(text);
  const std::string compare = "compare: " + flow;
  std::string out(text);
  if (is_scalar) {
    // `name: path` on one line -> `name: {path: path, compare: ...}`.
    const YAML::Mark m = value_mark;
    size_t begin = static_cast<size_t>(m.pos);
    size_t end = LineEnd(text, begin);
    std::string_view raw = text.substr(begin, end - begin);
    size_t comment = raw.find(" #");
    std::string tail;
    if (comment != std::string_view::npos) {
      tail = std::string(raw.substr(comment));
      raw = raw.substr(0, comment);
    }
    while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
    if (raw.empty() || raw[0] == '|' || raw[0] == '>' || raw[0] == '&' || raw[0] == '*') {
      return Status::InvalidArgument(fmt::format("output {} is not a one-line path", output));
    }
    out.replace(begin, end - begin, fmt::format("{{path: {}, {}}}{}", raw, compare, tail));
    return out;
  }
  if (!is_block_map) {
    return Status::InvalidArgument(
        fmt::format("output {} is written as a flow mapping: edit it by hand", output));
  }
  // A block mapping: replace `compare:`'s value, or add `compare:` after its first key.
  if (!has_first) return Status::InvalidArgument(fmt::format("output {} is empty", output));
  if (has_compare) {
    const YAML::Mark km = compare_mark;
    const size_t line = static_cast<size_t>(km.line);
    const int indent = Indent(text, starts[line]);
    const size_t begin = static_cast<size_t>(km.pos);
    const size_t end = BlockEnd(text, starts, line, indent);
    out.replace(begin, end - begin, compare);
    return out;
  }
  const YAML::Mark fm = first_key_mark;
  const size_t line = static_cast<size_t>(fm.line);
  const int indent = static_cast<int>(fm.column);
  const size_t insert_at = BlockEnd(text, starts, line, indent);
  out.insert(insert_at, "\n" + std::string(static_cast<size_t>(indent), ' ') + compare);
  return out;
}

}  // namespace cutover
