#include "evidence/stable_values.h"

#include <fmt/format.h>

#include <cctype>

namespace cutover {
namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// `value` in `line` as a whole word: "ana" is in "by ana." but not in "banana".
bool HoldsWord(std::string_view line, std::string_view value) {
  for (size_t at = line.find(value); at != std::string_view::npos; at = line.find(value, at + 1)) {
    const size_t end = at + value.size();
    if ((at == 0 || !IsWordChar(line[at - 1])) && (end == line.size() || !IsWordChar(line[end]))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> StableValueHints(std::string_view text,
                                          const std::vector<StableValue>& values,
                                          const TextComparator* rules) {
  std::vector<std::string> hints;
  std::vector<bool> found(values.size(), false);
  size_t pos = 0;
  int64_t line_no = 0;
  std::string buffer;
  while (pos < text.size() && hints.size() < values.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (rules != nullptr && rules->Ignored(line)) continue;
    const std::string_view normal = rules != nullptr ? rules->Normalize(line, &buffer) : line;
    for (size_t i = 0; i < values.size(); ++i) {
      if (found[i] || values[i].value.size() < 3) continue;
      if (!HoldsWord(normal, values[i].value)) continue;
      found[i] = true;
      hints.push_back(
          fmt::format("line {} holds {} ({})", line_no, values[i].what, values[i].value));
    }
  }
  return hints;
}

}  // namespace cutover
