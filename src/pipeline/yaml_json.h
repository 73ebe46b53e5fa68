// YAML values as JSON: comparator options and policies are written in YAML (cutover.yaml, or
// `-O key=value` on the command line) and handled as JSON inside cutover.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace YAML {
class Node;
}

namespace cutover {

// Mappings and sequences become objects and arrays; an unquoted scalar that reads as an
// integer, a number, true/false or null becomes that; everything else (quoted scalars
// included) is a string.
nlohmann::json YamlToJson(const YAML::Node& node);

// Parses one YAML value ("12", "[a, b]", "{absolute: 0.1}", "'^#'") into JSON.
// kInvalidArgument with the parser's message when it is not valid YAML.
Result<nlohmann::json> ParseYamlValue(std::string_view text);

}  // namespace cutover
