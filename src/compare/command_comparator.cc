#include "compare/command_comparator.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "compare/comparator_options.h"
#include "compare/excerpt.h"
#include "util/cancel.h"
#include "util/file_tail.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKindName = CommandComparator::kKind;
constexpr std::string_view kLegacy = "{legacy}";
constexpr std::string_view kNew = "{new}";
constexpr size_t kMessageLineBytes = 200;  // of the output's last line in an error message

Status InvalidOption(std::string_view name, std::string_view what, const nlohmann::json& value) {
  return Status::InvalidArgument(
      fmt::format("comparator '{}': option '{}' must be {}, got {}", kKindName, name, what,
                  value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

bool HasPlaceholder(std::string_view word) {
  return word.find(kLegacy) != std::string_view::npos || word.find(kNew) != std::string_view::npos;
}

// `word` with every {legacy} and {new} replaced, in one left-to-right pass: a replacement is
// never scanned again, so a path that contains "{new}" stays as it is.
std::string Substitute(std::string_view word, const std::string& legacy, const std::string& fresh) {
  std::string out;
  while (!word.empty()) {
    if (word.starts_with(kLegacy)) {
      out += legacy;
      word.remove_prefix(kLegacy.size());
    } else if (word.starts_with(kNew)) {
      out += fresh;
      word.remove_prefix(kNew.size());
    } else {
      out += word.front();
      word.remove_prefix(1);
    }
  }
  return out;
}

// A temporary file that is removed when this goes out of scope.
class TempFile {
 public:
  static Result<std::unique_ptr<TempFile>> Create() {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    if (ec) return Status::IoError("no temporary directory: " + ec.message());
    std::string tmpl = (dir / "cutover_command_XXXXXX").string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return Status::FromErrno("create " + tmpl, errno);
    ::close(fd);
    return std::unique_ptr<TempFile>(new TempFile(tmpl));
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }

 private:
  explicit TempFile(fs::path path) : path_(std::move(path)) {}
  const fs::path path_;
};

// The last `max_bytes` of the file (nothing when 0), from a line start when cut and then marked
// "[…N bytes]"; valid UTF-8.
struct Output {
  std::string tail;
  uint64_t bytes = 0;
};

Result<Output> ReadTail(const fs::path& path, size_t max_bytes) {
  CUTOVER_ASSIGN_OR_RETURN(FileTail tail, ReadFileTail(path, max_bytes));
  Output out;
  out.bytes = tail.size;
  if (max_bytes == 0) return out;
  if (tail.cut()) out.tail = fmt::format("[…{} bytes]\n", tail.size - tail.text.size());
  out.tail += ValidUtf8(tail.text);
  return out;
}

// The last non-empty line of `text` (util/strings.h), shortened for a one-line message.
std::string ShortLastLine(std::string_view text) {
  return Excerpt(LastLine(text), 0, kMessageLineBytes);
}

// The first non-empty line of the command's output (what a tool like `cutover compare` or
// `diff -q` says first: its verdict), shortened for a message; "" when there is none.
std::string FirstOutputLine(const fs::path& path) {
  char buf[4096];
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return "";
  const ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n <= 0) return "";
  std::string_view text(buf, static_cast<size_t>(n));
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = Trim(text.substr(0, end));
    if (!line.empty()) return Excerpt(line, 0, kMessageLineBytes);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return "";
}

}  // namespace

Result<CommandOptions> ParseCommandOptions(const nlohmann::json& options) {
  CUTOVER_RETURN_IF_ERROR(
      CheckOptionNames(kKindName, options, {"run", "timeout", "max_output_bytes"}));
  CommandOptions out;
  const nlohmann::json* run = nullptr;
  if (options.is_object()) {
    auto it = options.find("run");
    if (it != options.end() && !it->is_null()) run = &*it;
  }
  if (run == nullptr) {
    return Status::InvalidArgument(fmt::format(
        "comparator '{}': option 'run' is required (the command, e.g. run: \"cmp {{legacy}} "
        "{{new}}\")",
        kKindName));
  }
  if (run->is_string()) {
    auto words = SplitWords(run->get_ref<const std::string&>());
    if (!words.ok()) {
      return Status::InvalidArgument(
          fmt::format("comparator '{}': option 'run': {}", kKindName, words.status().message()));
    }
    out.run = std::move(words).value();
  } else if (run->is_array()) {
    for (const nlohmann::json& word : *run) {
      if (!word.is_string()) return InvalidOption("run", "a string or a list of strings", *run);
      out.run.push_back(word.get<std::string>());
    }
  } else {
    return InvalidOption("run", "a string or a list of strings", *run);
  }
  if (out.run.empty() || out.run.front().empty()) {
    return InvalidOption("run", "a command (its first word the program)", *run);
  }
  if (options.contains("timeout") && !options["timeout"].is_null()) {
    const nlohmann::json& t = options["timeout"];
    std::string text;
    if (t.is_string()) {
      text = t.get<std::string>();
    } else if (t.is_number_integer() || t.is_number_unsigned()) {
      text = t.dump();
    } else {
      return InvalidOption("timeout", "a duration such as \"60s\" or \"10m\"", t);
    }
    auto ms = ParseDurationMs(text);
    if (!ms.ok() || *ms <= 0) {
      return InvalidOption("timeout", "a duration such as \"60s\" or \"10m\"", t);
    }
    out.timeout_ms = *ms;
  }
  CUTOVER_RETURN_IF_ERROR(
      ReadIntOption(kKindName, options, "max_output_bytes", 0, 64 << 20, &out.max_output_bytes));
  return out;
}

Result<std::unique_ptr<Comparator>> CommandComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(CommandOptions parsed, ParseCommandOptions(options));
  std::shared_ptr<ProcessRunner> runner = MakeLocalProcessRunner();
  return std::unique_ptr<Comparator>(new CommandComparator(std::move(parsed), std::move(runner)));
}

