#include "run/notebook_side.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "notebook/cell_error.h"
#include "notebook/notebook_file.h"
#include "notebook/python_literal.h"
#include "pipeline/step_paths.h"
#include "util/digest.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// The one placeholder name (without modifier) when the template is exactly "{name[:mod]}".
std::string SolePlaceholder(const Template& t) {
  const std::string& s = t.text;
  if (s.size() < 3 || s.front() != '{' || s.back() != '}' || s[1] == '{') return "";
  if (s.find_first_of("{}", 1) != s.size() - 1) return "";
  std::string name = s.substr(1, s.size() - 2);
  return name.substr(0, name.find(':'));
}

bool IsListPlaceholder(const Step& step, const std::string& name) {
  if (name == "input" || name == "output") return true;
  if (step.scope != StepScope::kAll || name.rfind("input.", 0) != 0) return false;
  for (const InputSpec& in : step.inputs) {
    if ("input." + in.name != name) continue;
    auto names = PlaceholderNames(in.path);
    return names.ok() && std::find(names->begin(), names->end(), "sample") != names->end();
  }
  return false;
}

}  // namespace

Result<fs::path> ResolveNotebookPath(const Implementation& impl, const Sample* sample,
                                     const fs::path& root) {
  Bindings b = SampleBindings(sample);
  b["root"] = {root.string()};
  auto rendered = RenderString(impl.notebook, b);
  if (!rendered.ok()) {
    return Status::InvalidArgument(fmt::format(
        "{} (a notebook path may only use {{root}}, {{sample}} and sample-sheet columns)",
        rendered.status().message()));
  }
  fs::path p(*rendered);
  if (p.is_relative()) p = root / p;
  return p.lexically_normal();
}

Status CheckNotebookImplementation(const Pipeline& pipeline, const Step& step,
                                   const Implementation& impl) {
  for (const auto& [name, value] : impl.parameters) {
    if (!IsPythonIdentifier(name)) {
      return Status::InvalidArgument(fmt::format(
          "{}: '{}' is not a Python variable name (letters, digits and _, not starting with a "
          "digit, not a keyword): a notebook parameter becomes `{} = value`",
          ToString(value.where), name, name));
    }
  }
  std::set<fs::path> checked;
  for (const Sample* sample : StepRenderings(pipeline, step)) {
    auto path = ResolveNotebookPath(impl, sample, pipeline.root);
    if (!path.ok()) return path.status();
    if (!checked.insert(*path).second) continue;
    auto nb = ReadNotebook(*path);
    if (!nb.ok()) {
      return Status::InvalidArgument(
          fmt::format("{}: {}", ToString(impl.notebook.where), nb.status().message()));
    }
  }
  return Status::Ok();
}

Result<std::vector<NotebookParameter>> RenderNotebookParameters(const Step& step,
                                                                const Implementation& impl,
                                                                const Bindings& bindings) {
  std::vector<NotebookParameter> out;
  for (const auto& [name, tmpl] : impl.parameters) {
    if (!IsPythonIdentifier(name)) {
      return Status::InvalidArgument(fmt::format("{}: '{}' is not a Python variable name",
                                                 ToString(tmpl.where), name));
    }
    NotebookParameter p{name, nullptr};
    std::string sole = SolePlaceholder(tmpl);
    auto typed = impl.typed_parameters.find(name);
    if (!sole.empty() && IsListPlaceholder(step, sole)) {
      CUTOVER_ASSIGN_OR_RETURN(std::vector<std::string> values, RenderArgument(tmpl, bindings));
      p.value = nlohmann::json::array();
      for (std::string& v : values) p.value.push_back(std::move(v));
    } else if (typed != impl.typed_parameters.end()) {
      p.value = typed->second;
    } else {
      CUTOVER_ASSIGN_OR_RETURN(std::string value, RenderString(tmpl, bindings));
      p.value = std::move(value);
    }
    out.push_back(std::move(p));
  }
  return out;
}

int64_t CellTimeoutSeconds(int64_t side_timeout_ms) {
  if (side_timeout_ms <= 0) return -1;
  int64_t margin = std::clamp<int64_t>(side_timeout_ms / 10, 1000, 60000);
  return std::max<int64_t>(1, (side_timeout_ms - margin) / 1000);
}

