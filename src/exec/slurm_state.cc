#include "exec/slurm_state.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "util/strings.h"

namespace cutover {
namespace {

struct StateName {
  SlurmJobState state;
  std::string_view name;
  std::string_view short_name;
};

constexpr StateName kStates[] = {
    {SlurmJobState::kPending, "PENDING", "PD"},
    {SlurmJobState::kRunning, "RUNNING", "R"},
    {SlurmJobState::kCompleting, "COMPLETING", "CG"},
    {SlurmJobState::kSuspended, "SUSPENDED", "S"},
    {SlurmJobState::kCompleted, "COMPLETED", "CD"},
    {SlurmJobState::kFailed, "FAILED", "F"},
    {SlurmJobState::kCancelled, "CANCELLED", "CA"},
    {SlurmJobState::kTimeout, "TIMEOUT", "TO"},
    {SlurmJobState::kNodeFail, "NODE_FAIL", "NF"},
    {SlurmJobState::kPreempted, "PREEMPTED", "PR"},
    {SlurmJobState::kOutOfMemory, "OUT_OF_MEMORY", "OOM"},
    {SlurmJobState::kBootFail, "BOOT_FAIL", "BF"},
    {SlurmJobState::kDeadline, "DEADLINE", "DL"},
    {SlurmJobState::kRevoked, "REVOKED", "RV"},
};

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!Trim(line).empty()) out.push_back(Trim(line));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::vector<std::string_view> Fields(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    size_t at = line.find(sep);
    out.push_back(line.substr(0, at));
    if (at == std::string_view::npos) return out;
    line.remove_prefix(at + 1);
  }
}

std::optional<int64_t> ParseInt(std::string_view s) {
  s = Trim(s);
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

std::string_view ToString(SlurmJobState state) {
  for (const StateName& s : kStates) {
    if (s.state == state) return s.name;
  }
  return "OTHER";
}

SlurmJobState ParseSlurmJobState(std::string_view text) {
  text = Trim(text);
  text = text.substr(0, text.find(' '));  // "CANCELLED by 0"
  if (text.size() > 1 && text.back() == '+') text.remove_suffix(1);  // sacct's "CANCELLED+"
  for (const StateName& s : kStates) {
    if (text == s.name || text == s.short_name) return s.state;
  }
  return SlurmJobState::kOther;
}

bool IsFinal(SlurmJobState state) {
  switch (state) {
    case SlurmJobState::kPending:
    case SlurmJobState::kRunning:
    case SlurmJobState::kCompleting:
    case SlurmJobState::kSuspended:
    case SlurmJobState::kOther:
      return false;
    default:
      return true;
  }
}

bool EndedByScheduler(SlurmJobState state) {
  return IsFinal(state) && state != SlurmJobState::kCompleted && state != SlurmJobState::kFailed;
}

std::string DescribeSchedulerEnd(SlurmJobState state) {
  std::string_view what;
  switch (state) {
    case SlurmJobState::kCancelled: what = "was cancelled (scancel by a user or an administrator)"; break;
    case SlurmJobState::kTimeout: what = "reached its Slurm time limit"; break;
    case SlurmJobState::kNodeFail: what = "was lost with its node (node failure)"; break;
    case SlurmJobState::kPreempted: what = "was preempted"; break;
    case SlurmJobState::kOutOfMemory: what = "ran out of its memory allocation"; break;
    case SlurmJobState::kBootFail: what = "could not start: its node failed to boot"; break;
    case SlurmJobState::kDeadline: what = "reached its deadline"; break;
    case SlurmJobState::kRevoked: what = "was revoked"; break;
    default: what = "ended"; break;
  }
  return fmt::format("{} ({})", what, ToString(state));
}

Result<int64_t> ParseSbatchJobId(std::string_view stdout_text) {
  for (std::string_view line : Lines(stdout_text)) {
    // --parsable: "42" or "42;cluster"; without it: "Submitted batch job 42".
    std::string_view id = line.substr(0, line.find(';'));
    constexpr std::string_view kPrefix = "Submitted batch job ";
    if (id.substr(0, kPrefix.size()) == kPrefix) id.remove_prefix(kPrefix.size());
    if (auto v = ParseInt(id); v && *v > 0) return *v;
  }
  return Status::Failed(fmt::format("sbatch printed no job id (output: '{}')",
                                    std::string(Trim(stdout_text))));
}

Result<std::optional<SqueueLine>> ParseSqueue(std::string_view stdout_text, int64_t job_id) {
  for (std::string_view line : Lines(stdout_text)) {
    std::vector<std::string_view> f = Fields(line, '|');
    if (f.size() < 2) {
      return Status::Corruption(fmt::format("unexpected squeue line '{}'", std::string(line)));
    }
    auto id = ParseInt(f[0]);
    if (!id) {
      return Status::Corruption(fmt::format("unexpected squeue job id '{}'", std::string(f[0])));
    }
    if (*id != job_id) continue;
    SqueueLine out;
    out.job_id = *id;
    out.state_text = std::string(Trim(f[1]));
    out.state = ParseSlurmJobState(f[1]);
    if (f.size() > 2) out.reason = std::string(Trim(f[2]));
    return std::optional<SqueueLine>(std::move(out));
  }
  return std::optional<SqueueLine>();
}

bool IsUnknownJobError(std::string_view stderr_text) {
  return Contains(stderr_text, "Invalid job id specified");
}

bool IsAccountingDisabled(std::string_view text) {
  return Contains(text, "accounting storage is disabled") ||
         Contains(text, "Slurm accounting storage is disabled");
}

bool IsSubmitLimitReached(std::string_view sbatch_stderr) {
  if (Contains(sbatch_stderr, "PerJob") || Contains(sbatch_stderr, "QOSMin")) return false;
  for (std::string_view sign :
       {"MaxSubmitJob", "job submit limit", "temporarily unable to accept job",
        "Resource temporarily unavailable", "MaxJobCount", "Maximum job count"}) {
    if (Contains(sbatch_stderr, sign)) return true;
  }
  return false;
}

Result<int64_t> ParseSlurmDurationMs(std::string_view text) {
  text = Trim(text);
  auto bad = [&] {
    return Status::Corruption(fmt::format("unexpected Slurm duration '{}'", std::string(text)));
  };
  if (text.empty()) return bad();
  int64_t days = 0;
  std::string_view rest = text;
  if (size_t dash = rest.find('-'); dash != std::string_view::npos) {
    auto d = ParseInt(rest.substr(0, dash));
    if (!d) return bad();
    days = *d;
    rest.remove_prefix(dash + 1);
  }
  int64_t millis = 0;
  if (size_t dot = rest.find('.'); dot != std::string_view::npos) {
    std::string_view frac = rest.substr(dot + 1);
    if (frac.empty() || frac.size() > 3) return bad();
    auto f = ParseInt(frac);
    if (!f) return bad();
    millis = *f;
    for (size_t i = frac.size(); i < 3; ++i) millis *= 10;
    rest = rest.substr(0, dot);
  }
  std::vector<std::string_view> parts = Fields(rest, ':');
  if (parts.size() > 3) return bad();
  std::vector<int64_t> v;
  for (std::string_view p : parts) {
    auto n = ParseInt(p);
    if (!n) return bad();
    v.push_back(*n);
  }
  // With days: D-HH[:MM[:SS]]. Without: SS (a bare number, as ElapsedRaw), MM:SS, HH:MM:SS.
  if (days > 0 || text.find('-') != std::string_view::npos) {
    while (v.size() < 3) v.push_back(0);
  } else {
    while (v.size() < 3) v.insert(v.begin(), 0);
  }
  const int64_t seconds = v[0] * 3600 + v[1] * 60 + v[2];
  return ((days * 24 * 3600) + seconds) * 1000 + millis;
}

Result<int64_t> ParseSlurmMemoryKb(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return int64_t{0};
  double scale = 1.0 / 1024;  // bytes
  char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
  if (std::isalpha(static_cast<unsigned char>(unit))) {
    switch (unit) {
      case 'K': scale = 1; break;
      case 'M': scale = 1024; break;
      case 'G': scale = 1024.0 * 1024; break;
      case 'T': scale = 1024.0 * 1024 * 1024; break;
      default:
        return Status::Corruption(fmt::format("unexpected Slurm memory size '{}'", std::string(text)));
    }
    text.remove_suffix(1);
  }
  std::string number(text);
  char* end = nullptr;
  double v = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || v < 0) {
    return Status::Corruption(fmt::format("unexpected Slurm memory size '{}'", number));
  }
  return static_cast<int64_t>(std::llround(v * scale));
}

