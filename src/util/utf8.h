// UTF-8, strictly (RFC 3629): what comparators, excerpts and notebook parameters need to tell
// text from bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace cutover {

// Length (1-4) of the valid UTF-8 sequence starting at s[i], or 0 if s[i] does not start one:
// no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF, no cut-off sequence.
size_t Utf8SequenceLength(std::string_view s, size_t i);

}  // namespace cutover
