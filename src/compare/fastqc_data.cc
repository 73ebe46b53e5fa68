#include "compare/fastqc_data.h"

#include <fmt/format.h>

#include "compare/excerpt.h"

namespace cutover {
namespace {

constexpr std::string_view kVersionPrefix = "##FastQC\t";
constexpr std::string_view kModulePrefix = ">>";
constexpr std::string_view kEndModule = ">>END_MODULE";
constexpr size_t kShownBytes = 80;  // of an offending line, in error messages

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> cells;
  while (true) {
    size_t tab = line.find('\t');
    cells.emplace_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return cells;
    line.remove_prefix(tab + 1);
  }
}

// Walks `text` line by line; the last line may lack its '\n'.
class Lines {
 public:
  explicit Lines(std::string_view text) : rest_(text) {}
  bool Next(std::string_view* line) {
    if (rest_.empty()) return false;
    size_t nl = rest_.find('\n');
    *line = rest_.substr(0, nl);
    rest_.remove_prefix(nl == std::string_view::npos ? rest_.size() : nl + 1);
    ++number_;
    return true;
  }
  int64_t number() const { return number_; }

 private:
  std::string_view rest_;
  int64_t number_ = 0;
};

}  // namespace

const std::vector<std::string>& FastqcModule::columns() const {
  static const std::vector<std::string> kNone;
  return comments.empty() ? kNone : comments.back().cells;
}

const FastqcModule* FastqcData::Find(std::string_view name) const {
  for (const FastqcModule& m : modules) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

Result<FastqcData> ParseFastqcData(std::string_view text, std::string_view source) {
  Lines lines(text);
  std::string_view line;
  auto error = [&](std::string_view what) {
    return Status::Corruption(fmt::format("{}: line {}: {}", source, lines.number(), what));
  };
  auto shown = [](std::string_view s) { return Excerpt(s, 0, kShownBytes); };

  FastqcData data;
  if (!lines.Next(&line)) {
    return Status::Corruption(fmt::format("{}: empty file (not a fastqc_data.txt)", source));
  }
  if (!line.starts_with(kVersionPrefix) || line.size() == kVersionPrefix.size()) {
    return error(fmt::format("expected '##FastQC<TAB>version', got '{}' (not a fastqc_data.txt)",
                             shown(line)));
  }
  data.version = std::string(line.substr(kVersionPrefix.size()));

  FastqcModule* open = nullptr;  // the module being read, inside data.modules
  while (lines.Next(&line)) {
    if (line == kEndModule) {
      if (open == nullptr) return error(">>END_MODULE outside a module");
      open = nullptr;
      continue;
    }
    if (line.starts_with(kModulePrefix)) {
      if (open != nullptr) {
        return error(fmt::format("'{}' starts before module '{}' (line {}) has ended", shown(line),
                                 open->name, open->line));
      }
      std::vector<std::string> parts = SplitTabs(line.substr(kModulePrefix.size()));
      if (parts.size() != 2 || parts[0].empty() ||
          (parts[1] != "pass" && parts[1] != "warn" && parts[1] != "fail")) {
        return error(
            fmt::format("expected '>>Module name<TAB>pass|warn|fail', got '{}'", shown(line)));
      }
      if (const FastqcModule* seen = data.Find(parts[0])) {
        return error(fmt::format("module '{}' repeated (first at line {})", parts[0], seen->line));
      }
      FastqcModule& m = data.modules.emplace_back();
      m.name = std::move(parts[0]);
      m.verdict = std::move(parts[1]);
      m.line = lines.number();
      open = &m;
      continue;
    }
    if (open == nullptr) {
      if (line.empty()) continue;
      return error(fmt::format("'{}' outside a module", shown(line)));
    }
    if (line.empty()) return error(fmt::format("empty line in module '{}'", open->name));
    if (line.front() == '#') {
      open->comments.push_back({SplitTabs(line.substr(1)), lines.number()});
    } else {
      open->rows.push_back({SplitTabs(line), lines.number()});
    }
  }
  if (open != nullptr) {
    return Status::Corruption(
        fmt::format("{}: line {}: module '{}' (line {}) has no >>END_MODULE: the file is truncated",
                    source, lines.number(), open->name, open->line));
  }
  if (data.modules.empty()) {
    return Status::Corruption(fmt::format("{}: no modules after the ##FastQC line", source));
  }
  return data;
}

}  // namespace cutover
