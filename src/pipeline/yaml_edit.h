// Editing cutover.yaml in place for `cutover calibrate --apply`: only the one value changes;
// comments, order and formatting of everything else are kept (the file is text the team
// owns, not something to re-serialize).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace cutover {

// `value` as one line of YAML flow style: {kind: 'text', ignore: ['^#']} (`kind` first, then
// keys in order). Strings are always
// single-quoted (backslashes stay literal, '' escapes a quote); keys that are plain words are
// left bare.
std::string ToFlowYaml(const nlohmann::json& value);

// Returns `text` with steps.<step>.outputs.<output>.compare set to `flow` (a ToFlowYaml
// string). Handles an output written as `name: path` (becomes `name: {path: ..., compare:
// ...}`), a block mapping with or without `compare:` (its old value, block or flow, is
// replaced). kInvalidArgument when the output is not found or is written in a form this
// cannot edit safely (a flow mapping, anchors, a multi-line scalar): the caller then prints
// the snippet for the user to paste.
Result<std::string> SetOutputCompare(std::string_view text, const std::string& step,
                                     const std::string& output, const std::string& flow);

}  // namespace cutover
