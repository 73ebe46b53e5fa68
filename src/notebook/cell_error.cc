#include "notebook/cell_error.h"

#include <optional>

#include <vector>

#include <fmt/format.h>

#include "notebook/parameter_cell.h"

namespace cutover {
namespace {

std::string OneLine(std::string_view s, size_t max_chars) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  if (out.size() > max_chars) {
    size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    out = out.substr(0, cut) + "…";
  }
  return out;
}

std::string_view TrimView(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// One frame of an IPython traceback entry: its first line, and the "---->" line it points at.
std::string Frame(std::string_view entry) {
  size_t nl = entry.find('\n');
  std::string where(TrimView(entry.substr(0, nl)));
  if (nl == std::string_view::npos) return where;
  std::string_view rest = entry.substr(nl + 1);
  size_t arrow = rest.find("---->");
  if (arrow != std::string_view::npos) {
    std::string_view line = rest.substr(arrow + 5);
    line = line.substr(0, line.find('\n'));
    line = TrimView(line);
    size_t digits = 0;  // drop the line number
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    line = TrimView(line.substr(digits));
    if (!line.empty()) where += ": " + std::string(line);
  }
  return where;
}

// Where an IPython traceback failed, for the notebook's author: the innermost frame in the
// notebook's own cells ("Cell In [3], line 2: df = pd.read_csv(path)") first, and, when the
// error was raised deeper in a library, that frame's first line after it. Entries that are
// neither the banner nor the final "ename: evalue" entry are frames.
std::string InnermostFrame(const nlohmann::json& traceback, const std::string& ename) {
  if (!traceback.is_array()) return "";
  std::vector<std::string> entries;
  for (const nlohmann::json& t : traceback) {
    if (t.is_string()) entries.push_back(StripAnsi(t.get<std::string>()));
  }
  std::optional<size_t> innermost, in_cell;
  for (size_t k = entries.size(); k-- > 0;) {
    std::string_view entry = TrimView(entries[k]);
    if (entry.empty() || entry.substr(0, 3) == "---") continue;
    if (entry.substr(0, ename.size()) == ename) continue;  // "ValueError: ..." or the banner
    if (!innermost) innermost = k;
    if (entry.starts_with("Cell In")) {
      in_cell = k;
      break;
    }
  }
  // A SyntaxError and the like: no frame.
  if (!innermost) return "";
  if (!in_cell || *in_cell == *innermost) return Frame(TrimView(entries[*innermost]));
  std::string_view deep = TrimView(entries[*innermost]);
  return Frame(TrimView(entries[*in_cell])) + " (raised in " +
         std::string(TrimView(deep.substr(0, deep.find('\n')))) + ")";
}

}  // namespace

std::string StripAnsi(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      i += 2;
      while (i < text.size() && !(text[i] >= '@' && text[i] <= '~')) ++i;  // to the final byte
      continue;
    }
    out += text[i];
  }
  return out;
}

std::optional<CellError> FirstCellError(const nlohmann::json& nb) {
  auto cells = nb.find("cells");
  if (cells == nb.end() || !cells->is_array()) return std::nullopt;
  for (size_t i = 0; i < cells->size(); ++i) {
    const nlohmann::json& cell = (*cells)[i];
    if (!cell.is_object() || cell.value("cell_type", "") != "code") continue;
    if (CellHasTag(cell, "raises-exception")) continue;
    auto outputs = cell.find("outputs");
    if (outputs == cell.end() || !outputs->is_array()) continue;
    for (const nlohmann::json& out : *outputs) {
      if (!out.is_object() || out.value("output_type", "") != "error") continue;
      CellError e;
      e.index = i;
      auto count = cell.find("execution_count");
      if (count != cell.end() && count->is_number_integer()) e.execution_count = count->get<int64_t>();
      e.ename = out.value("ename", "");
      e.evalue = out.value("evalue", "");
      e.where = InnermostFrame(out.value("traceback", nlohmann::json::array()), e.ename);
      return e;
    }
  }
  return std::nullopt;
}

std::string ToString(const CellError& e) {
  std::string s = fmt::format("cell {}", e.index);
  if (e.execution_count) s += fmt::format(" (In [{}])", *e.execution_count);
  s += ": " + (e.ename.empty() ? std::string("error") : e.ename);
  if (!e.evalue.empty()) s += ": " + OneLine(e.evalue, 300);
  if (!e.where.empty()) s += " — at " + OneLine(e.where, 200);
  return s;
}

}  // namespace cutover
