// Parsing cutadapt's adapter specifications: "ACGT", "name=ACGT", "^ACGT" (anchored 5'),
// "ACGT$" (anchored 3'), "XACGT"/"ACGTX" (non-internal), "A{10}" (repeats), "ACGT;e=0.2;o=5"
// (per-adapter parameters), "FRONT...BACK" (linked), "file:adapters.fa" (one adapter per FASTA
// record, named by its header; "^file:" anchors them all), exactly as cutadapt 4.2 reads them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "trim/adapter.h"
#include "util/status.h"

namespace cutover::trim {

// Which option introduced the specification.
enum class AdapterOption {
  kBack,      // -a / -A
  kFront,     // -g / -G
  kAnywhere,  // -b / -B
};

struct AdapterSpecText {
  AdapterOption option = AdapterOption::kBack;
  std::string text;
};

// Hands out "1", "2", ... to adapters without a name. cutadapt numbers R1's and then R2's
// adapters with one counter, so pass the same namer for both.
class AdapterNamer {
 public:
  std::string Next() { return std::to_string(next_++); }

 private:
  int next_ = 1;
};

// Builds the adapters in order. kInvalidArgument names the offending specification; kNotFound
// or kIoError for an adapter file that cannot be read.
Result<std::vector<Adapter>> MakeAdapters(const std::vector<AdapterSpecText>& specs,
                                          const SearchParameters& defaults, AdapterNamer* namer);

// "TGA{5}CT" -> "TGAAAAACT".
Result<std::string> ExpandBraces(std::string_view sequence);

}  // namespace cutover::trim