Result<std::vector<std::string>> PrepareNotebookSide(const Step& step, const Implementation& impl,
                                                     const Sample* sample,
                                                     const Bindings& bindings,
                                                     const SideLayout& layout, const fs::path& root,
                                                     int64_t side_timeout_ms) {
  CUTOVER_ASSIGN_OR_RETURN(fs::path source, ResolveNotebookPath(impl, sample, root));
  auto nb = ReadNotebook(source);
  if (!nb.ok()) return nb.status().WithContext(ToString(impl.notebook.where));
  CUTOVER_ASSIGN_OR_RETURN(std::vector<NotebookParameter> params,
                           RenderNotebookParameters(step, impl, bindings));
  InjectParameters(*nb, params);
  CUTOVER_RETURN_IF_ERROR(MakeDirectories(layout.work_dir));
  fs::path copy = layout.work_dir / source.filename();
  CUTOVER_RETURN_IF_ERROR(WriteNotebook(*nb, copy));
  CUTOVER_RETURN_IF_ERROR(MakeDirectories(layout.notebook.parent_path()));
  return std::vector<std::string>{
      "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
      fmt::format("--ExecutePreprocessor.timeout={}", CellTimeoutSeconds(side_timeout_ms)),
      // Kernels talk over socket files in the work dir, not TCP ports: kernels started at once
      // (cutover run -j N) cannot race for a port and hang until "Kernel didn't respond". A
      // loaded machine may take a while to start one.
      "--KernelManager.transport=ipc", "--ExecutePreprocessor.startup_timeout=300",
      "--output", layout.notebook.string(),
      // A bare file name: nbconvert starts the kernel in the directory of the notebook it is
      // given, and with no directory in the name that is its own working directory.
      source.filename().string()};
}

Status InspectExecutedNotebook(const SideLayout& layout) {
  auto nb = ReadNotebook(layout.notebook);
  if (!nb.ok()) {
    return Status::Failed(
        nb.status().code() == StatusCode::kNotFound
            ? fmt::format("jupyter nbconvert exited 0 but wrote no executed notebook at {}",
                          layout.notebook.string())
            : "the executed " + nb.status().message());
  }
  auto error = FirstCellError(*nb);
  if (!error) return Status::Ok();
  return Status::Failed(fmt::format("notebook {}; executed notebook: {}", ToString(*error),
                                    layout.notebook.string()));
}

std::string NbconvertErrorLine(std::string_view stderr_tail) {
  std::string_view best;
  size_t start = 0;
  while (start < stderr_tail.size()) {
    size_t nl = stderr_tail.find('\n', start);
    std::string_view line = stderr_tail.substr(start, nl == std::string_view::npos ? nl : nl - start);
    start = nl == std::string_view::npos ? stderr_tail.size() : nl + 1;
    // "pkg.module.SomeError: message" at the start of a line: a Python exception's summary.
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) continue;
    std::string_view type = line.substr(0, colon);
    bool dotted_name = std::all_of(type.begin(), type.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
    });
    bool is_exception = type.size() >= 5 && (type.substr(type.size() - 5) == "Error" ||
                                             (type.size() >= 9 && type.substr(type.size() - 9) == "Exception"));
    if (dotted_name && is_exception) best = line;
  }
  return std::string(Trim(best));
}

std::string DescribeNotebookContent(const Implementation& impl, const Sample* sample,
                                    const fs::path& root) {
  auto path = ResolveNotebookPath(impl, sample, root);
  if (!path.ok()) return "notebook-digest=unresolved\n";
  auto digest = DigestFile(*path);
  return "notebook-digest=" + (digest.ok() ? *digest : std::string("unreadable")) + "\n";
}

namespace {

class NotebookDriverImpl final : public ImplementationDriver {
 public:
  Result<PreparedCommand> Prepare(const SideInvocation& side) const override {
    PreparedCommand cmd;
    CUTOVER_ASSIGN_OR_RETURN(cmd.argv,
                             PrepareNotebookSide(side.step, side.impl, side.sample, side.bindings,
                                                 side.layout, side.root, side.timeout_ms));
    cmd.env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";  // ipykernel's debugger warnings on stderr
    return cmd;
  }
  std::string Describe(const Implementation& impl, const Sample* sample,
                       const fs::path& root) const override {
    return DescribeFields(impl, DescribeNotebookContent(impl, sample, root));
  }
  std::string InspectEnd(const ProcessResult& end, const SideLayout& layout) const override {
    // nbconvert runs with --allow-errors: exit 0 only says the notebook was executed; the
    // executed notebook says whether a cell failed.
    if (end.succeeded()) return InspectExecutedNotebook(layout).message();
    if (end.end == ProcessEnd::kExited && end.error.empty()) {
      return NbconvertErrorLine(end.stderr_tail);
    }
    return "";
  }
  Status Check(const Pipeline& pipeline, const Step& step,
               const Implementation& impl) const override {
    return CheckNotebookImplementation(pipeline, step, impl);
  }
};

}  // namespace

const ImplementationDriver& NotebookDriver() {
  static const NotebookDriverImpl driver;  // stateless
  return driver;
}

}  // namespace cutover
