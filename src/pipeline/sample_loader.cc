#include "pipeline/sample_loader.h"

#include <glob.h>
#include <sys/stat.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

Result<std::vector<std::vector<std::string>>> ReadTable(const fs::path& path, char sep) {
  // A regular file only: a FIFO would block and a device never end.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    return Status::InvalidArgument(fmt::format("sample sheet {} is not a regular file", path.string()));
  }
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("cannot open sample sheet {}", path.string()));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (sep == ',' && c == '"') {
        if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = !quoted;
        }
      } else if (c == sep && !quoted) {
        fields.push_back(std::move(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
    fields.push_back(std::move(cur));
    rows.push_back(std::move(fields));
  }
  return rows;
}

Status LoadSheet(const YamlLoader& L, const YAML::Node& node, Pipeline& p) {
  CUTOVER_ASSIGN_OR_RETURN(std::string rel, L.Scalar(node, "samples.sheet"));
  fs::path path = fs::path(rel).is_absolute() ? fs::path(rel) : L.root / rel;
  p.sample_sheet = path.lexically_normal();
  std::string ext = path.extension().string();
  char sep = ext == ".csv" ? ',' : '\t';
  if (ext != ".csv" && ext != ".tsv") {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      return L.Error(node, "samples.sheet", path.string() + " is not a regular file");
    }
    std::ifstream in(path);
    std::string header;
    std::getline(in, header);
    sep = header.find('\t') != std::string::npos ? '\t' : ',';
  }
  auto rows = ReadTable(path, sep);
  if (!rows.ok()) return L.Error(node, "samples.sheet", rows.status().message());
  if (rows->empty()) return L.Error(node, "samples.sheet", rel + " is empty");
  const std::vector<std::string>& header = (*rows)[0];
  auto col = std::find(header.begin(), header.end(), "sample");
  if (col == header.end()) {
    return L.Error(node, "samples.sheet",
                   fmt::format("{}:1: no 'sample' column in the header ({})", rel, Join(header, ", ")));
  }
  size_t sample_col = static_cast<size_t>(col - header.begin());
  std::set<std::string> seen;
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    if (row.size() == 1 && row[0].empty()) continue;  // blank line
    if (row.size() != header.size()) {
      return L.Error(node, "samples.sheet",
                     fmt::format("{}:{}: {} fields, the header has {}", rel, r + 1, row.size(),
                                 header.size()));
    }
    Sample s;
    s.name = std::string(Trim(row[sample_col]));
    if (s.name.empty()) {
      return L.Error(node, "samples.sheet", fmt::format("{}:{}: empty sample name", rel, r + 1));
    }
    if (!seen.insert(s.name).second) {
      return L.Error(node, "samples.sheet",
                     fmt::format("{}:{}: sample '{}' appears twice", rel, r + 1, s.name));
    }
    for (size_t c = 0; c < header.size(); ++c) {
      if (c != sample_col) s.columns[header[c]] = row[c];
    }
    p.samples.push_back(std::move(s));
  }
  return Status::Ok();
}

std::string GlobToRegex(const std::string& pattern) {
  std::string re;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 8, "{sample}") == 0) {
      re += "(.+)";
      i += 7;
    } else if (pattern[i] == '*') {
      re += "[^/]*";
    } else if (pattern[i] == '?') {
      re += "[^/]";
    } else if (std::string_view("\\^$.|+()[]{}").find(pattern[i]) != std::string_view::npos) {
      re += std::string("\\") + pattern[i];
    } else {
      re += pattern[i];
    }
  }
  return re;
}

Status LoadGlob(const YamlLoader& L, const YAML::Node& node, Pipeline& p) {
  CUTOVER_ASSIGN_OR_RETURN(std::string pattern, L.Scalar(node, "samples.glob"));
  if (pattern.find("{sample}") == std::string::npos) {
    return L.Error(node, "samples.glob",
                   fmt::format("'{}' has no {{sample}} wildcard to take sample names from", pattern));
  }
  std::string abs = fs::path(pattern).is_absolute() ? pattern : (L.root / pattern).string();
  const std::string shell_pattern = ReplaceAll(abs, "{sample}", "*");
  glob_t g{};
  int rc = ::glob(shell_pattern.c_str(), 0, nullptr, &g);
  std::regex re(GlobToRegex(abs));
  std::set<std::string> names;
  if (rc == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) {
      std::smatch m;
      std::string path = g.gl_pathv[i];
      if (!std::regex_match(path, m, re)) continue;
      std::string name = m[1].str();
      // Every occurrence of {sample} must agree.
      bool consistent = true;
      for (size_t k = 2; k < m.size(); ++k) consistent = consistent && m[k].str() == name;
      if (consistent && name.find('/') == std::string::npos) names.insert(name);
    }
  }
  globfree(&g);
  for (const std::string& n : names) p.samples.push_back(Sample{n, {}});
  return Status::Ok();
}

}  // namespace

Status LoadSamples(const YamlLoader& L, const YAML::Node& node, Pipeline& p) {
  CUTOVER_RETURN_IF_ERROR(L.CheckKeys(node, "samples", {"glob", "sheet", "list"}));
  if (node.size() != 1) {
    return L.Error(node, "samples", "give exactly one of glob, sheet or list");
  }
  if (node["glob"]) {
    CUTOVER_RETURN_IF_ERROR(LoadGlob(L, node["glob"], p));
  } else if (node["sheet"]) {
    CUTOVER_RETURN_IF_ERROR(LoadSheet(L, node["sheet"], p));
  } else {
    const YAML::Node& list = node["list"];
    if (!list.IsSequence()) return L.Error(list, "samples.list", "expected a list of names");
    std::set<std::string> seen;
    for (const auto& item : list) {
      CUTOVER_ASSIGN_OR_RETURN(std::string name, L.Scalar(item, "samples.list"));
      if (name.empty() || !seen.insert(name).second) {
        return L.Error(item, "samples.list", fmt::format("empty or repeated sample '{}'", name));
      }
      p.samples.push_back(Sample{name, {}});
    }
  }
  if (p.samples.empty()) {
    auto it = node.begin();  // the single entry; copied out, an iterator's pair is a temporary
    YAML::Node src = it->second;
    std::string form = it->first.as<std::string>();
    return L.Error(src, "samples." + form,
                   fmt::format("no samples: '{}' matches nothing", src.IsScalar() ? src.Scalar() : ""));
  }
  return Status::Ok();
}

}  // namespace cutover
