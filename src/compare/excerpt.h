// Short, printable, valid-UTF-8 excerpts of file content for Difference::legacy / new_side.
// Evidence is stored as JSON and shown in terminals, so raw bytes never go there unescaped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cutover {

// `s` with every byte that is not part of a valid UTF-8 sequence written as "\xNN". Everything
// else, control characters included, is kept. The result is always valid UTF-8.
std::string ValidUtf8(std::string_view s);

// At most `max_bytes` of `text` (whole UTF-8 characters), starting a little before byte `focus`
// so that the place of interest (e.g. the first differing byte of a long line) is visible.
// Control characters other than tab and invalid UTF-8 bytes are escaped ("\r", "\x00").
// Skipped bytes are marked: "[…1000 bytes] middle […5000 more bytes]".
std::string Excerpt(std::string_view text, size_t focus, size_t max_bytes);

// hexdump -C style view of up to `max_bytes` bytes: "48 69 0a |Hi.|".
std::string HexExcerpt(std::string_view bytes, size_t max_bytes);

// Index of the first byte where `a` and `b` differ; min(a.size(), b.size()) if one is a
// prefix of the other (or they are equal).
size_t FirstDifference(std::string_view a, std::string_view b);

}  // namespace cutover
