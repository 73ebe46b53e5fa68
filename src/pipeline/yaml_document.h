// Loading one YAML document safely: a pipeline file (or a `-O key=value` value) comes from
// people and scripts cutover does not control, and every command (`rollback` among them) parses
// it, so a hostile or broken file must give a clear error, never a crash or an exhausted
// machine.
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "util/status.h"

namespace cutover {

// Limits on what a document may expand to. Aliases share nodes, so a small file can describe a
// huge tree (the "billion laughs") or a tree that contains itself (`a: &x [*x]`); every walk of
// the tree pays for the expansion.
struct YamlLimits {
  int max_depth = 64;  // nesting of mappings and sequences, aliases followed
  // Nodes visited when the tree is walked with aliases expanded: a document without aliases has
  // fewer nodes than bytes, so this never limits a plain file.
  size_t max_nodes_per_byte = 4;
  size_t min_max_nodes = 10000;
};

// Parses `text` (named `file_name` in messages) as exactly one YAML document and checks it:
// empty or comment-only text, a second document, a mapping key given twice (both places
// named), nesting deeper than the limit (a self-referencing alias) and alias expansion beyond
// the limit are errors with file:line:column, as are the parser's own errors.
Result<YAML::Node> LoadYamlDocument(std::string_view text, const std::string& file_name,
                                    const YamlLimits& limits = YamlLimits{});

}  // namespace cutover
