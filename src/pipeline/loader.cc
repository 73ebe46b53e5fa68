// Loading cutover.yaml. The format is documented for users in docs/pipeline-file.md.
//
// Every error carries the file, 1-based line and column, and the dotted key of the offending
// node. yaml-cpp exceptions never escape: they become kInvalidArgument statuses.
#include "pipeline/loader.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "pipeline/executor_loader.h"
#include "pipeline/sample_loader.h"
#include "pipeline/template.h"
#include "pipeline/yaml_loader.h"
#include "pipeline/yaml_document.h"
#include "pipeline/yaml_json.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// A side timeout below this is a mistake (no process even starts that fast), not "no timeout".
constexpr int64_t kShortestTimeoutMs = 1000;


Result<std::map<std::string, Template>> LoadTemplateMap(const YamlLoader& L, const YAML::Node& node,
                                                        const std::string& key) {
  std::map<std::string, Template> out;
  if (!node.IsMap()) return L.Error(node, key, "expected a mapping of NAME: value");
  for (const auto& kv : node) {
    std::string k = kv.first.as<std::string>();
    CUTOVER_ASSIGN_OR_RETURN(std::string v, L.Scalar(kv.second, key + "." + k));
    out[k] = L.MakeTemplate(kv.second, key + "." + k, v);
  }
  return out;
}

Result<Implementation> LoadImplementation(const YamlLoader& L, const YAML::Node& node,
                                          const std::string& key) {
  Implementation impl;
  impl.where = L.Where(node, key);
  if (!node.IsMap()) {
    return L.Error(node, key, "expected a mapping with one of: command, shell, cutover, notebook");
  }
  CUTOVER_RETURN_IF_ERROR(L.CheckKeys(
      node, key, {"command", "shell", "cutover", "notebook", "parameters", "env", "timeout",
                  "watch", "version"}));
  int forms = 0;
  for (const char* f : {"command", "shell", "cutover", "notebook"}) forms += node[f] ? 1 : 0;
  if (forms != 1) {
    return L.Error(node, key, "give exactly one of command, shell, cutover or notebook");
  }
  auto words = [&](const YAML::Node& n, const std::string& k) -> Result<std::vector<Template>> {
    std::vector<Template> out;
    if (n.IsSequence()) {
      for (const auto& w : n) {
        CUTOVER_ASSIGN_OR_RETURN(std::string s, L.Scalar(w, k));
        out.push_back(L.MakeTemplate(w, k, s));
      }
    } else {
      CUTOVER_ASSIGN_OR_RETURN(std::string s, L.Scalar(n, k));
      auto split = SplitWords(s);
      if (!split.ok()) return L.Error(n, k, split.status().message());
      for (std::string& w : *split) out.push_back(L.MakeTemplate(n, k, std::move(w)));
    }
    if (out.empty()) return L.Error(n, k, "empty command");
    return out;
  };
  if (node["command"]) {
    impl.kind = ImplKind::kCommand;
    CUTOVER_ASSIGN_OR_RETURN(impl.argv, words(node["command"], key + ".command"));
  } else if (node["cutover"]) {
    impl.kind = ImplKind::kBuiltin;
    CUTOVER_ASSIGN_OR_RETURN(impl.argv, words(node["cutover"], key + ".cutover"));
  } else if (node["shell"]) {
    impl.kind = ImplKind::kShell;
    CUTOVER_ASSIGN_OR_RETURN(std::string s, L.Scalar(node["shell"], key + ".shell"));
    impl.script = L.MakeTemplate(node["shell"], key + ".shell", s);
  } else {
    impl.kind = ImplKind::kNotebook;
    CUTOVER_ASSIGN_OR_RETURN(std::string s, L.Scalar(node["notebook"], key + ".notebook"));
    impl.notebook = L.MakeTemplate(node["notebook"], key + ".notebook", s);
  }
  if (node["parameters"]) {
    if (impl.kind != ImplKind::kNotebook) {
      return L.Error(node["parameters"], key + ".parameters", "parameters are for notebook: only");
    }
    CUTOVER_ASSIGN_OR_RETURN(impl.parameters,
                             LoadTemplateMap(L, node["parameters"], key + ".parameters"));
    for (const auto& kv : node["parameters"]) {
      nlohmann::json value = YamlToJson(kv.second);
      if (!value.is_string()) impl.typed_parameters[kv.first.as<std::string>()] = std::move(value);
    }
  }
  if (node["env"]) {
    CUTOVER_ASSIGN_OR_RETURN(impl.env, LoadTemplateMap(L, node["env"], key + ".env"));
  }
  if (node["timeout"]) {
    CUTOVER_ASSIGN_OR_RETURN(int64_t t, L.Duration(node["timeout"], key + ".timeout", kShortestTimeoutMs));
    impl.timeout_ms = t;
  }
  if (const YAML::Node watch = node["watch"]) {
    const std::string k = key + ".watch";
    std::vector<YAML::Node> items;
    if (watch.IsSequence()) {
      for (const auto& item : watch) items.push_back(item);
    } else {
      items.push_back(watch);
    }
    for (const YAML::Node& item : items) {
      CUTOVER_ASSIGN_OR_RETURN(std::string pattern, L.Scalar(item, k));
      if (pattern.empty() || pattern.front() == '/' || pattern.find('{') != std::string::npos) {
        return L.Error(item, k,
                       "a watched file is a path or shell pattern relative to the pipeline "
                       "folder, without placeholders (`lib/*.py`, `env.lock`)");
      }
      const std::filesystem::path rel(pattern);
      for (const auto& part : rel) {
        if (part == "..") return L.Error(item, k, "a watched file must stay inside the pipeline folder");
      }
      impl.watch.push_back(std::move(pattern));
    }
  }
  if (node["version"]) {
    CUTOVER_ASSIGN_OR_RETURN(impl.version_command, L.Scalar(node["version"], key + ".version"));
    impl.version_where = L.Where(node["version"], key + ".version");
    if (impl.version_command.empty() || impl.version_command.find('{') != std::string::npos) {
      return L.Error(node["version"], key + ".version",
                     "a version command is a shell command without placeholders "
                     "(`fastqc --version`)");
    }
  }
  return impl;
}

