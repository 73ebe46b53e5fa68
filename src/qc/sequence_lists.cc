#include "qc/sequence_lists.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace cutover {

Result<std::vector<NamedSequence>> LoadSequenceList(const std::string& path,
                                                    const std::string& what,
                                                    std::string* warnings) {
  std::ifstream in(path);
  if (!in) {
    return Status::NotFound(fmt::format("{} '{}' did not exist, or could not be read", what, path));
  }
  std::vector<NamedSequence> list;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
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

std::string FindFastqcConfigDir(const char* env_value) {
  std::vector<std::string> candidates;
  if (env_value != nullptr && *env_value != '\0') candidates.emplace_back(env_value);
  candidates.emplace_back("/etc/fastqc/Configuration");
  candidates.emplace_back("/usr/share/fastqc/Configuration");
  for (const std::string& dir : candidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(dir + "/contaminant_list.txt", ec)) return dir;
  }
  return "";
}

std::vector<NamedSequence> BuiltinAdapters() {
  return {
      {"Illumina Universal Adapter", "AGATCGGAAGAG"},
      {"Illumina Small RNA 3' Adapter", "TGGAATTCTCGG"},
      {"Illumina Small RNA 5' Adapter", "GATCGTCGGACT"},
      {"Nextera Transposase Sequence", "CTGTCTCTTATA"},
      {"SOLID Small RNA Adapter", "CGCCTTGGCCGT"},
  };
}

}  // namespace cutover
