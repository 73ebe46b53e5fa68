#include "exec/slurm_job.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

Status CheckFormat(const json& j, std::string_view what) {
  if (!j.is_object() || j.value("format", "") != kSlurmJobFormat) {
    return Status::Corruption(
        fmt::format("{} is not a '{}' file (written by another cutover version?)", what,
                    kSlurmJobFormat));
  }
  return Status::Ok();
}

Result<json> ParseJson(std::string_view text, std::string_view what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corruption(fmt::format("{} is not valid JSON", what));
  CUTOVER_RETURN_IF_ERROR(CheckFormat(j, what));
  return j;
}

Result<ProcessEnd> ParseEnd(std::string_view s) {
  for (ProcessEnd e : {ProcessEnd::kExited, ProcessEnd::kSignaled, ProcessEnd::kTimedOut,
                       ProcessEnd::kCancelled, ProcessEnd::kSpawnFailed,
                       ProcessEnd::kSchedulerKilled}) {
    if (ToString(e) == s) return e;
  }
  return Status::Corruption(fmt::format("unknown process end '{}'", s));
}

}  // namespace

std::string ProcessSpecToJson(const ProcessSpec& spec) {
  json j;
  j["format"] = kSlurmJobFormat;
  j["argv"] = spec.argv;
  j["cwd"] = spec.cwd.string();
  j["env"] = spec.env;
  j["timeout_ms"] = spec.timeout_ms;
  j["kill_grace_ms"] = spec.kill_grace_ms;
  j["stdout_path"] = spec.stdout_path.string();
  j["stderr_path"] = spec.stderr_path.string();
  j["stderr_tail_bytes"] = spec.stderr_tail_bytes;
  return j.dump(2) + "\n";
}

Result<ProcessSpec> ProcessSpecFromJson(std::string_view text) {
  CUTOVER_ASSIGN_OR_RETURN(json j, ParseJson(text, "spec.json"));
  ProcessSpec spec;
  try {
    spec.argv = j.at("argv").get<std::vector<std::string>>();
    spec.cwd = j.at("cwd").get<std::string>();
    spec.env = j.at("env").get<std::map<std::string, std::string>>();
    spec.timeout_ms = j.at("timeout_ms").get<int64_t>();
    spec.kill_grace_ms = j.at("kill_grace_ms").get<int64_t>();
    spec.stdout_path = j.at("stdout_path").get<std::string>();
    spec.stderr_path = j.at("stderr_path").get<std::string>();
    spec.stderr_tail_bytes = j.at("stderr_tail_bytes").get<size_t>();
  } catch (const json::exception& e) {
    return Status::Corruption(fmt::format("spec.json: {}", e.what()));
  }
  return spec;
}

std::string ProcessResultToJson(const ProcessResult& r) {
  json j;
  j["format"] = kSlurmJobFormat;
  j["end"] = ToString(r.end);
  j["exit_code"] = r.exit_code;
  j["signal"] = r.signal;
  j["wall_ms"] = r.wall_ms;
  j["cpu_ms"] = r.cpu_ms;
  j["max_rss_kb"] = r.max_rss_kb;
  // Not valid UTF-8 in general (a tool's stderr): dump() would throw, so bytes pass as Latin-1.
  std::string tail;
  for (unsigned char c : r.stderr_tail) {
    if (c < 0x80) {
      tail += static_cast<char>(c);
    } else {
      tail += static_cast<char>(0xC0 | (c >> 6));
      tail += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  j["stderr_tail_latin1"] = tail;
  j["error"] = r.error;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<ProcessResult> ProcessResultFromJson(std::string_view text) {
  CUTOVER_ASSIGN_OR_RETURN(json j, ParseJson(text, "result.json"));
  ProcessResult r;
  try {
    CUTOVER_ASSIGN_OR_RETURN(r.end, ParseEnd(j.at("end").get<std::string>()));
    r.exit_code = j.at("exit_code").get<int>();
    r.signal = j.at("signal").get<int>();
    r.wall_ms = j.at("wall_ms").get<int64_t>();
    r.cpu_ms = j.at("cpu_ms").get<int64_t>();
    r.max_rss_kb = j.at("max_rss_kb").get<int64_t>();
    std::string tail = j.at("stderr_tail_latin1").get<std::string>();
    for (size_t i = 0; i < tail.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(tail[i]);
      if (c >= 0xC0 && i + 1 < tail.size()) {
        r.stderr_tail += static_cast<char>(((c & 0x03) << 6) | (tail[++i] & 0x3F));
      } else {
        r.stderr_tail += static_cast<char>(c);
      }
    }
    r.error = j.at("error").get<std::string>();
  } catch (const json::exception& e) {
    return Status::Corruption(fmt::format("result.json: {}", e.what()));
  }
  return r;
}

std::string SlurmJobScript(const fs::path& cutover, const fs::path& dir) {
  return fmt::format(
      "#!/bin/sh\n"
      "# Written by cutover: runs one side of one step in this Slurm job (docs/executors.md).\n"
      "exec {} slurm-job {}\n",
      ShellQuote(cutover.string()), ShellQuote(dir.string()));
}

Result<ProcessResult> RunSlurmJobInside(const fs::path& dir, ProcessRunner& runner,
                                        const CancelToken& cancel) {
  SlurmJobFiles files{dir};
  CUTOVER_ASSIGN_OR_RETURN(std::string text, ReadFile(files.spec()));
  CUTOVER_ASSIGN_OR_RETURN(ProcessSpec spec, ProcessSpecFromJson(text));
  ProcessResult result = runner.Run(spec, cancel);
  if (cancel.cancelled() && result.end != ProcessEnd::kSpawnFailed) {
    // Stopped from outside (Slurm's SIGTERM at a time limit or scancel), even if the side
    // itself died of the same signal first: the submitter asks Slurm why.
    result.end = ProcessEnd::kCancelled;
  }
  CUTOVER_RETURN_IF_ERROR(WriteFileAtomic(files.result(), ProcessResultToJson(result)));
  return result;
}

int WrapperExitCode(const ProcessResult& r) {
  if (r.end == ProcessEnd::kExited) return r.exit_code;
  if (r.end == ProcessEnd::kSignaled && r.signal > 0) return 128 + r.signal;
  return 1;
}

}  // namespace cutover