Status LoadInputs(const YamlLoader& L, const YAML::Node& node, const std::string& key, Step& step) {
  if (node.IsScalar()) {
    step.inputs.push_back({"input", L.MakeTemplate(node, key, node.as<std::string>())});
  } else if (node.IsSequence()) {
    int i = 0;
    for (const auto& item : node) {
      CUTOVER_ASSIGN_OR_RETURN(std::string s, L.Scalar(item, key));
      step.inputs.push_back({fmt::format("input{}", ++i), L.MakeTemplate(item, key, s)});
    }
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      std::string name = kv.first.as<std::string>();
      if (!ValidName(name)) return L.Error(kv.first, key + "." + name, "invalid input name");
      CUTOVER_ASSIGN_OR_RETURN(std::string s, L.Scalar(kv.second, key + "." + name));
      step.inputs.push_back({name, L.MakeTemplate(kv.second, key + "." + name, s)});
    }
  } else {
    return L.Error(node, key, "expected a path, a list of paths or a mapping NAME: path");
  }
  return Status::Ok();
}

Result<CompareSpec> LoadCompare(const YamlLoader& L, const YAML::Node& node, const std::string& key) {
  CompareSpec spec;
  spec.where = L.Where(node, key);
  if (node.IsScalar()) {
    spec.kind = node.as<std::string>();
    return spec;
  }
  if (!node.IsMap() || !node["kind"]) {
    return L.Error(node, key, "expected a comparator name, or a mapping with `kind:` and options");
  }
  spec.kind = node["kind"].as<std::string>();
  for (const auto& kv : node) {
    std::string k = kv.first.as<std::string>();
    if (k != "kind") spec.options[k] = YamlToJson(kv.second);
  }
  return spec;
}

