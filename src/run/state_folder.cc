#include "run/state_folder.h"

#include <vector>

#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;

Status PrepareStateFolder(const fs::path& state, const Pipeline& pipeline) {
  CUTOVER_RETURN_IF_ERROR(RefuseLinkedFolder(state, "the state folder"));
  std::vector<fs::path> inside = {state / "locks", state / "locks" / "runs", state / "scratch"};
  for (const Step& step : pipeline.steps) {
    inside.push_back(state / "locks" / step.name);
    inside.push_back(state / "scratch" / step.name);
  }
  for (const fs::path& dir : inside) CUTOVER_RETURN_IF_ERROR(RefuseLinkedFolder(dir, "the folder"));
  return MakeDirectories(state);
}

}  // namespace cutover
