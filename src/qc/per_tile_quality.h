// Per tile sequence quality: a sample of the reads' qualities, per flowcell tile (taken from the
// Illumina read name), as each tile's deviation from the mean over tiles per position group.
// The module leaves the report when names carry no tile, or when too many tiles appear.
// FastQC 0.11.9 samples every 10th read and gives up beyond 1,001 tiles; 0.12.1 takes the
// first 10,000 reads of non-zero length and every 10th after, and gives up beyond 2,501.
#pragma once

#include <map>
#include <vector>

#include "qc/module.h"
#include "qc/module_context.h"
#include "qc/quality_histogram.h"

namespace cutover {

// FastQC's tile field: the 5th ':'-separated field of names with 7 or more, else the 3rd of
// names with 5 or 6; decided on the first read examined. Returns false when there is no tile.
bool ParseTile(std::string_view header, int* split_position, int* tile);

class PerTileQuality : public QcModule {
 public:
  explicit PerTileQuality(const ModuleContext& context);
  std::string_view name() const override { return "Per tile sequence quality"; }
  void Add(const QcRead& read) override;
  void Finish() override;
  bool ignored() const override;
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

 private:
  const ModuleContext context_;
  bool ignore_ = false;
  const bool sample_first_reads_;  // 0.12.1's sampling, tile limit and encoding guess
  int64_t seen_ = 0;
  int split_position_ = -1;
  size_t length_ = 0;
  std::map<int, std::vector<QualityHistogram>> tiles_;
  std::vector<int> insertion_order_;  // tiles in the order first seen (Java HashMap order)
  std::vector<std::string> labels_;
  std::vector<std::vector<double>> means_;  // [tile][group], deviation from the mean
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