Result<std::optional<SacctJob>> ParseSacct(std::string_view stdout_text, int64_t job_id) {
  std::optional<SacctJob> job;
  const std::string id = std::to_string(job_id);
  for (std::string_view line : Lines(stdout_text)) {
    std::vector<std::string_view> f = Fields(line, '|');
    if (f.size() < 6) {
      return Status::Corruption(fmt::format("unexpected sacct line '{}'", std::string(line)));
    }
    std::string_view jid = Trim(f[0]);
    const bool whole = jid == id;
    const bool step = jid.size() > id.size() && jid.substr(0, id.size()) == id && jid[id.size()] == '.';
    if (!whole && !step) continue;
    if (!job) job.emplace();
    CUTOVER_ASSIGN_OR_RETURN(int64_t rss, ParseSlurmMemoryKb(f[5]));
    job->max_rss_kb = std::max(job->max_rss_kb, rss);
    if (!whole) continue;
    job->state_text = std::string(Trim(f[1]));
    job->state = ParseSlurmJobState(f[1]);
    std::vector<std::string_view> code = Fields(Trim(f[2]), ':');
    if (code.size() == 2) {
      job->exit_code = static_cast<int>(ParseInt(code[0]).value_or(0));
      job->signal = static_cast<int>(ParseInt(code[1]).value_or(0));
    }
    if (!Trim(f[3]).empty()) {
      CUTOVER_ASSIGN_OR_RETURN(int64_t wall, ParseSlurmDurationMs(f[3]));
      job->wall_ms = wall;
    }
    if (!Trim(f[4]).empty()) {
      CUTOVER_ASSIGN_OR_RETURN(job->cpu_ms, ParseSlurmDurationMs(f[4]));
    }
  }
  return job;
}

std::string SlurmTimeLimit(int64_t ms) {
  int64_t minutes = (std::max<int64_t>(ms, 1) + 60000 - 1) / 60000;
  return std::to_string(std::max<int64_t>(minutes, 1));
}

}  // namespace cutover
