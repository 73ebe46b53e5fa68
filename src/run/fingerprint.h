// The resume fingerprint of a task: everything that decides what its published outputs are.
#pragma once

#include <string>

#include "ledger/records.h"
#include "pipeline/pipeline.h"
#include "pipeline/step_paths.h"
#include "route/route.h"
#include "util/status.h"

namespace cutover {

// Every input file of the task with its size and content digest, in declaration order (an
// input with several files, e.g. an aggregate step's {sample} input, gives one record per
// file). Reads each file once. A missing or unreadable input is kNotFound naming it.
Result<std::vector<InputRecord>> DigestInputs(const Step& step, const StepPaths& paths);

// The same, with the state of each file as it was before it was read (device, inode, size,
// modification and change times: what a write or a replacement changes).
struct InputDigests {
  std::vector<InputRecord> records;
  std::vector<std::string> file_states;  // one per record; "" when it could not be examined
};
// DigestInputs that does not read again a file whose state is the one `earlier` recorded for
// the same path: a task looks at its inputs before and again after it takes its lock, and reads
// them once when nothing changed in between. `earlier` may be null.
Result<InputDigests> DigestInputsReusing(const Step& step, const StepPaths& paths,
                                         const InputDigests* earlier);

// OK when `now` (DigestInputs today) holds exactly the inputs `original` recorded, with the same
// digests: a replay would see the same data. kFailed naming the input that changed, vanished
// or appeared otherwise (or saying the task recorded no inputs).
Status CheckSameInputs(const Step& step, const TaskRecord& original,
                       const std::vector<InputRecord>& now);

// Digest over: the step's name and env, the sample's bindings, every input's path and content
// digest (`inputs`, from DigestInputs), every output's path, the execution plan (serving side,
// shadow, fallback) and the implementation of each side that runs (a notebook's content
// included; `root` is the pipeline folder it is found from), with `identity_extra`: what else
// the implementations' identities hold (ImplementationIdentity::FingerprintExtra of each side
// that runs: the files their commands name, watched files, versions).
std::string TaskFingerprint(const Step& step, const Sample* sample, const StepPaths& paths,
                            const std::vector<InputRecord>& inputs, const ExecutionPlan& plan,
                            const std::filesystem::path& root,
                            std::string_view identity_extra = "");

}  // namespace cutover
