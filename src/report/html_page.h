// `cutover report`'s page: one self-contained HTML file (inline CSS and SVG, no script, nothing
// fetched; a Content-Security-Policy forbids scripts outright), readable offline from a file:
// URL. Every text that comes from users or tools is escaped.
#pragma once

#include <string>

#include "report/migration_report.h"

namespace cutover {

std::string RenderReportHtml(const MigrationReport& report);

}  // namespace cutover
