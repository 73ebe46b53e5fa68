// The state folder (<root>/.cutover by default) and the folders cutover makes inside it: they
// must be real folders. Anyone who can write into the project could otherwise replace one with
// a symbolic link and make a run create, truncate or delete files elsewhere with the runner's
// privileges (docs/routing.md, "What cutover protects against").
#pragma once

#include <filesystem>

#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

// Refuses a state folder, or any of its fixed subfolders (locks, locks/runs, locks/STEP,
// scratch, scratch/STEP for every step of `pipeline`), that is a symbolic link or not a folder,
// naming it; then creates the state folder if it is missing. Folders made later below these
// are created with MakeDirectoriesWithin (util/file.h), which never follows a link.
Status PrepareStateFolder(const std::filesystem::path& state, const Pipeline& pipeline);

}  // namespace cutover
