// The Markdown a lead pastes into a sprint update: what moved in the period, what is ready to
// cut over, what blocks, the speed-ups gained. Text from users and tools is escaped so that it
// renders as text in any Markdown (or HTML-passing) renderer.
#pragma once

#include <string>
#include <string_view>

#include "report/migration_report.h"

namespace cutover {

std::string RenderSprintSummary(const MigrationReport& report);

// Backslash-escapes Markdown's punctuation and HTML's angle brackets; newlines become spaces.
std::string MarkdownEscape(std::string_view text);

}  // namespace cutover
