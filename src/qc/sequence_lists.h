// The named sequence lists FastQC searches reads for: adapters (Adapter Content) and
// contaminants (the "Possible Source" of overrepresented sequences). Files are FastQC's format:
// "name<TAB(s)>SEQUENCE" lines, '#' comments and blank lines skipped. The defaults are built in
// (builtin_lists.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

struct NamedSequence {
  std::string name;
  std::string sequence;  // adapters: as written; contaminants: upper case
};

// Parses a list's text. Lines that do not have exactly two tab-separated fields are skipped
// with FastQC's warning on *warnings.
std::vector<NamedSequence> ParseSequenceList(std::string_view text, std::string* warnings);

// Reads and parses a list file. `what` names it in errors ("Adapters file").
Result<std::vector<NamedSequence>> LoadSequenceList(const std::string& path,
                                                    const std::string& what,
                                                    std::string* warnings);

}  // namespace cutover
