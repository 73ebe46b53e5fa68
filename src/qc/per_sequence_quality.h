// Per sequence quality scores: how many reads have each (integer) mean quality.
#pragma once

#include <map>
#include <vector>

#include "qc/module.h"
#include "qc/module_context.h"

namespace cutover {

class PerSequenceQuality : public QcModule {
 public:
  explicit PerSequenceQuality(const ModuleContext& context) : context_(context) {}
  std::string_view name() const override { return "Per sequence quality scores"; }
  void Add(const QcRead& read) override {
    if (read.quality.empty()) return;
    int sum = 0;
    unsigned char lowest = static_cast<unsigned char>(lowest_char_);
    for (unsigned char c : read.quality) {
      sum += c;
      lowest = c < lowest ? c : lowest;
    }
    lowest_char_ = lowest;
    const int mean = sum / static_cast<int>(read.quality.size());
    if (mean >= static_cast<int>(counts_.size())) counts_.resize(mean + 1);
    ++counts_[mean];
  }
  void Finish() override;
  bool ignored() const override;
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

 private:
  const ModuleContext context_;
  std::vector<uint64_t> counts_;  // by mean quality character
  int lowest_char_ = 126;
  std::vector<int> x_;
  std::vector<double> y_;
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
