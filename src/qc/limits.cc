#include "qc/limits.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace cutover {

Limits::Limits() {
  values_ = {
      {"duplication:warn", 70},        {"duplication:error", 50},
      {"kmer:warn", 2},                {"kmer:error", 5},
      {"n_content:warn", 5},           {"n_content:error", 20},
      {"overrepresented:warn", 0.1},   {"overrepresented:error", 1},
      {"quality_base_lower:warn", 10}, {"quality_base_lower:error", 5},
      {"quality_base_median:warn", 25}, {"quality_base_median:error", 20},
      {"sequence:warn", 10},           {"sequence:error", 20},
      {"gc_sequence:warn", 15},        {"gc_sequence:error", 30},
      {"quality_sequence:warn", 20},   {"quality_sequence:error", 27},
      {"tile:warn", 5},                {"tile:error", 10},
      {"sequence_length:warn", 1},     {"sequence_length:error", 1},
      {"adapter:warn", 5},             {"adapter:error", 10},
      {"duplication:ignore", 0},       {"kmer:ignore", 0},
      {"n_content:ignore", 0},         {"overrepresented:ignore", 0},
      {"quality_base:ignore", 0},      {"sequence:ignore", 0},
      // The code's own key is misspelt "gc_quality"; FastQC fails when no limits file sets
      // gc_sequence:ignore. cutover treats a missing value as 0 (LoadQcSetup warns).
      {"gc_sequence:ignore", 0},       {"quality_sequence:ignore", 0},
      {"tile:ignore", 0},              {"sequence_length:ignore", 0},
      {"adapter:ignore", 0},
  };
}

bool Limits::Has(const std::string& key, const std::string& level) const {
  return from_file_.count(key + ":" + level) > 0;
}

Status Limits::Load(const std::string& path, std::string* warnings) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(
        fmt::format("limits file '{}' does not exist or cannot be read", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  Parse(text.str(), warnings);
  return Status::Ok();
}

void Limits::Parse(std::string_view text, std::string* warnings) {
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind('#', 0) == 0) continue;
    std::istringstream fields(line);
    std::vector<std::string> sections;
    for (std::string f; fields >> f;) sections.push_back(f);
    if (sections.empty()) continue;
    if (sections.size() != 3) {
      *warnings += fmt::format("Config line '{}' didn't contain the 3 required sections\n", line);
      if (sections.size() < 3) continue;  // (FastQC would fail on the missing field)
    }
    const std::string& level = sections[1];
    if (level != "warn" && level != "error" && level != "ignore") {
      *warnings += fmt::format("Second config field must be error, warn or ignore, not '{}'\n",
                               level);
      continue;
    }
    char* end = nullptr;
    double value = std::strtod(sections[2].c_str(), &end);
    if (end == sections[2].c_str() || *end != '\0') {
      *warnings += fmt::format("Value {} didn't look like a number\n", sections[2]);
      continue;
    }
    values_[sections[0] + ":" + level] = value;
    from_file_.insert(sections[0] + ":" + level);
  }
}

double Limits::Get(const std::string& key, const std::string& level) const {
  auto it = values_.find(key + ":" + level);
  return it == values_.end() ? 0 : it->second;
}

}  // namespace cutover
