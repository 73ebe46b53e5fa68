// Rendering {placeholder} templates against bindings, without ever involving a shell.
//
// Syntax: "{name}" where name is `sample`, a sample-sheet column, `input`, `output`,
// `input.NAME`, `output.NAME`, `scratch`; an optional modifier after a colon:
// `{input.reads:dir}` (dirname), `{input.reads:name}` (basename), `{input.reads:stem}`
// (basename without the last extension, and without .gz/.bz2 first). "{{" and "}}" are literal
// braces.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

// Each name maps to one or more values (several for `{input}` with many inputs, or for an
// aggregate step's per-sample expansion).
using Bindings = std::map<std::string, std::vector<std::string>>;

// The placeholder names a template uses (without modifiers), in order of appearance; an error
// for malformed syntax ("{" without "}", an unknown modifier), naming the template's location.
Result<std::vector<std::string>> PlaceholderNames(const Template& t);

// Renders one argv word. A word that is exactly one placeholder bound to several values becomes
// several arguments; anywhere else several values are joined with a space. Unknown names are an
// error naming the template's location.
Result<std::vector<std::string>> RenderArgument(const Template& t, const Bindings& b);

// Renders a template to a single string (paths, env values); several values joined by a space.
Result<std::string> RenderString(const Template& t, const Bindings& b);

// Renders a shell script: every substituted value is ShellQuote()d, several values become
// several quoted words.
Result<std::string> RenderShell(const Template& t, const Bindings& b);

}  // namespace cutover
