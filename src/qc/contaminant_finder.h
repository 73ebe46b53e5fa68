// Matches an overrepresented sequence against the contaminant list the way FastQC does: an
// exact substring hit for queries of 8-19 bp, otherwise the longest run over 20 bp allowing one
// mismatch, on either strand; the longest hit over all contaminants wins. Between hits of equal
// length FastQC 0.11.9 keeps the first contaminant's, 0.12.1 the higher identity's (then the
// first).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "qc/fastqc_version.h"
#include "qc/sequence_lists.h"
#include "util/status.h"

namespace cutover {

struct ContaminantHit {
  std::string name;
  int length = 0;
  int percent_id = 0;
  std::string ToString() const;  // "name (100% over 24bp)"
};

class ContaminantFinder {
 public:
  // kInvalidArgument naming the entry when a sequence holds a letter other than G, A, T, C.
  static Result<ContaminantFinder> Create(const std::vector<NamedSequence>& contaminants,
                                          FastqcVersion version);

  std::optional<ContaminantHit> Find(const std::string& query) const;

 private:
  struct Entry {
    std::string name;
    std::string forward;
    std::string reverse;  // reverse complement
  };
  std::vector<Entry> entries_;
  bool rank_by_identity_ = true;
};

}  // namespace cutover
