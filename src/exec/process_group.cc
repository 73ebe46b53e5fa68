#include "exec/process_group.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "util/file.h"
#include "util/unique_fd.h"

namespace cutover {
namespace fs = std::filesystem;

namespace {

// The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses):
// field 3 (state) is the first.
std::vector<std::string> StatFields(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string line;
  if (!in || !std::getline(in, line)) return {};
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

void Find(const fs::path& dir, int depth, const std::string& host,
          const std::set<int64_t>& dead_owners, std::vector<FoundProcessGroup>& found) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_symlink(ec)) continue;
    if (entry.is_directory(ec)) {
      if (depth > 1) Find(entry.path(), depth - 1, host, dead_owners, found);
      continue;
    }
    if (entry.path().extension() != ".group" || !entry.is_regular_file(ec)) continue;
    Result<std::string> text = ReadFile(entry.path());
    if (!text.ok()) continue;
    Result<ProcessGroupRecord> record = ParseProcessGroupRecord(*text);
    if (!record.ok() || record->host != host || !dead_owners.count(record->owner_pid)) continue;
    found.push_back({entry.path(), *record});
  }
}

}  // namespace

std::string ProcessGroupHost() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

std::string FormatProcessGroupRecord(const ProcessGroupRecord& r) {
  return fmt::format("{} {} {} {}\n", r.host, r.owner_pid, r.pgid, r.leader_start);
}

Result<ProcessGroupRecord> ParseProcessGroupRecord(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string host, owner, pgid, start;
  ProcessGroupRecord r;
  if (!(in >> host >> owner >> pgid >> start) || !ParseNumber(owner, r.owner_pid) ||
      !ParseNumber(pgid, r.pgid) || !ParseNumber(start, r.leader_start) || r.owner_pid <= 0 ||
      r.pgid <= 1) {
    return Status::InvalidArgument(fmt::format("not a process group record: '{}'", text));
  }
  r.host = host;
  return r;
}

uint64_t ProcessStartTime(pid_t pid) {
  const std::vector<std::string> f = StatFields(pid);
  uint64_t start = 0;
  // Field 22 (starttime) is index 19 counting from field 3.
  if (f.size() < 20 || !ParseNumber(f[19], start)) return 0;
  return start;
}

std::vector<pid_t> ProcessesInGroup(pid_t pgid) {
  std::vector<pid_t> members;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return members;
  while (dirent* e = ::readdir(proc)) {
    pid_t pid = 0;
    if (!ParseNumber(std::string_view(e->d_name), pid)) continue;
    const std::vector<std::string> f = StatFields(pid);
    pid_t group = 0;
    // Field 5 (pgrp) is index 2; a zombie (state Z) is already dead.
    if (f.size() > 2 && f[0] != "Z" && ParseNumber(f[2], group) && group == pgid) {
      members.push_back(pid);
    }
  }
  ::closedir(proc);
  return members;
}

Status WriteProcessGroupRecord(const fs::path& path, pid_t leader) {
  ProcessGroupRecord r{ProcessGroupHost(), ::getpid(), leader, ProcessStartTime(leader)};
  ::unlink(path.c_str());
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!fd) return Status::FromErrno("create " + path.string(), errno);
  return WriteAll(fd.get(), FormatProcessGroupRecord(r), path);
}

std::vector<FoundProcessGroup> FindProcessGroups(const fs::path& root, const std::string& host,
                                                 const std::set<int64_t>& dead_owners,
                                                 int depth) {
  std::vector<FoundProcessGroup> found;
  Find(root, depth, host, dead_owners, found);
  return found;
}

int KillLeftoverGroup(const ProcessGroupRecord& record) {
  const pid_t pgid = static_cast<pid_t>(record.pgid);
  const uint64_t leader_start = ProcessStartTime(pgid);
  if (leader_start != 0 && leader_start != record.leader_start) return 0;  // a reused pid
  const std::vector<pid_t> members = ProcessesInGroup(pgid);
  if (members.empty()) return 0;
  ::kill(-pgid, SIGKILL);
  return static_cast<int>(members.size());
}

}  // namespace cutover
