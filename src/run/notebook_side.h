// Notebook implementations (`notebook: path.ipynb` with `parameters:`) as side processes:
// where the notebook is, how its parameters are rendered, the parameterised copy written into
// the side's scratch folder, the `jupyter nbconvert --execute` command line, and reading the
// executed notebook back to find a failing cell. docs/pipeline-file.md describes the rules.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "notebook/parameter_cell.h"
#include "pipeline/pipeline.h"
#include "pipeline/template.h"
#include "run/implementation_driver.h"
#include "run/side_command.h"
#include "util/status.h"

namespace cutover {

// The notebook file of `impl` (kNotebook) for `sample` (null for an aggregate step): its
// template rendered with {root}, {sample} and sample-sheet columns; a relative path is relative
// to `root`. Other placeholders are an error naming the YAML location.
Result<std::filesystem::path> ResolveNotebookPath(const Implementation& impl, const Sample* sample,
                                                  const std::filesystem::path& root);

// The driver of notebook implementations (NotebookDriver(), implementation_driver.h):
// prepare is PrepareNotebookSide, describe adds DescribeNotebookContent, inspect-failure is
// InspectExecutedNotebook after exit 0 and NbconvertErrorLine after a failure, and check is
// CheckNotebookImplementation.

// The check made before anything runs (`validate`, `run`, `step`, `replay`, `calibrate`) on one
// notebook implementation of `step`: for every sample, the notebook file exists, is JSON and
// nbformat 4, and every parameter name is a Python identifier. Errors name the YAML location
// (file:line:column: key) and the notebook file.
Status CheckNotebookImplementation(const Pipeline& pipeline, const Step& step,
                                   const Implementation& impl);

// The parameters as Python values, in name order:
// - a value that is exactly one placeholder that can stand for several paths — `{input}`,
//   `{output}`, or `{input.NAME}` in a `scope: all` step whose input path uses {sample} — is a
//   list of strings (even with one element);
// - an unquoted YAML number, boolean or null (`threads: 4`) keeps its type;
// - everything else is the rendered template, a string.
Result<std::vector<NotebookParameter>> RenderNotebookParameters(const Step& step,
                                                                const Implementation& impl,
                                                                const Bindings& bindings);

// nbconvert's per-cell timeout (--ExecutePreprocessor.timeout, whole seconds) for a side
// timeout: a little shorter than the side's own, so that a single hanging cell is stopped by
// nbconvert (which shuts the kernel down cleanly) before cutover kills the process group.
// -1 (no limit) when the side has no timeout.
int64_t CellTimeoutSeconds(int64_t side_timeout_ms);

// Reads the notebook, injects the parameters, writes the parameterised copy into
// layout.work_dir (under the notebook's file name; the work dir is created) and returns the
// command line: jupyter nbconvert --to notebook --execute --allow-errors, run from the work dir
// (so the kernel's working directory is the side's scratch folder), writing the executed
// notebook to layout.notebook. The user's notebook is never modified.
Result<std::vector<std::string>> PrepareNotebookSide(const Step& step, const Implementation& impl,
                                                     const Sample* sample,
                                                     const Bindings& bindings,
                                                     const SideLayout& layout,
                                                     const std::filesystem::path& root,
                                                     int64_t side_timeout_ms);

// After nbconvert exited 0: OK when the executed notebook exists and no cell raised; otherwise
// kFailed with the first failing cell (index, In [N], ename: evalue, innermost frame) and the
// executed notebook's path.
Status InspectExecutedNotebook(const SideLayout& layout);

// After nbconvert failed (non-zero exit): the last Python exception line of its stderr
// ("nbclient.exceptions.CellTimeoutError: A cell timed out ..."), or "" when there is none.
std::string NbconvertErrorLine(std::string_view stderr_tail);

// "notebook-digest=<XXH3 of the file>" (or "notebook-digest=unreadable"), for the resume
// fingerprint: editing the notebook re-runs its step.
std::string DescribeNotebookContent(const Implementation& impl, const Sample* sample,
                                    const std::filesystem::path& root);

}  // namespace cutover
