#include "pipeline/yaml_document.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

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

// Where each document of a stream starts, without building any: yaml-cpp's own LoadAll loops
// forever, allocating, on a stream its parser cannot get past (a lone `,`: yaml-cpp issue
// #1040, fixed after the 0.7.0 in Debian 12), because each call returns another empty document
// at the same place. Reading at most three documents here, a document that starts where the one
// before it started is that case.
class DocumentStarts final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    starts.push_back(mark);
    roots.push_back(mark);
    root_seen = false;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    Node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

  std::vector<YAML::Mark> starts;  // where each document starts (its `---`, or its content)
  std::vector<YAML::Mark> roots;   // where each document's content starts

 private:
  void Node(const YAML::Mark& mark) {
    if (!root_seen && !roots.empty()) roots.back() = mark;
    root_seen = true;
  }
  bool root_seen = false;
};

// Checks that `text` holds exactly one document the parser can read to its end.
Status CheckOneDocument(std::string_view text, const std::string& file_name) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  DocumentStarts documents;
  int calls = 0;
  while (calls < 3 && parser.HandleNextDocument(documents)) ++calls;
  const std::vector<YAML::Mark>& starts = documents.starts;
  if (starts.empty()) {
    const auto lines = std::count(text.begin(), text.end(), '\n') + (text.empty() || text.back() == '\n' ? 0 : 1);
    return Status::InvalidArgument(fmt::format(
        "{}:{}: no content{} (expected a YAML document)", file_name, std::max<long>(1, lines),
        text.empty() ? ": the file is empty" : ": only comments or blank lines"));
  }
  for (size_t i = 1; i < starts.size(); ++i) {
    if (starts[i].pos == starts[i - 1].pos) {
      const auto pos = static_cast<size_t>(std::max(0, starts[i].pos));
      const char c = pos < text.size() ? text[pos] : ' ';
      return Status::InvalidArgument(fmt::format(
          "{}: invalid YAML: unexpected '{}': no value can start with it here (quote it if it "
          "is text)",
          At(file_name, starts[i]), c));
    }
  }
  if (starts.size() > 1) {
    return Status::InvalidArgument(fmt::format(
        "{}: a second YAML document starts here; the file must hold exactly one",
        At(file_name, documents.roots[1])));
  }
  return Status::Ok();
}

}  // namespace

Result<YAML::Node> LoadYamlDocument(std::string_view text, const std::string& file_name,
                                    const YamlLimits& limits) {
  YAML::Node root;
  try {
    CUTOVER_RETURN_IF_ERROR(CheckOneDocument(text, file_name));
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: invalid YAML: {}", At(file_name, e.mark), e.msg));
  }
  const size_t max_nodes = std::max(limits.min_max_nodes, text.size() * limits.max_nodes_per_byte);
  Walker walker(file_name, limits.max_depth, max_nodes);
  CUTOVER_RETURN_IF_ERROR(walker.Walk(root, 0));
  return root;
}

}  // namespace cutover
