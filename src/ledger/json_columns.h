// The ledger's JSON text columns: how an argv and a comparison summary are stored.
//
// argv is a JSON array of strings, readable with the sqlite3 shell and json_each(). An argument
// that is not valid UTF-8 (a file name can be any bytes) cannot be a JSON string: it is stored
// as {"hex": "<lowercase hex of its bytes>"} instead, so that every argv round-trips exactly.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or values past
// U+10FFFF).
bool IsValidUtf8(std::string_view s);

std::string EncodeArgv(const std::vector<std::string>& argv);
// kCorruption when `text` is not what EncodeArgv writes.
Result<std::vector<std::string>> DecodeArgv(std::string_view text);

// Compact JSON. Never throws: a string that is not valid UTF-8 has its bad bytes replaced by
// U+FFFD (a comparator summary is for humans; argv, which must be exact, uses EncodeArgv).
std::string EncodeJson(const nlohmann::json& value);
// kCorruption when `text` is not JSON.
Result<nlohmann::json> DecodeJson(std::string_view text);

}  // namespace cutover
