#include "qc/sequence_lists.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace cutover {

std::vector<NamedSequence> ParseSequenceList(std::string_view text, std::string* warnings) {
  std::vector<NamedSequence> list;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind('#', 0) == 0) continue;
    if (line.find_first_not_of(" \t\f\v") == std::string::npos) continue;
    // Java's line.split("\\t+"): runs of tabs separate; trailing empty fields are dropped.
    std::vector<std::string> fields;
    size_t pos = 0;
    while (pos <= line.size()) {
      size_t tab = line.find('\t', pos);
      if (tab == std::string::npos) tab = line.size();
      fields.push_back(line.substr(pos, tab - pos));
      pos = line.find_first_not_of('\t', tab);
      if (pos == std::string::npos) break;
    }
    while (!fields.empty() && fields.back().empty()) fields.pop_back();
    if (fields.size() != 2) {
      *warnings += fmt::format("Expected 2 sections for contaminant line but got {} from {}\n",
                               fields.size(), line);
      continue;
    }
    list.push_back({fields[0], fields[1]});
  }
  return list;
}

Result<std::vector<NamedSequence>> LoadSequenceList(const std::string& path,
                                                    const std::string& what,
                                                    std::string* warnings) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(fmt::format("{} '{}' did not exist, or could not be read", what, path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseSequenceList(text.str(), warnings);
}

}  // namespace cutover
