#include "pipeline/yaml_document.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

namespace cutover {
namespace {

std::string At(const std::string& file, const YAML::Mark& m) {
  return fmt::format("{}:{}:{}", file, m.line >= 0 ? m.line + 1 : 1, m.column >= 0 ? m.column + 1 : 1);
}

class Walker {
 public:
  Walker(const std::string& file, int max_depth, size_t max_nodes)
      : file_(file), max_depth_(max_depth), max_nodes_(max_nodes) {}

  Status Walk(const YAML::Node& node, int depth) {
    if (++visited_ > max_nodes_) {
      return Status::InvalidArgument(fmt::format(
          "{}: the document expands to more than {} values through its aliases (&name/*name): "
          "write the values out, or use fewer aliases",
          At(file_, node.Mark()), max_nodes_));
    }
    if (depth > max_depth_) {
      return Status::InvalidArgument(fmt::format(
          "{}: nested more than {} levels deep (an alias that refers to itself?)",
          At(file_, node.Mark()), max_depth_));
    }
    if (node.IsSequence()) {
      for (const auto& item : node) CUTOVER_RETURN_IF_ERROR(Walk(item, depth + 1));
    } else if (node.IsMap()) {
      std::map<std::string, YAML::Mark> keys;
      for (const auto& kv : node) {
        if (kv.first.IsScalar()) {
          auto [it, fresh] = keys.emplace(kv.first.Scalar(), kv.first.Mark());
          if (!fresh) {
            return Status::InvalidArgument(fmt::format(
                "{}: key '{}' appears twice in the same mapping (first at line {}); keep one",
                At(file_, kv.first.Mark()), kv.first.Scalar(), it->second.line + 1));
          }
        }
        CUTOVER_RETURN_IF_ERROR(Walk(kv.first, depth + 1));
        CUTOVER_RETURN_IF_ERROR(Walk(kv.second, depth + 1));
      }
    }
    return Status::Ok();
  }

 private:
  const std::string& file_;
  int max_depth_;
  size_t max_nodes_;
  size_t visited_ = 0;
};

}  // namespace

Result<YAML::Node> LoadYamlDocument(std::string_view text, const std::string& file_name,
                                    const YamlLimits& limits) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: invalid YAML: {}", At(file_name, e.mark), e.msg));
  }
  if (docs.empty()) {
    const auto lines = std::count(text.begin(), text.end(), '\n') + (text.empty() || text.back() == '\n' ? 0 : 1);
    return Status::InvalidArgument(fmt::format(
        "{}:{}: no content{} (expected a YAML document)", file_name, std::max<long>(1, lines),
        text.empty() ? ": the file is empty" : ": only comments or blank lines"));
  }
  if (docs.size() > 1) {
    return Status::InvalidArgument(fmt::format(
        "{}: a second YAML document starts here; the file must hold exactly one",
        At(file_name, docs[1].Mark())));
  }
  const size_t max_nodes = std::max(limits.min_max_nodes, text.size() * limits.max_nodes_per_byte);
  Walker walker(file_name, limits.max_depth, max_nodes);
  CUTOVER_RETURN_IF_ERROR(walker.Walk(docs.front(), 0));
  return docs.front();
}

}  // namespace cutover
