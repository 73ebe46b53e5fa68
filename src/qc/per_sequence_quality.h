// Per sequence quality scores: how many reads have each (integer) mean quality.
#pragma once

#include <map>
#include <vector>

#include "qc/module.h"
#include "qc/module_context.h"
#include "qc/per_base_quality.h"

namespace cutover {

class PerSequenceQuality : public QcModule {
 public:
  // The encoding comes from the lowest quality character, which `qualities` tracks.
  PerSequenceQuality(const ModuleContext& context, const PerBaseQuality* qualities)
      : context_(context), qualities_(qualities) {}
  std::string_view name() const override { return "Per sequence quality scores"; }
  void Add(const QcRead& read) override;
  void Finish() override;
  bool ignored() const override;
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

 private:
  const ModuleContext context_;
  std::vector<uint64_t> counts_;  // by mean quality character
  const PerBaseQuality* qualities_;
  std::vector<int> x_;
  std::vector<double> y_;
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
