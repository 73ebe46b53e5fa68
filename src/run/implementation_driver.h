// One driver per implementation kind (`command`, `shell`, `cutover`, `notebook`): everything
// about a side that depends on how its implementation is written, so that running, recording
// and fingerprinting a side never look at the kind themselves.
//
// Drivers are stateless and thread-safe; DriverFor hands out one constant instance per kind.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "exec/process.h"
#include "pipeline/pipeline.h"
#include "pipeline/template.h"
#include "run/side_command.h"
#include "util/status.h"

namespace cutover {

// What a driver renders one side of one task from.
struct SideInvocation {
  const Step& step;
  const Implementation& impl;
  const Sample* sample;      // null for an aggregate (StepScope::kAll) step
  const Bindings& bindings;  // {input...}, {output...} (in the side's work dir), {root}, ...
  const SideLayout& layout;
  const std::filesystem::path& root;      // the pipeline folder
  const std::filesystem::path& self_exe;  // this cutover binary
  int64_t timeout_ms;                     // the side's timeout (0: none)
};

// The process of a side as its driver sees it; the side's common environment (the step's and
// the implementation's `env:`, CUTOVER_*) is added over `env` by BuildProcessSpec.
struct PreparedCommand {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;
};

class ImplementationDriver {
 public:
  virtual ~ImplementationDriver() = default;

  // prepare: the command line of one side. Placeholders are substituted as whole arguments
  // (command, cutover) or shell-quoted (shell); a notebook writes its parameterised copy into
  // side.layout.work_dir. Errors name the YAML location.
  virtual Result<PreparedCommand> Prepare(const SideInvocation& side) const = 0;

  // describe: a stable text of everything in the implementation that decides what it does
  // (forms, templates, env, a notebook's content), for the resume fingerprint: when it
  // changes, what the implementation produced is no longer up to date.
  virtual std::string Describe(const Implementation& impl, const Sample* sample,
                               const std::filesystem::path& root) const;

  // inspect-failure: what cutover finds wrong itself once the process has ended ("" when
  // nothing). When the process succeeded, a non-empty answer fails the side (a notebook whose
  // cell raised, though nbconvert exited 0); when it failed, the answer explains it (the
  // exception line nbconvert printed).
  virtual std::string InspectEnd(const ProcessResult& end, const SideLayout& layout) const;

  // check: made before anything runs (`validate`, `run`, `step`, `replay`, `calibrate`), for
  // every sample the step renders for. Errors name the YAML location.
  virtual Status Check(const Pipeline& pipeline, const Step& step,
                       const Implementation& impl) const;

  // The implementation as written (forms, templates, parameters, env, timeout, watch, version),
  // without anything read from files: the "definition" part of its identity.
  static std::string DescribeDefinition(const Implementation& impl) {
    return DescribeFields(impl, "");
  }

 protected:
  // The fields every kind shares, with `content` (a digest line of what the implementation
  // reads, or "") in its fixed place.
  static std::string DescribeFields(const Implementation& impl, std::string_view content);
};

// The driver of `kind`.
const ImplementationDriver& DriverFor(ImplKind kind);

// The notebook driver (defined with the notebook sides, notebook_side.cc).
const ImplementationDriver& NotebookDriver();

// Every implementation of every step checked by its driver; the first error.
Status CheckImplementations(const Pipeline& pipeline);

}  // namespace cutover
