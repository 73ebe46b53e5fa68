#include "compare/sam_header_lines.h"

#include <algorithm>
#include <iterator>


namespace cutover {
namespace {

// The line with only the fields `keep` says to keep (the record type always kept).
template <typename Keep>
std::string KeepFields(std::string_view line, Keep keep) {
  std::string out;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find('\t', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view field = line.substr(start, end - start);
    start = end + 1;
    if (!out.empty() && !keep(field)) continue;
    if (!out.empty()) out += '\t';
    out += field;
  }
  return out;
}

}  // namespace

std::vector<std::string> ComparableHeaderLines(std::string_view header_text,
                                               const std::vector<std::string>& ignore_types) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < header_text.size()) {
    size_t end = header_text.find('\n', start);
    if (end == std::string_view::npos) end = header_text.size();
    std::string_view line = header_text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const std::string_view type = line.size() >= 3 ? line.substr(1, 2) : line;
    if (std::find(ignore_types.begin(), ignore_types.end(), type) != ignore_types.end()) continue;
    if (type == "HD") {
      lines.push_back(KeepFields(line, [](std::string_view f) {
        return !f.starts_with("SO:") && !f.starts_with("GO:") && !f.starts_with("SS:");
      }));
    } else if (type == "SQ") {
      lines.push_back(KeepFields(
          line, [](std::string_view f) { return f.starts_with("SN:") || f.starts_with("LN:"); }));
    } else {
      lines.push_back(std::string(line));
    }
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

HeaderLineDiff DiffHeaderLines(const std::vector<std::string>& legacy,
                               const std::vector<std::string>& new_side) {
  HeaderLineDiff d;
  std::set_difference(legacy.begin(), legacy.end(), new_side.begin(), new_side.end(),
                      std::back_inserter(d.only_legacy));
  std::set_difference(new_side.begin(), new_side.end(), legacy.begin(), legacy.end(),
                      std::back_inserter(d.only_new));
  return d;
}

}  // namespace cutover
