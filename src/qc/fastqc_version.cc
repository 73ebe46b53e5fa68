#include "qc/fastqc_version.h"

#include <fmt/format.h>

namespace cutover {

std::string_view ToString(FastqcVersion version) {
  switch (version) {
    case FastqcVersion::k0_11_9: return "0.11.9";
    case FastqcVersion::k0_12_1: return "0.12.1";
  }
  return "0.12.1";
}

Result<FastqcVersion> ParseFastqcVersion(std::string_view text) {
  for (FastqcVersion v : {FastqcVersion::k0_11_9, FastqcVersion::k0_12_1}) {
    if (text == ToString(v)) return v;
  }
  return Status::InvalidArgument(
      fmt::format("FastQC version '{}' is not one cutover qc reproduces: 0.12.1 or 0.11.9 (the "
                  "##FastQC line of a report names the version that wrote it)",
                  text));
}

}  // namespace cutover
