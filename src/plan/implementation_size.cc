#include "plan/implementation_size.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace {

// A line that carries code: not blank, not only a comment (#, //, --).
bool IsCodeLine(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.empty()) return false;
  return !(t.starts_with("#") || t.starts_with("//") || t.starts_with("--"));
}

int64_t CountCodeLines(std::string_view text) {
  int64_t n = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (IsCodeLine(text.substr(start, end - start))) ++n;
    if (end == text.size()) break;
    start = end + 1;
  }
  return n;
}

// Code lines of a notebook's code cells; nullopt when it is not a notebook we can read.
std::optional<int64_t> NotebookLines(const std::string& content) {
  nlohmann::json nb = nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (!nb.is_object() || !nb.contains("cells") || !nb["cells"].is_array()) return std::nullopt;
  int64_t n = 0;
  for (const auto& cell : nb["cells"]) {
    if (!cell.is_object() || cell.value("cell_type", "") != "code") continue;
    const auto& source = cell.contains("source") ? cell["source"] : nlohmann::json();
    std::string text;
    if (source.is_string()) {
      text = source.get<std::string>();
    } else if (source.is_array()) {
      for (const auto& line : source) {
        if (line.is_string()) text += line.get<std::string>();
      }
    }
    n += CountCodeLines(text);
  }
  return n;
}

bool LooksLikeText(const std::string& content) {
  return content.substr(0, 4096).find('\0') == std::string::npos;
}

void CountFile(const std::string& word, const std::filesystem::path& root,
               ImplementationSize& size) {
  const std::string path = ReplaceAll(word, "{root}", root.string());
  if (path.find('{') != std::string::npos) return;  // data: inputs, outputs, samples
  std::filesystem::path file = path;
  if (file.is_relative()) file = root / file;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return;
  for (const std::string& seen : size.files) {
    if (seen == word) return;
  }
  auto content = ReadFile(file);
  if (!content.ok() || !LooksLikeText(*content)) return;
  std::optional<int64_t> lines;
  if (file.extension() == ".ipynb") lines = NotebookLines(*content);
  size.lines += lines ? *lines : CountCodeLines(*content);
  size.files.push_back(word);
  size.known = true;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '|' || c == '&' || c == '\'' ||
        c == '"' || c == '(' || c == ')') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

}  // namespace

ImplementationSize MeasureImplementation(const Implementation& impl,
                                         const std::filesystem::path& root) {
  ImplementationSize size;
  switch (impl.kind) {
    case ImplKind::kCommand:
      for (const Template& word : impl.argv) CountFile(word.text, root, size);
      break;
    case ImplKind::kShell:
      size.lines += CountCodeLines(impl.script.text);
      size.known = true;
      for (const std::string& word : Words(impl.script.text)) CountFile(word, root, size);
      break;
    case ImplKind::kNotebook:
      CountFile(impl.notebook.text, root, size);
      break;
    case ImplKind::kBuiltin:
      break;  // cutover itself
  }
  return size;
}

}  // namespace cutover
