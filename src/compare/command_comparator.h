// `command`: an external program decides. It is run with the two paths (no shell); its exit
// status is the outcome (0 match, 1 mismatch, anything else an error, like cmp and diff) and
// the tail of its output (stdout and stderr, interleaved) is kept as the evidence.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compare/comparator.h"
#include "exec/process.h"
#include "util/status.h"

namespace cutover {

struct CommandOptions {
  // The program and its arguments. "{legacy}" and "{new}" in any word are replaced by the two
  // paths (each word stays one argument, however the paths are spelled); when no word has
  // either placeholder, the two paths are appended.
  std::vector<std::string> run;
  int64_t timeout_ms = 10 * 60 * 1000;  // then the command is killed and the outcome is kError
  int64_t max_output_bytes = 64 << 10;  // the tail of the output kept as evidence
};

// Reads `run` (required: a list of words, or a string split into words like sh would, without
// any expansion), `timeout` ("60s", "10m", or a number of seconds; > 0) and `max_output_bytes`.
// Unknown or ill-typed options are kInvalidArgument naming the option.
Result<CommandOptions> ParseCommandOptions(const nlohmann::json& options);

// Immutable after construction; Compare() is thread-safe (it needs a thread-safe runner).
class CommandComparator final : public Comparator {
 public:
  static constexpr std::string_view kKind = "command";
  // Uses the local process runner.
  static Result<std::unique_ptr<Comparator>> FromOptions(const nlohmann::json& options);

  CommandComparator(CommandOptions options, std::shared_ptr<ProcessRunner> runner);
  std::string kind() const override { return std::string(kKind); }

  // The command for one comparison: options.run with the placeholders replaced.
  std::vector<std::string> Argv(const std::filesystem::path& legacy,
                                const std::filesystem::path& new_side) const;

  // Exit 0 is kMatch, exit 1 kMismatch; another exit code, a signal, the timeout or a command
  // that cannot be started is kError. The command's stdout and stderr go to one temporary file
  // (under TMPDIR, removed afterwards) whose last max_output_bytes are kept, made valid UTF-8,
  // as one Difference at location "output" (in its `new` field; there is none when the output
  // is empty). counts: {"exit_code" (null when it did not exit), "output_bytes" (all of it)
  // [, "signal"]}.
  // The command runs in cutover's working directory with cutover's environment, stdin
  // /dev/null, in its own process group; it cannot be interrupted before its timeout (the
  // Comparator interface has no cancel token).
  Comparison Compare(const std::filesystem::path& legacy,
                     const std::filesystem::path& new_side) const override;

 private:
  const CommandOptions options_;
  const std::shared_ptr<ProcessRunner> runner_;
  const bool has_placeholder_;  // some word of options_.run holds {legacy} or {new}
};

}  // namespace cutover
