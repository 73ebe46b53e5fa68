// Triage: `cutover mismatches [STEP]`, `cutover diff ID`, `cutover accept ID --reason TEXT`.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "compare/comparator.h"
#include "util/clock.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

std::string OneLine(std::string_view s, size_t max) {
  std::string out(s.substr(0, s.find('\n')));
  if (out.size() > max) out = out.substr(0, max - 3) + "...";
  return out;
}

nlohmann::json ToJson(const ComparisonRecord& c) {
  nlohmann::json j = {{"id", c.id},
                      {"task", c.task_id},
                      {"step", c.step},
                      {"sample", c.sample},
                      {"output", c.output},
                      {"comparator", c.comparator},
                      {"outcome", std::string(ToString(c.outcome))},
                      {"at", FormatUtc(c.at_ms)},
                      {"purpose", std::string(ToString(c.purpose))},
                      {"legacy_execution", c.legacy_execution_id},
                      {"new_execution", c.new_execution_id},
                      {"summary", c.summary},
                      {"accepted", nullptr}};
  if (c.accepted()) {
    j["accepted"] = {
        {"at", FormatUtc(c.accepted_ms)}, {"by", c.accepted_by}, {"reason", c.accept_reason}};
  }
  return j;
}

// Where a side's copy of the output was written, if the execution recorded it.
std::optional<fs::path> SideFile(LedgerReader& ledger, int64_t execution_id, const std::string& output) {
  if (execution_id == 0) return std::nullopt;
  auto e = ledger.GetExecution(execution_id);
  if (!e.ok()) return std::nullopt;
  for (const OutputRecord& o : e->outputs) {
    if (o.name == output) return fs::path(e->scratch_dir) / o.path;
  }
  return std::nullopt;
}

}  // namespace

Handler SetupMismatches(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::string step;
    bool all = false, json = false, replays = false;
    int64_t limit = 50;
  };
  auto a = std::make_shared<Args>();
  app->add_option("STEP", a->step, "only this step");
  app->add_flag("--all", a->all, "include accepted mismatches");
  app->add_flag("--replays", a->replays, "include comparisons made by `cutover replay`");
  app->add_option("--limit", a->limit, "at most this many, newest first (0: all)")
      ->check(CLI::NonNegativeNumber);
  app->add_flag("--json", a->json, "machine-readable output");
  return [global, a] {
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kRead);
    if (!project.ok()) return ReportError(project.status());
    if (!a->step.empty() && !(*project)->pipeline().FindStep(a->step)) {
      return ReportError(Status::InvalidArgument(fmt::format("no step '{}'", a->step)));
    }
    ComparisonQuery q;
    q.step = a->step;
    q.outcomes = {Outcome::kMismatch, Outcome::kError};
    q.include_accepted = a->all;
    q.include_replays = a->replays;
    q.limit = a->limit;
    auto list = (*project)->ledger().ListComparisons(q);
    if (!list.ok()) return ReportError(list.status());
    if (a->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const ComparisonRecord& c : *list) out.push_back(ToJson(c));
      std::cout << out.dump(2) << "\n";
      return kExitOk;
    }
    if (list->empty()) {
      std::cout << (a->all ? "no mismatches recorded\n"
                           : "no unexplained mismatches (--all includes accepted ones)\n");
      return kExitOk;
    }
    std::cout << fmt::format("{:>6}  {:<20}  {:<14} {:<14} {:<12} {:<8}  {}\n", "ID", "WHEN", "STEP",
                             "SAMPLE", "OUTPUT", "OUTCOME", "WHAT");
    for (const ComparisonRecord& c : *list) {
      std::string what = c.summary.value("message", std::string());
      if (c.accepted()) what = "[accepted: " + c.accept_reason + "] " + what;
      if (c.purpose == TaskPurpose::kReplay) what = "[replay] " + what;
      std::cout << TerminalSafe(fmt::format("{:>6}  {:<20}  {:<14} {:<14} {:<12} {:<8}  {}", c.id,
                                            FormatUtc(c.at_ms), c.step, OneLineForTerminal(c.sample),
                                            c.output, ToString(c.outcome), OneLine(what, 80)))
                << "\n";
    }
    std::cout << "\n`cutover diff ID` shows one; `cutover accept ID --reason TEXT` marks it "
                 "expected.\n";
    return kExitOk;
  };
}

