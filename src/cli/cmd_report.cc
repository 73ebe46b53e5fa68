// `cutover report`: the migration's progress as one self-contained HTML page, and optionally the
// Markdown summary a lead pastes into a sprint update.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "report/html_page.h"
#include "report/migration_report.h"
#include "report/sprint_summary.h"
#include "util/clock.h"
#include "util/file.h"

namespace cutover {
namespace {

// The Markdown summary's period when --since is not given: a two-week sprint.
constexpr int64_t kSprintMs = 14LL * 24 * 3600 * 1000;

}  // namespace

Handler SetupReport(CLI::App* app, const GlobalOptions* global) {
  struct Options {
    std::string output;
    std::string markdown;
    std::string since;
  };
  auto o = std::make_shared<Options>();
  app->add_option("-o,--output", o->output,
                  "where to write the HTML page (default: <state dir>/report.html)");
  app->add_option("--md", o->markdown,
                  "also write the sprint summary in Markdown to this file ('-' = stdout)");
  app->add_option("--since", o->since,
                  "start of the period, e.g. 2026-11-01 (default: the whole history for the page, "
                  "the last 14 days for the summary)");
  return [global, o] {
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kRead);
    if (!project.ok()) return ReportError(project.status());
    Project& p = **project;
    const int64_t now = p.context().clock->NowMs();
    int64_t since = 0;
    if (!o->since.empty()) {
      auto parsed = ParseUtc(o->since);
      if (!parsed.ok()) {
        std::cerr << "cutover: --since: " << parsed.status().message() << "\n";
        return kExitUsage;
      }
      since = *parsed;
    }
    auto report = BuildMigrationReport(p.ledger(), p.pipeline(), p.rules(), now, since);
    if (!report.ok()) return ReportError(report.status().WithContext("reading the ledger"));
    const std::filesystem::path html_path =
        o->output.empty() ? p.context().state_dir / "report.html" : std::filesystem::path(o->output);
    Status written = WriteFileAtomic(html_path, RenderReportHtml(*report));
    if (!written.ok()) return ReportError(written);
    std::cout << "report: " << std::filesystem::absolute(html_path).string() << "\n";
    if (!o->markdown.empty()) {
      std::string md;
      if (since == 0) {
        auto sprint =
            BuildMigrationReport(p.ledger(), p.pipeline(), p.rules(), now, now - kSprintMs);
        if (!sprint.ok()) return ReportError(sprint.status().WithContext("reading the ledger"));
        md = RenderSprintSummary(*sprint);
      } else {
        md = RenderSprintSummary(*report);
      }
      if (o->markdown == "-") {
        std::cout << md;
      } else {
        Status md_written = WriteFileAtomic(o->markdown, md);
        if (!md_written.ok()) return ReportError(md_written);
        std::cout << "summary: " << std::filesystem::absolute(o->markdown).string() << "\n";
      }
    }
    return kExitOk;
  };
}

}  // namespace cutover