Status LoadOutputs(const YamlLoader& L, const YAML::Node& node, const std::string& key, Step& step) {
  if (!node.IsMap()) return L.Error(node, key, "expected a mapping NAME: path (or NAME: {path, compare})");
  for (const auto& kv : node) {
    std::string name = kv.first.as<std::string>();
    std::string k = key + "." + name;
    if (!ValidName(name)) return L.Error(kv.first, k, "invalid output name");
    OutputSpec out;
    out.name = name;
    out.compare.where = L.Where(kv.second, k);
    if (kv.second.IsScalar()) {
      out.path = L.MakeTemplate(kv.second, k, kv.second.as<std::string>());
    } else {
      CUTOVER_RETURN_IF_ERROR(L.CheckKeys(kv.second, k, {"path", "compare"}));
      if (!kv.second["path"]) return L.Error(kv.second, k, "missing `path:`");
      CUTOVER_ASSIGN_OR_RETURN(std::string s, L.Scalar(kv.second["path"], k + ".path"));
      out.path = L.MakeTemplate(kv.second["path"], k + ".path", s);
      if (kv.second["compare"]) {
        CUTOVER_ASSIGN_OR_RETURN(out.compare, LoadCompare(L, kv.second["compare"], k + ".compare"));
      }
    }
    fs::path p(out.path.text);
    if (p.is_absolute()) {
      return L.Error(out.path.where, "outputs must be relative to the pipeline folder");
    }
    for (const auto& part : p.lexically_normal()) {
      if (part == "..") return L.Error(out.path.where, "outputs must not leave the pipeline folder (..)");
    }
    step.outputs.push_back(std::move(out));
  }
  if (step.outputs.empty()) return L.Error(node, key, "a step needs at least one output");
  return Status::Ok();
}

// Every placeholder of `t` must be one of `known`.
Status CheckPlaceholders(const YamlLoader& L, const Template& t, const std::set<std::string>& known) {
  auto names = PlaceholderNames(t);
  if (!names.ok()) return names.status();
  for (const std::string& n : *names) {
    if (!known.count(n)) {
      return L.Error(t.where, fmt::format("unknown placeholder {{{}}} (known: {})", n,
                                          Join(std::vector<std::string>(known.begin(), known.end()), ", ")));
    }
  }
  return Status::Ok();
}

Status CheckStepPlaceholders(const YamlLoader& L, const Pipeline& p, const Step& step) {
  std::set<std::string> path_names;
  if (step.scope == StepScope::kPerSample) {
    path_names.insert("sample");
    for (const Sample& s : p.samples) {
      for (const auto& [c, v] : s.columns) path_names.insert(c);
    }
  }
  std::set<std::string> input_names = path_names;
  input_names.insert("sample");  // an aggregate step's {sample} inputs expand over all samples
  for (const InputSpec& in : step.inputs) CUTOVER_RETURN_IF_ERROR(CheckPlaceholders(L, in.path, input_names));
  for (const OutputSpec& out : step.outputs) CUTOVER_RETURN_IF_ERROR(CheckPlaceholders(L, out.path, path_names));

  std::set<std::string> command_names = path_names;
  for (const char* n : {"input", "output", "scratch", "root"}) command_names.insert(n);
  for (const InputSpec& in : step.inputs) command_names.insert("input." + in.name);
  for (const OutputSpec& out : step.outputs) command_names.insert("output." + out.name);
  auto check_impl = [&](const Implementation& impl) -> Status {
    for (const Template& w : impl.argv) CUTOVER_RETURN_IF_ERROR(CheckPlaceholders(L, w, command_names));
    if (impl.kind == ImplKind::kShell) CUTOVER_RETURN_IF_ERROR(CheckPlaceholders(L, impl.script, command_names));
    if (impl.kind == ImplKind::kNotebook) CUTOVER_RETURN_IF_ERROR(CheckPlaceholders(L, impl.notebook, command_names));
    for (const auto& [k, v] : impl.parameters) CUTOVER_RETURN_IF_ERROR(CheckPlaceholders(L, v, command_names));
    for (const auto& [k, v] : impl.env) CUTOVER_RETURN_IF_ERROR(CheckPlaceholders(L, v, command_names));
    return Status::Ok();
  };
  CUTOVER_RETURN_IF_ERROR(check_impl(step.legacy));
  if (step.new_impl) CUTOVER_RETURN_IF_ERROR(check_impl(*step.new_impl));
  for (const auto& [k, v] : step.env) CUTOVER_RETURN_IF_ERROR(CheckPlaceholders(L, v, command_names));
  return Status::Ok();
}

