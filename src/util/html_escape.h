// Escaping text for HTML and SVG: everything that comes from users or tools (sample and step
// names, reasons, diff excerpts, file names) goes through here before it reaches a page.
#pragma once

#include <string>
#include <string_view>

namespace cutover {

// & < > " ' as character references: safe in element content and in quoted attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace cutover
