// String helpers shared by the subsystems.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

// ASCII case mapping, whatever the locale: other bytes are left as they are.
constexpr char AsciiUpper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}
constexpr char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Quotes `s` for POSIX sh so it is always one word with no expansion: 'it'\''s'.
std::string ShellQuote(std::string_view s);

// Splits a command string into words like sh does (blanks separate; '...' and "..." quote;
// backslash escapes), but performs no expansion of any kind. Unbalanced quotes are an error.
Result<std::vector<std::string>> SplitWords(std::string_view command);

// "30s", "10m", "2h", "1d", "250ms", or a bare number of seconds -> milliseconds.
// `text` made safe to print on a terminal: control characters that a terminal would act on
// (C0 bytes other than newline and tab, DEL, carriage return, and the C1 controls U+0080-U+009F
// in UTF-8, CSI among them) become visible escapes ("\x1b", "\u009b"). Sample names, reasons and
// compared file content come from users and files, and must not move the cursor, retitle the
// window or hide text.
std::string TerminalSafe(std::string_view text);

// One field of a one-line listing: TerminalSafe, and line breaks and tabs shown as "\n", "\t",
// so a value cannot fake further lines of the listing.
std::string OneLineForTerminal(std::string_view text);

// A whole decimal number (an optional sign, then digits only; surrounding blanks ignored) that
// fits in 64 bits; nullopt for anything else, an overflow included. Never throws (unlike
// std::stoll) and never stops at the first bad character (unlike std::atoll).
std::optional<int64_t> ParseInt64(std::string_view text);

Result<int64_t> ParseDurationMs(std::string_view text);
// Durations and sizes, written in two notations on purpose. For one-line messages, exact and
// compact like time(1) and sacct: 61000 -> "1m1s"; 250 -> "250ms" (it reads back with
// ParseDurationMs).
std::string FormatDurationMs(int64_t ms);
// For the report, the plan and chart axes, three significant digits with a spaced unit:
// "850 ms", "12.4 s", "3.2 min", "1.5 h".
std::string FormatMs(double ms);
// The same for memory given in kB: "900 kB", "12.4 MB", "1.2 GB".
std::string FormatKb(double kb);

std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Every occurrence of `from` (not empty) in `s` replaced by `to`, left to right, as Python's
// str.replace.
std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to);
std::string_view Trim(std::string_view s);
// The last `max_bytes` of `s`, cut at a line start when possible.
std::string TailBytes(std::string_view s, size_t max_bytes);
// The last non-empty line of `s`, trimmed ("" if none): a command's complaint from its stderr.
std::string LastLine(std::string_view s);

}  // namespace cutover
