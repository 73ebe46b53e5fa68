// Adapter Content: for each adapter, the cumulative percentage of reads in which its first
// exact occurrence starts at or before each position. The search (Java's indexOf) runs 16
// positions at a time: positions where the adapter's first 4 bytes match, then a full compare.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qc/index_counts.h"
#include "qc/module.h"
#include "qc/module_context.h"
#include "qc/sequence_lists.h"

namespace cutover {

// The adapters the vector search looks for: those of 4+ bytes (at most 16).
struct AdapterNeedles {
  const std::string* seq[16] = {};
  size_t index[16] = {};  // into the adapter list
  uint8_t key[16] = {};   // 2-bit codes ((byte >> 1) & 3) of the first 4 bytes, packed
  size_t count = 0;
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
  std::vector<bool> in_scan_;  // per adapter: part of needles_
  std::vector<IndexCounts> first_hits_;  // [adapter]: reads by position of the first hit
  mutable std::vector<int> scratch_;
  std::vector<std::string> labels_;
  std::vector<std::vector<double>> enrichment_;  // [adapter][group]
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