CommandComparator::CommandComparator(CommandOptions options, std::shared_ptr<ProcessRunner> runner)
    : options_(std::move(options)),
      runner_(std::move(runner)),
      has_placeholder_(std::any_of(options_.run.begin(), options_.run.end(),
                                   [](const std::string& w) { return HasPlaceholder(w); })) {}

std::vector<std::string> CommandComparator::Argv(const fs::path& legacy,
                                                 const fs::path& new_side) const {
  std::vector<std::string> argv;
  for (const std::string& word : options_.run) {
    argv.push_back(Substitute(word, legacy.string(), new_side.string()));
  }
  if (!has_placeholder_) {
    argv.push_back(legacy.string());
    argv.push_back(new_side.string());
  }
  return argv;
}

Comparison CommandComparator::Compare(const fs::path& legacy, const fs::path& new_side) const {
  Comparison c;
  c.outcome = Outcome::kError;
  auto output_file = TempFile::Create();
  if (!output_file.ok()) {
    c.message = "cannot run the comparator command: " + output_file.status().message();
    return c;
  }
  ProcessSpec spec;
  spec.argv = Argv(legacy, new_side);
  spec.timeout_ms = options_.timeout_ms;
  spec.stdout_path = (*output_file)->path();
  spec.stderr_path = (*output_file)->path();  // one descriptor: `>f 2>&1`, in order
  const CancelToken never_cancelled;
  ProcessResult r = runner_->Run(spec, never_cancelled);

  const std::string program = fs::path(spec.argv.front()).filename().string();
  c.counts["exit_code"] = r.end == ProcessEnd::kExited ? nlohmann::json(r.exit_code) : nullptr;
  Output output;
  if (r.end != ProcessEnd::kSpawnFailed) {
    auto read = ReadTail((*output_file)->path(), static_cast<size_t>(options_.max_output_bytes));
    if (!read.ok()) {
      c.message = fmt::format("{} ran, but its output cannot be read: {}", program,
                              read.status().message());
      return c;
    }
    output = std::move(read).value();
  }
  c.counts["output_bytes"] = output.bytes;
  if (!output.tail.empty()) {
    Difference d;
    d.location = "output";
    d.in_legacy = false;
    d.new_side = output.tail;
    c.differences.push_back(std::move(d));
  }
  switch (r.end) {
    case ProcessEnd::kExited:
      if (r.exit_code == 0) {
        c.outcome = Outcome::kMatch;
        c.message = fmt::format("identical according to {} (exit 0)", program);
      } else if (r.exit_code == 1) {
        c.outcome = Outcome::kMismatch;
        c.message = fmt::format("differ according to {} (exit 1)", program);
        // What the command said first is the detail a person looks for.
        if (std::string first = FirstOutputLine((*output_file)->path()); !first.empty()) {
          c.message += ": " + first;
        }
      } else {
        c.message =
            fmt::format("comparator command {} failed with exit code {}", program, r.exit_code);
        std::string last = ShortLastLine(output.tail);
        if (!last.empty()) c.message += ": " + last;
      }
      break;
    case ProcessEnd::kSignaled:
      c.counts["signal"] = r.signal;
      c.message = fmt::format("comparator command {} was killed by signal {}", program, r.signal);
      if (const char* name = ::sigabbrev_np(r.signal)) c.message += fmt::format(" (SIG{})", name);
      break;
    case ProcessEnd::kTimedOut:
      c.message = fmt::format("comparator command {} timed out after {} and was killed", program,
                              FormatDurationMs(options_.timeout_ms));
      break;
    case ProcessEnd::kCancelled:
      c.message = fmt::format("comparator command {} was cancelled", program);
      break;
    case ProcessEnd::kSpawnFailed:
      c.message = fmt::format("cannot run the comparator command: {}", r.error);
      break;
    case ProcessEnd::kSchedulerKilled:  // comparators run locally; kept for completeness
      c.message = fmt::format("comparator command {} was killed by its scheduler: {}", program,
                              r.error);
      break;
  }
  return c;
}

}  // namespace cutover
