#include "run/scratch.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

#include <fmt/format.h>

#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;

std::vector<int64_t> ListTaskFolders(const fs::path& dir) {
  std::error_code ec;
  std::vector<int64_t> ids;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    int64_t id = 0;
    if (name.empty() || !std::all_of(name.begin(), name.end(), digit)) continue;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
    if (ec == std::errc() && end == name.data() + name.size()) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<int64_t> ScratchToRemove(const std::vector<int64_t>& ids, int keep,
                                     const std::set<int64_t>& active) {
  const size_t kept = static_cast<size_t>(std::max(0, keep));
  std::vector<int64_t> out;
  for (size_t i = 0; i + kept < ids.size(); ++i) {
    if (!active.count(ids[i])) out.push_back(ids[i]);
  }
  return out;
}

void CleanScratch(const RunContext& ctx, const Step& step,
                  const std::function<std::set<int64_t>()>& active_tasks) {
  const fs::path dir = ctx.ScratchDir() / step.name;
  const std::vector<int64_t> ids = ListTaskFolders(dir);
  const int keep = ctx.pipeline->settings.retain_scratch;
  if (static_cast<int>(ids.size()) <= std::max(0, keep)) return;
  const std::vector<int64_t> candidates = ScratchToRemove(ids, keep, active_tasks());
  const std::string owner = fmt::format("pid {} on {}, cleaning old scratch folders of {}",
                                        ::getpid(), ctx.host, step.name);
  for (int64_t id : candidates) {
    auto other = ctx.ledger->GetTask(id);
    if (!other.ok()) continue;  // not known to the ledger: not ours to judge
    auto lock = ctx.task_locks->TryAcquire(step.name, other->sample, owner, nullptr);
    if (!lock.ok() || !*lock) continue;
    lock->reset();
    // Relative to a handle on `dir`, never following a link (a planted one removes only itself).
    (void)RemoveTreeAt(dir, std::to_string(id));
  }
}

}  // namespace cutover