Result<Step> LoadStep(const YamlLoader& L, const std::string& name, const YAML::Node& key_node,
                      const YAML::Node& node, const PipelineSettings& settings) {
  std::string key = "steps." + name;
  if (!ValidName(name)) {
    return L.Error(key_node, key, "step names may only use letters, digits, '_', '-' and '.'");
  }
  if (name == "." || name == "..") {  // the step's folders (scratch/STEP, locks/STEP) would escape
    return L.Error(key_node, key, "'" + name + "' cannot name a step");
  }
  CUTOVER_RETURN_IF_ERROR(L.CheckKeys(
      node, key, {"description", "scope", "inputs", "outputs", "legacy", "new", "env", "timeout",
                  "shadow_timeout", "max_consecutive_failures", "policy", "executor"}));
  Step step;
  step.name = name;
  step.where = L.Where(key_node, key);
  step.executor = settings.executor;
  if (node["executor"]) {
    CUTOVER_ASSIGN_OR_RETURN(step.executor,
                             LoadExecutor(L, node["executor"], key + ".executor", settings.executor));
  }
  if (node["scope"]) {
    CUTOVER_ASSIGN_OR_RETURN(std::string scope, L.Scalar(node["scope"], key + ".scope"));
    if (scope == "sample") {
      step.scope = StepScope::kPerSample;
    } else if (scope == "all") {
      step.scope = StepScope::kAll;
    } else {
      return L.Error(node["scope"], key + ".scope", fmt::format("'{}' is not a scope (sample or all)", scope));
    }
  }
  if (node["inputs"]) CUTOVER_RETURN_IF_ERROR(LoadInputs(L, node["inputs"], key + ".inputs", step));
  if (!node["outputs"]) return L.Error(node, key, "missing `outputs:`");
  CUTOVER_RETURN_IF_ERROR(LoadOutputs(L, node["outputs"], key + ".outputs", step));
  if (!node["legacy"]) {
    return L.Error(key_node, key, "missing `legacy:` (the implementation that runs today)");
  }
  CUTOVER_ASSIGN_OR_RETURN(step.legacy, LoadImplementation(L, node["legacy"], key + ".legacy"));
  if (node["new"]) {
    CUTOVER_ASSIGN_OR_RETURN(Implementation impl, LoadImplementation(L, node["new"], key + ".new"));
    step.new_impl = std::move(impl);
  }
  if (node["env"]) {
    CUTOVER_ASSIGN_OR_RETURN(step.env, LoadTemplateMap(L, node["env"], key + ".env"));
  }
  if (node["timeout"]) {
    CUTOVER_ASSIGN_OR_RETURN(step.timeout_ms, L.Duration(node["timeout"], key + ".timeout", kShortestTimeoutMs));
  }
  step.shadow_timeout_ms = step.timeout_ms;
  if (node["shadow_timeout"]) {
    CUTOVER_ASSIGN_OR_RETURN(step.shadow_timeout_ms,
                             L.Duration(node["shadow_timeout"], key + ".shadow_timeout", kShortestTimeoutMs));
  }
  if (node["max_consecutive_failures"]) {
    CUTOVER_ASSIGN_OR_RETURN(int64_t v, L.WholeNumber(node["max_consecutive_failures"],
                                                      key + ".max_consecutive_failures", 1, 1000000));
    step.max_consecutive_failures = static_cast<int>(v);
  }
  if (node["policy"]) {
    if (!node["policy"].IsMap()) return L.Error(node["policy"], key + ".policy", "expected a mapping");
    step.policy = YamlToJson(node["policy"]);  // bounded: LoadYamlDocument checked the tree
    step.policy_where = L.Where(node["policy"], key + ".policy");
  }
  return step;
}

