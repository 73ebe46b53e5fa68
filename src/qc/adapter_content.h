// Adapter Content: for each adapter, the cumulative percentage of reads in which its first
// exact occurrence starts at or before each position. The search (Java's indexOf) runs 16
// positions at a time: positions where a code of the adapter's first 8 bytes matches, then a
// full compare.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qc/index_counts.h"
#include "qc/module.h"
#include "qc/module_context.h"
#include "qc/sequence_lists.h"

namespace cutover {

// The adapters the vector search looks for: the first 16 of 8+ bytes, in groups of 8 (a bit
// each). Bytes are reduced to 2-bit codes ((byte >> 1) & 3, equal for equal bytes); per group,
// for each 4-bit value, the needles whose codes of bytes 0-1, 2-3, 4-5 and 6-7 have that value.
struct AdapterNeedles {
  const std::string* seq[16] = {};
  size_t index[16] = {};  // into the adapter list
  size_t count = 0;
  uint8_t codes[2][4][16] = {};  // [group][byte pair][4-bit value]: needle bits
};

class AdapterContent : public QcModule {
 public:
  AdapterContent(const ModuleContext& context, std::vector<NamedSequence> adapters);
  std::string_view name() const override { return "Adapter Content"; }
  void Add(const QcRead& read) override;
  void Finish() override;
  bool ignored() const override { return context_.limits->Ignored("adapter"); }
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

  // Index of the first occurrence of each adapter in `sequence` (-1 when absent).
  void FindFirst(std::string_view sequence, std::vector<int>* first) const;

 private:
  const ModuleContext context_;
  std::vector<NamedSequence> adapters_;
  int longest_adapter_ = 0;
  int longest_sequence_ = 0;
  int64_t total_ = 0;
  AdapterNeedles needles_;
  std::vector<bool> in_scan_;            // per adapter: part of needles_
  std::vector<IndexCounts> first_hits_;  // [adapter]: reads by position of the first hit
  mutable std::vector<int> scratch_;
  std::vector<std::string> labels_;
  std::vector<std::vector<double>> enrichment_;  // [adapter][group]
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
