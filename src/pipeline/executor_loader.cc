#include "pipeline/executor_loader.h"

#include <regex>

#include <fmt/format.h>

namespace cutover {

Result<ExecutorSpec> LoadExecutor(const YamlLoader& L, const YAML::Node& node,
                                  const std::string& key, const ExecutorSpec& base) {
  auto kind_of = [&](const YAML::Node& n, const std::string& k) -> Result<ExecutorKind> {
    CUTOVER_ASSIGN_OR_RETURN(std::string v, L.Scalar(n, k));
    if (v == "local") return ExecutorKind::kLocal;
    if (v == "slurm") return ExecutorKind::kSlurm;
    return L.Error(n, k, fmt::format("'{}' is not an executor (local or slurm)", v));
  };
  ExecutorSpec spec;
  if (node.IsScalar()) {
    CUTOVER_ASSIGN_OR_RETURN(spec.kind, kind_of(node, key));
    spec.where = L.Where(node, key);
    return spec;
  }
  CUTOVER_RETURN_IF_ERROR(L.CheckKeys(node, key, {"kind", "partition", "cpus", "mem", "time",
                                                  "queue_limit", "account", "qos",
                                                  "sbatch_args"}));
  if (node["kind"]) {
    CUTOVER_ASSIGN_OR_RETURN(spec.kind, kind_of(node["kind"], key + ".kind"));
  } else {
    spec = base;
  }
  spec.where = L.Where(node, key);
  auto name = [&](const char* k, std::string* out) -> Status {
    if (!node[k]) return Status::Ok();
    CUTOVER_ASSIGN_OR_RETURN(std::string v, L.Scalar(node[k], key + "." + k));
    if (v.empty() || std::any_of(v.begin(), v.end(), [](char c) {
          return std::isspace(static_cast<unsigned char>(c)) != 0;
        })) {
      return L.Error(node[k], key + "." + k, fmt::format("'{}' is not a Slurm {} name", v, k));
    }
    *out = v;
    return Status::Ok();
  };
  CUTOVER_RETURN_IF_ERROR(name("partition", &spec.partition));
  CUTOVER_RETURN_IF_ERROR(name("account", &spec.account));
  CUTOVER_RETURN_IF_ERROR(name("qos", &spec.qos));
  if (node["cpus"]) {
    CUTOVER_ASSIGN_OR_RETURN(int64_t n, L.WholeNumber(node["cpus"], key + ".cpus", 1, 100000));
    spec.cpus = static_cast<int>(n);
  }
  if (node["mem"]) {
    CUTOVER_ASSIGN_OR_RETURN(std::string v, L.Scalar(node["mem"], key + ".mem"));
    static const std::regex kMem("[0-9]+[KMGTkmgt]?");
    if (!std::regex_match(v, kMem)) {
      return L.Error(node["mem"], key + ".mem",
                     fmt::format("'{}' is not a memory size (a number of megabytes, or with a "
                                 "K, M, G or T suffix: 4G)", v));
    }
    spec.mem = v;
  }
  if (node["time"]) {
    CUTOVER_ASSIGN_OR_RETURN(int64_t t, L.Duration(node["time"], key + ".time"));
    if (t <= 0) return L.Error(node["time"], key + ".time", "a time limit must be positive");
    spec.time_limit_ms = t;
  }
  if (node["queue_limit"]) {
    CUTOVER_ASSIGN_OR_RETURN(int64_t t, L.Duration(node["queue_limit"], key + ".queue_limit"));
    if (t <= 0) {
      return L.Error(node["queue_limit"], key + ".queue_limit", "a queue limit must be positive");
    }
    spec.queue_limit_ms = t;
  }
  if (node["sbatch_args"]) {
    const YAML::Node& list = node["sbatch_args"];
    if (!list.IsSequence()) {
      return L.Error(list, key + ".sbatch_args", "expected a list of sbatch arguments");
    }
    spec.sbatch_args.clear();
    for (const auto& item : list) {
      CUTOVER_ASSIGN_OR_RETURN(std::string a, L.Scalar(item, key + ".sbatch_args"));
      spec.sbatch_args.push_back(a);
    }
  }
  if (spec.kind == ExecutorKind::kLocal) {
    for (const char* k :
         {"partition", "cpus", "mem", "time", "queue_limit", "account", "qos", "sbatch_args"}) {
      if (node[k]) {
        return L.Error(node[k], key + "." + k,
                       fmt::format("`{}` is a Slurm option, but this executor is local (add "
                                   "`kind: slurm`)", k));
      }
    }
  }
  return spec;
}

}  // namespace cutover