Handler SetupDiff(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    int64_t id = 0;
    bool json = false;
    std::string color = "auto";
  };
  auto a = std::make_shared<Args>();
  app->add_option("ID", a->id, "the comparison id (from `cutover mismatches`)")->required();
  app->add_flag("--json", a->json, "machine-readable output");
  app->add_option("--color", a->color, "auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  return [global, a] {
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kRead);
    if (!project.ok()) return ReportError(project.status());
    Ledger& ledger = (*project)->ledger();
    auto c = ledger.GetComparison(a->id);
    if (!c.ok()) return ReportError(c.status());
    auto legacy_file = SideFile(ledger, c->legacy_execution_id, c->output);
    auto new_file = SideFile(ledger, c->new_execution_id, c->output);
    if (a->json) {
      nlohmann::json j = ToJson(*c);
      j["legacy_file"] = legacy_file ? nlohmann::json(legacy_file->string()) : nullptr;
      j["new_file"] = new_file ? nlohmann::json(new_file->string()) : nullptr;
      std::cout << j.dump(2) << "\n";
      return kExitOk;
    }
    std::cout << TerminalSafe(fmt::format("comparison {}: step {}, sample {}, output {} ({}), {}{}\n",
                                          c->id, c->step, OneLineForTerminal(c->sample), c->output,
                                          c->comparator, FormatUtc(c->at_ms),
                                          c->purpose == TaskPurpose::kReplay ? ", by a replay" : ""));
    auto side_line = [](std::string_view name, int64_t execution,
                        const std::optional<fs::path>& file) {
      std::error_code ec;
      std::string where = !file                    ? "no file recorded"
                          : fs::exists(*file, ec) ? file->string()
                                                   : file->string() + " (scratch cleaned)";
      return fmt::format("  {:<7} execution {}: {}\n", name, execution, where);
    };
    std::cout << TerminalSafe(side_line("legacy", c->legacy_execution_id, legacy_file) +
                              side_line("new", c->new_execution_id, new_file));
    if (c->accepted()) {
      std::cout << TerminalSafe(fmt::format("  accepted by {} at {}: {}", c->accepted_by,
                                            FormatUtc(c->accepted_ms),
                                            OneLineForTerminal(c->accept_reason)))
                << "\n";
    }
    std::cout << "\n";
    auto summary = Comparison::FromJson(c->summary);
    if (!summary.ok()) return ReportError(summary.status().WithContext("stored summary"));
    RenderOptions render;
    render.color = a->color == "always" || (a->color == "auto" && ::isatty(1) == 1);
    std::cout << RenderComparison(*summary, render);  // escapes the compared content itself
    std::error_code ec;
    if (legacy_file && new_file && fs::exists(*legacy_file, ec) && fs::exists(*new_file, ec)) {
      std::cout << TerminalSafe(fmt::format(
          "\nthe files are still in scratch: cutover compare --as {} {} {}\n", c->comparator,
          ShellQuote(legacy_file->string()), ShellQuote(new_file->string())));
    }
    if (!c->accepted() && (c->outcome == Outcome::kMismatch || c->outcome == Outcome::kError)) {
      std::cout << fmt::format("if this difference is expected: cutover accept {} --reason TEXT\n",
                               c->id);
    }
    return kExitOk;
  };
}

Handler SetupAccept(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::vector<int64_t> ids;
    std::string reason;
  };
  auto a = std::make_shared<Args>();
  app->add_option("ID", a->ids, "comparison ids (from `cutover mismatches`)")->required();
  app->add_option("--reason", a->reason, "why this difference is expected (recorded)")->required();
  return [global, a] {
    if (Trim(a->reason).empty()) {
      return ReportError(Status::InvalidArgument("--reason must say why"));
    }
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kChange);
    if (!project.ok()) return ReportError(project.status());
    const RunContext& ctx = (*project)->context();
    int code = kExitOk;
    for (int64_t id : a->ids) {
      auto done = ctx.ledger->AcceptComparison(id, ctx.clock->NowMs(), ctx.user, a->reason);
      if (!done.ok()) {
        code = std::max(code, ReportError(done.status()));
        continue;
      }
      std::cout << TerminalSafe(fmt::format("accepted comparison {} ({} {} {}: {})", id, done->step,
                                            OneLineForTerminal(done->sample), done->output,
                                            OneLineForTerminal(done->summary.value("message", std::string()))))
                << "\n";
    }
    return code;
  };
}

}  // namespace cutover
