// Matches an overrepresented sequence against the contaminant list the way FastQC does: an
// exact substring hit for queries of 8-19 bp, otherwise the longest run over 20 bp allowing one
// mismatch, on either strand; the longest hit over all contaminants wins. Between hits of equal
// length FastQC 0.11.9 keeps the first contaminant's, 0.12.1 the higher identity's (then the
// first).
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
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

  // Aligns only where the query shares a 10-mer with a contaminant strand on the same diagonal:
  // a run over 20 bp with at most one mismatch always holds one, so the hit (and the choice
  // between equal hits) is the full scan's.
  std::optional<ContaminantHit> Find(const std::string& query) const;
  // The same answer by FastQC's full scan of every offset (kept to test Find against).
  std::optional<ContaminantHit> FindByScan(const std::string& query) const;

 private:
  struct Entry {
    std::string name;
    std::string forward;
    std::string reverse;  // reverse complement
  };
  struct Seed {
    uint32_t entry;
    uint16_t strand;    // 0 forward, 1 reverse
    uint16_t position;  // of the 10-mer in the strand
  };
  static constexpr int kSeed = 10;
  // offsets[strand] lists the diagonals to align for entry e (nullptr: every offset).
  std::optional<ContaminantHit> FindIn(const std::string& query,
                                       const std::vector<std::vector<int>>* offsets) const;
  std::vector<Entry> entries_;
  std::unordered_map<uint32_t, std::vector<Seed>> seeds_;  // 2-bit packed 10-mer -> places
  bool rank_by_identity_ = true;
};

}  // namespace cutover