Status LoadSettings(const YamlLoader& L, const YAML::Node& node, PipelineSettings& s) {
  CUTOVER_RETURN_IF_ERROR(
      L.CheckKeys(node, "settings", {"state_dir", "ledger", "retain_scratch", "executor"}));
  if (node["executor"]) {
    CUTOVER_ASSIGN_OR_RETURN(s.executor,
                             LoadExecutor(L, node["executor"], "settings.executor", ExecutorSpec{}));
  }
  if (node["state_dir"]) {
    CUTOVER_ASSIGN_OR_RETURN(std::string v, L.Scalar(node["state_dir"], "settings.state_dir"));
    s.state_dir = v;
  }
  if (node["ledger"]) {
    CUTOVER_ASSIGN_OR_RETURN(s.ledger, L.Scalar(node["ledger"], "settings.ledger"));
  }
  if (node["retain_scratch"]) {
    CUTOVER_ASSIGN_OR_RETURN(int64_t n, L.WholeNumber(node["retain_scratch"],
                                                      "settings.retain_scratch", 0, 1000000));
    s.retain_scratch = static_cast<int>(n);
  }
  return Status::Ok();
}

Result<Pipeline> Parse(const YamlLoader& L, const YAML::Node& doc) {
  Pipeline p;
  p.file = L.root / L.file;
  p.root = L.root;
  if (!doc.IsMap()) {
    return L.Error(doc, "", "expected a mapping with `samples:` and `steps:`");
  }
  CUTOVER_RETURN_IF_ERROR(L.CheckKeys(doc, "", {"version", "settings", "samples", "steps"}));
  if (doc["version"]) {
    CUTOVER_ASSIGN_OR_RETURN(std::string v, L.Scalar(doc["version"], "version"));
    if (v != "1") return L.Error(doc["version"], "version", fmt::format("unknown version '{}' (this cutover reads version 1)", v));
  }
  if (doc["settings"]) CUTOVER_RETURN_IF_ERROR(LoadSettings(L, doc["settings"], p.settings));
  if (!doc["samples"]) return L.Error(doc, "samples", "missing `samples:` (glob, sheet or list)");
  p.samples_where = L.Where(doc["samples"], "samples");
  CUTOVER_RETURN_IF_ERROR(LoadSamples(L, doc["samples"], p));
  if (!doc["steps"] || !doc["steps"].IsMap() || doc["steps"].size() == 0) {
    return L.Error(doc["steps"] ? doc["steps"] : doc, "steps", "expected a mapping of steps");
  }
  for (const auto& kv : doc["steps"]) {
    CUTOVER_ASSIGN_OR_RETURN(
        Step step, LoadStep(L, kv.first.as<std::string>(), kv.first, kv.second, p.settings));
    CUTOVER_RETURN_IF_ERROR(CheckStepPlaceholders(L, p, step));
    p.steps.push_back(std::move(step));
  }
  return p;
}

}  // namespace

Result<Pipeline> ParsePipeline(const std::string& yaml, const std::string& file_name,
                               const fs::path& root) {
  YamlLoader L{file_name, root};
  CUTOVER_ASSIGN_OR_RETURN(YAML::Node doc, LoadYamlDocument(yaml, file_name));
  try {
    return Parse(L, doc);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: invalid YAML: {}", file_name,
                                               e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

Result<Pipeline> LoadPipeline(const fs::path& file) {
  // A regular file only: a FIFO or a device would block or never end.
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    return Status::InvalidArgument(fmt::format("pipeline file {} is not a regular file", file.string()));
  }
  constexpr off_t kLargest = off_t{64} << 20;
  if (st.st_size > kLargest) {
    return Status::InvalidArgument(fmt::format(
        "pipeline file {} is larger than 64 MB; list many samples in a sample sheet instead",
        file.string()));
  }
  std::ifstream in(file);
  if (!in) {
    return Status::NotFound(fmt::format(
        "cannot read pipeline file {} (run `cutover init` to write a starter, or use -f FILE)",
        file.string()));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  fs::path abs = fs::absolute(file).lexically_normal();
  auto p = ParsePipeline(ss.str(), file.filename().string(), abs.parent_path());
  if (p.ok()) p->file = abs;
  return p;
}

}  // namespace cutover
