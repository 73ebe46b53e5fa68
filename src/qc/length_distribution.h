// Sequence Length Distribution: read counts per length, in bins of 1, 2, 5, 10, 20, 50, ...
// chosen so that about 50 bins cover the range (single lengths with --nogroup).
#pragma once

#include <vector>

#include "qc/index_counts.h"
#include "qc/module.h"
#include "qc/module_context.h"

namespace cutover {

class LengthDistribution : public QcModule {
 public:
  explicit LengthDistribution(const ModuleContext& context) : context_(context) {}
  std::string_view name() const override { return "Sequence Length Distribution"; }
  void Add(const QcRead& read) override { counts_.Add(read.sequence.size()); }
  void Finish() override;
  bool ignored() const override { return context_.limits->Ignored("sequence_length"); }
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

 private:
  const ModuleContext context_;
  IndexCounts counts_;  // reads by length
  std::vector<std::string> labels_;
  std::vector<double> bins_;
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
