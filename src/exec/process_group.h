// The process group of a running side, recorded beside its scratch folder so that what a dead
// cutover leaves behind can be found and stopped. A side runs in its own process group; if
// cutover dies (kill -9, OOM killer), its direct child is killed with it (PR_SET_PDEATHSIG), but
// the child's own children (a shell's pipeline, a tool's workers) would live on, re-parented to
// init, and keep writing while the next run redoes the same (step, sample). The record names
// the host, the cutover process that started the side, the group and its leader's start time;
// the next run on that host, once it knows the cutover is dead (run/recovery.h), kills what is
// left of the group.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "util/status.h"

namespace cutover {

struct ProcessGroupRecord {
  std::string host;        // gethostname()
  int64_t owner_pid = 0;   // the cutover process that started the side
  int64_t pgid = 0;        // the side's process group (= its first process's pid)
  uint64_t leader_start = 0;  // the leader's start time (clock ticks since boot, /proc/PID/stat)
};

// This machine's name as records hold it.
std::string ProcessGroupHost();

// "HOST OWNER_PID PGID LEADER_START\n" and back; a malformed text is kInvalidArgument.
std::string FormatProcessGroupRecord(const ProcessGroupRecord& record);
Result<ProcessGroupRecord> ParseProcessGroupRecord(std::string_view text);

// The start time of process `pid` (field 22 of /proc/PID/stat); 0 when there is no such process.
uint64_t ProcessStartTime(pid_t pid);

// The processes whose process group is `pgid` (from /proc).
std::vector<pid_t> ProcessesInGroup(pid_t pgid);

// Records the group of the just-started `leader` at `path` (replacing a file there, never
// following a link). Not fsynced: it matters only while the machine is up.
Status WriteProcessGroupRecord(const std::filesystem::path& path, pid_t leader);

// Every record file (named *.group) under `root`, at most `depth` folder levels down (the
// scratch layout is STEP/TASK/SIDE.group: depth 3 below the scratch root), whose host is `host`
// and owner one of `dead_owners`.
struct FoundProcessGroup {
  std::filesystem::path file;
  ProcessGroupRecord record;
};
std::vector<FoundProcessGroup> FindProcessGroups(const std::filesystem::path& root,
                                                 const std::string& host,
                                                 const std::set<int64_t>& dead_owners,
                                                 int depth = 3);

// SIGKILLs what is left of a recorded group and returns how many processes were in it. A group
// whose id now belongs to another process (its leader's pid reused: a different start time) is
// left alone (0). Linux keeps a group's id from being reused while any process is in the group,
// so processes found in it whose leader is gone are the side's.
int KillLeftoverGroup(const ProcessGroupRecord& record);

}  // namespace cutover
