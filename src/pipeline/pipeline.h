// The in-memory model of a cutover.yaml pipeline file. Plain values; built by LoadPipeline
// (loader.h) and read by everything above. Constant after loading.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cutover {

// Where something was written in the pipeline file. 1-based line and column.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string key;  // dotted key path, e.g. "steps.qc.legacy.command"
};
// "cutover.yaml:12:5: steps.qc.legacy.command"
std::string ToString(const SourceLocation& where);

// A string with {placeholders}, kept unrendered until a sample is known (template.h renders it).
struct Template {
  std::string text;
  SourceLocation where;
};

enum class ImplKind {
  kCommand,   // argv, each word a template; values are substituted as whole arguments
  kShell,     // one /bin/sh -c script; every substituted value is shell-quoted
  kBuiltin,   // `cutover <subcommand> ...`: argv without the program, run with this binary
  kNotebook,  // a Jupyter notebook with parameters (run through jupyter nbconvert)
};
std::string_view ToString(ImplKind kind);

struct Implementation {
  ImplKind kind = ImplKind::kCommand;
  std::vector<Template> argv;            // kCommand, kBuiltin (builtin: without "cutover")
  Template script;                       // kShell
  Template notebook;                     // kNotebook: path to the .ipynb
  std::map<std::string, Template> parameters;  // kNotebook: NAME -> value (a template)
  // kNotebook: the parameters written as unquoted YAML numbers, booleans or null (`threads: 4`),
  // as those JSON values; they reach the notebook typed. Every other parameter is a string.
  std::map<std::string, nlohmann::json> typed_parameters;
  std::map<std::string, Template> env;   // merged over the step's env
  std::optional<int64_t> timeout_ms;     // overrides the step's timeout for this side
  // Part of the implementation's identity (run/implementation_identity.h) besides what the
  // command names: files or shell patterns relative to the pipeline folder (`lib/*.py`,
  // `env.lock`; a folder means every file below it), and a command whose output names the
  // version of what runs (`fastqc --version`), run once per cutover process.
  std::vector<std::string> watch;
  std::string version_command;
  SourceLocation version_where;  // of `version:`
  SourceLocation where;
};

// Where a step's sides run: here, as child processes (the default), or each as its own Slurm
// batch job (docs/executors.md).
enum class ExecutorKind { kLocal, kSlurm };
std::string_view ToString(ExecutorKind kind);

struct ExecutorSpec {
  ExecutorKind kind = ExecutorKind::kLocal;
  // Slurm only; ""/0/nullopt leave the choice to sbatch (the cluster's defaults).
  std::string partition;
  int cpus = 0;                       // --cpus-per-task
  std::string mem;                    // --mem: a number with an optional K/M/G/T suffix
  std::optional<int64_t> time_limit_ms;  // --time; default: the side's timeout plus a margin
  // cutover's own: how long a job may wait in the queue before cutover cancels it and the side
  // fails; nullopt = no limit.
  std::optional<int64_t> queue_limit_ms;
  std::string account;
  std::string qos;
  std::vector<std::string> sbatch_args;  // passed to sbatch as given
  SourceLocation where;               // of the `executor:` that decided it ("" = the default)
};

// How one output is compared between the two sides. `kind` names a comparator
// ("bytes", "text", ...); `options` holds the rest of the YAML mapping, converted to JSON, and is
// validated by the comparator factory, not here.
struct CompareSpec {
  std::string kind = "bytes";
  nlohmann::json options = nlohmann::json::object();
  SourceLocation where;
};

struct InputSpec {
  std::string name;  // "reads"; an input given as a bare string or list item gets "input1"...
  Template path;     // relative to the pipeline root unless absolute
};

struct OutputSpec {
  std::string name;
  Template path;  // relative to the pipeline root; must not be absolute or contain ".."
  CompareSpec compare;
};

// Whether a step runs once per sample or once over all samples (an aggregate, like a weekly
// report). In an aggregate step, an input template that mentions {sample} expands to one path
// per sample; outputs must not mention {sample}.
enum class StepScope { kPerSample, kAll };

struct Step {
  std::string name;
  SourceLocation where;
  StepScope scope = StepScope::kPerSample;
  std::vector<InputSpec> inputs;
  std::vector<OutputSpec> outputs;
  Implementation legacy;
  std::optional<Implementation> new_impl;
  std::map<std::string, Template> env;
  int64_t timeout_ms = 3600 * 1000;         // a side running longer is killed (process group)
  int64_t shadow_timeout_ms = 3600 * 1000;  // the non-serving side's own limit
  int max_consecutive_failures = 3;         // new-side serving failures before auto-rollback
  ExecutorSpec executor;                    // resolved: the step's own over settings.executor
  nlohmann::json policy = nlohmann::json::object();  // gate settings, read by the evidence layer
  SourceLocation policy_where;                        // of `policy:` (or of the step)
};

struct Sample {
  std::string name;
  std::map<std::string, std::string> columns;  // sample-sheet columns (besides "sample")
};

struct PipelineSettings {
  std::filesystem::path state_dir = ".cutover";  // relative to the pipeline root
  std::string ledger;                            // "" = sqlite in state_dir; else a URL
  int retain_scratch = 20;  // keep the scratch folders of the last N executions per step
  ExecutorSpec executor;    // the default for every step
};

struct Pipeline {
  std::filesystem::path file;  // the cutover.yaml that was loaded (absolute)
  std::filesystem::path root;  // its directory; relative paths resolve against it
  PipelineSettings settings;
  std::vector<Sample> samples;  // in sheet order, or sorted by name for a glob
  std::vector<Step> steps;      // in file order
  SourceLocation samples_where;
  std::filesystem::path sample_sheet;  // absolute and normal; empty unless `samples: {sheet: ...}`

  // The state folder, absolute and normal.
  std::filesystem::path StateDir() const;

  const Step* FindStep(std::string_view name) const;
  const Sample* FindSample(std::string_view name) const;
};

// The samples a step renders for: every sample, or one null entry for an aggregate step (its
// single rendering over all samples).
std::vector<const Sample*> StepRenderings(const Pipeline& pipeline, const Step& step);

// The sample name recorded for executions of a StepScope::kAll step.
inline constexpr std::string_view kAllSamples = "*";

}  // namespace cutover
