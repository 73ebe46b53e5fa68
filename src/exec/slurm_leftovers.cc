#include "exec/slurm_leftovers.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "exec/slurm_job.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

int64_t ParseId(std::string_view text) {
  text = Trim(text);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  return ec == std::errc() && end == text.data() + text.size() && id > 0 ? id : 0;
}

void Visit(const fs::path& dir, int depth, const std::string& host,
           const std::set<int64_t>& dead_pids, std::vector<int64_t>* ids) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_directory(ec)) continue;
    SlurmJobFiles files{entry.path()};
    if (auto submitter = ReadFile(files.submitter()); submitter.ok()) {
      std::string_view line = Trim(*submitter);
      size_t space = line.rfind(' ');
      if (space == std::string_view::npos || line.substr(0, space) != host) continue;
      if (!dead_pids.count(ParseId(line.substr(space + 1)))) continue;
      if (fs::exists(files.result(), ec)) continue;  // the job finished its side
      auto id_text = ReadFile(files.job_id());
      int64_t id = id_text.ok() ? ParseId(*id_text) : 0;
      if (id > 0) ids->push_back(id);
      continue;
    }
    if (depth > 1) Visit(entry.path(), depth - 1, host, dead_pids, ids);
  }
}

}  // namespace

std::string SlurmSubmitter(const std::string& host, int64_t pid) {
  return fmt::format("{} {}", host, pid);
}

std::vector<int64_t> FindLeftoverSlurmJobs(const fs::path& root, const std::string& host,
                                           const std::set<int64_t>& dead_pids, int depth) {
  std::vector<int64_t> ids;
  if (!dead_pids.empty()) Visit(root, depth, host, dead_pids, &ids);
  std::sort(ids.begin(), ids.end());
  return ids;
}

Status CancelSlurmJobs(ProcessRunner& runner, const std::vector<int64_t>& ids,
                       const fs::path& stderr_path, const std::string& scancel) {
  if (ids.empty()) return Status::Ok();
  ProcessSpec spec;
  spec.argv.push_back(scancel);
  for (int64_t id : ids) spec.argv.push_back(std::to_string(id));
  spec.stderr_path = stderr_path;
  spec.timeout_ms = 60000;
  CancelToken never;  // a Ctrl-C now must not leave the cancel half-done
  ProcessResult r = runner.Run(spec, never);
  if (r.succeeded()) return Status::Ok();
  std::string why = LastLine(r.stderr_tail);
  if (why.empty()) why = !r.error.empty() ? r.error : std::string(ToString(r.end));
  return Status::IoError(fmt::format("{}: {}", scancel, why));
}

}  // namespace cutover
