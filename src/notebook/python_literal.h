// Python source literals for values cutover passes to notebooks.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cutover {

// A Python 3 string literal for `bytes`, double-quoted, on one line: backslash, quote and
// control characters (and U+0085, U+2028, U+2029, which some tools treat as line ends) are
// escaped; other valid UTF-8 is kept as is. A byte that is not part of valid UTF-8 becomes the
// escape "\udcXX" (Python's surrogateescape), so a Linux path with arbitrary bytes reaches
// Python's file functions (which encode with surrogateescape) unchanged.
std::string PythonString(std::string_view bytes);

// A Python literal for a JSON value: strings as PythonString, integers as integers, other
// numbers as floats (always with a '.' or an exponent; float('inf'), float('nan')), true/false
// as True/False, null as None, arrays as lists, objects as dicts.
std::string PythonLiteral(const nlohmann::json& value);

// True for an ASCII Python identifier that is not a keyword (a name a parameter may have).
bool IsPythonIdentifier(std::string_view name);

}  // namespace cutover
