// The named sequence lists FastQC searches reads for: adapters (Adapter Content) and
// contaminants (the "Possible Source" of overrepresented sequences). Files are FastQC's format:
// "name<TAB(s)>SEQUENCE" lines, '#' comments and blank lines skipped.
//
// Where the defaults come from: FastQC's own configuration folder when it is installed
// (Debian: /etc/fastqc/Configuration), so `cutover qc` reports exactly what the FastQC it
// replaces would; see docs/qc.md for the search order and the built-in adapter list.
#pragma once

#include <string>
#include <vector>

#include "util/status.h"

namespace cutover {

struct NamedSequence {
  std::string name;
  std::string sequence;  // adapters: as written; contaminants: upper case
};

// Parses a list file. `what` names it in errors ("adapters file"). Lines that do not have
// exactly two tab-separated fields are skipped with FastQC's warning on *warnings.
Result<std::vector<NamedSequence>> LoadSequenceList(const std::string& path,
                                                    const std::string& what,
                                                    std::string* warnings);

// The folder holding FastQC's adapter_list.txt / contaminant_list.txt: $CUTOVER_FASTQC_CONFIG,
// then /etc/fastqc/Configuration, /usr/share/fastqc/Configuration; empty if none exists.
std::string FindFastqcConfigDir(const char* env_value);

// FastQC 0.11.9's default adapters (public adapter sequences), used when no configuration
// folder is installed.
std::vector<NamedSequence> BuiltinAdapters();

}  // namespace cutover
