#include "run/implementation_driver.h"

#include <fmt/format.h>


namespace cutover {
namespace {

// Renders argv templates, each word as whole arguments (a value never splits or joins words).
Result<std::vector<std::string>> RenderWords(const std::vector<Template>& words,
                                             const Bindings& b) {
  std::vector<std::string> argv;
  for (const Template& word : words) {
    CUTOVER_ASSIGN_OR_RETURN(std::vector<std::string> args, RenderArgument(word, b));
    for (std::string& a : args) argv.push_back(std::move(a));
  }
  return argv;
}

// `command: [...]` or `command: "..."`: the program and its arguments.
class CommandDriver final : public ImplementationDriver {
 public:
  Result<PreparedCommand> Prepare(const SideInvocation& side) const override {
    PreparedCommand cmd;
    CUTOVER_ASSIGN_OR_RETURN(cmd.argv, RenderWords(side.impl.argv, side.bindings));
    return cmd;
  }
};

// `cutover: "SUBCOMMAND ..."`: a built-in, run with this very binary.
class BuiltinDriver final : public ImplementationDriver {
 public:
  Result<PreparedCommand> Prepare(const SideInvocation& side) const override {
    PreparedCommand cmd;
    CUTOVER_ASSIGN_OR_RETURN(std::vector<std::string> args,
                             RenderWords(side.impl.argv, side.bindings));
    cmd.argv.push_back(side.self_exe.string());
    for (std::string& a : args) cmd.argv.push_back(std::move(a));
    return cmd;
  }
};

// `shell: "..."`: one /bin/sh -c script, every substituted value shell-quoted.
class ShellDriver final : public ImplementationDriver {
 public:
  Result<PreparedCommand> Prepare(const SideInvocation& side) const override {
    CUTOVER_ASSIGN_OR_RETURN(std::string script, RenderShell(side.impl.script, side.bindings));
    PreparedCommand cmd;
    cmd.argv = {"/bin/sh", "-c", std::move(script)};
    return cmd;
  }
};

}  // namespace

std::string ImplementationDriver::Describe(const Implementation& impl, const Sample*,
                                           const std::filesystem::path&) const {
  return DescribeFields(impl, "");
}

std::string ImplementationDriver::InspectEnd(const ProcessResult&, const SideLayout&) const {
  return "";
}

Status ImplementationDriver::Check(const Pipeline&, const Step&, const Implementation&) const {
  return Status::Ok();
}

std::string ImplementationDriver::DescribeFields(const Implementation& impl,
                                                 std::string_view content) {
  std::string out = fmt::format("kind={}\n", ToString(impl.kind));
  for (const Template& w : impl.argv) out += "arg=" + w.text + "\n";
  if (!impl.script.text.empty()) out += "script=" + impl.script.text + "\n";
  if (!impl.notebook.text.empty()) out += "notebook=" + impl.notebook.text + "\n";
  for (const auto& [k, v] : impl.parameters) out += "param " + k + "=" + v.text + "\n";
  for (const auto& [k, v] : impl.typed_parameters) out += "typed " + k + "=" + v.dump() + "\n";
  out += content;
  for (const auto& [k, v] : impl.env) out += "env " + k + "=" + v.text + "\n";
  if (impl.timeout_ms) out += fmt::format("timeout={}\n", *impl.timeout_ms);
  for (const std::string& w : impl.watch) out += "watch=" + w + "\n";
  if (!impl.version_command.empty()) out += "version=" + impl.version_command + "\n";
  return out;
}

const ImplementationDriver& DriverFor(ImplKind kind) {
  // Stateless and constant: one instance per kind, like a table row.
  static const CommandDriver command;
  static const BuiltinDriver builtin;
  static const ShellDriver shell;
  switch (kind) {
    case ImplKind::kCommand: return command;
    case ImplKind::kBuiltin: return builtin;
    case ImplKind::kShell: return shell;
    case ImplKind::kNotebook: return NotebookDriver();
  }
  return command;
}

Status CheckImplementations(const Pipeline& pipeline) {
  for (const Step& step : pipeline.steps) {
    CUTOVER_RETURN_IF_ERROR(DriverFor(step.legacy.kind).Check(pipeline, step, step.legacy));
    if (step.new_impl) {
      CUTOVER_RETURN_IF_ERROR(DriverFor(step.new_impl->kind).Check(pipeline, step, *step.new_impl));
    }
  }
  return Status::Ok();
}

}  // namespace cutover
