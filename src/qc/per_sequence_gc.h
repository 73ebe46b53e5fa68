// Per sequence GC content: the distribution of reads' GC percentage, each read spread over the
// percentage bins its GC count could round to (FastQC's GCModel), against a normal
// distribution fitted around the mode. Bins are sums of fractions added in read order, exactly
// as FastQC adds them, so the printed digits agree.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "qc/module.h"
#include "qc/module_context.h"

namespace cutover {

// For reads of `length` bases: for each GC count 0..length, the bins it claims and the share
// it adds to each (1 / the number of GC counts claiming that bin). Holds only the 101 claim
// counts (FastQC's model holds every count's shares: O(length) for megabase reads); the shares
// of a count are computed when asked, to the same doubles.
class GcModel {
 public:
  struct Share {
    int bin;
    double increment;
  };
  explicit GcModel(int length);
  // Calls add(Share) for each bin gc_count claims, lowest bin first.
  template <typename F>
  void ForEachShare(int gc_count, F add) const {
    int low, high;
    if (!ranges_.empty()) {
      low = ranges_[gc_count].low;
      high = ranges_[gc_count].high;
    } else {
      BinRange(gc_count, &low, &high);
    }
    for (int p = low; p <= high; ++p) add(Share{p, increment_[p]});
  }
  std::vector<Share> shares(int gc_count) const;

 private:
  // Models of reads up to this long keep every count's bins (a few kB), computed once.
  static constexpr int kCachedRanges = 1000;
  struct Range {
    uint8_t low, high;
  };
  void BinRange(int gc_count, int* low, int* high) const;
  int length_;
  std::array<int, 101> claiming_{};
  std::array<double, 101> increment_{};  // 1.0 / claiming_[bin]
  std::vector<Range> ranges_;            // [gc_count], for lengths up to kCachedRanges
};

class PerSequenceGc : public QcModule {
 public:
  explicit PerSequenceGc(const ModuleContext& context) : context_(context) {}
  std::string_view name() const override { return "Per sequence GC content"; }
  void Add(const QcRead& read) override;
  void Finish() override;
  bool ignored() const override { return context_.limits->Ignored("gc_sequence"); }
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

 private:
  const ModuleContext context_;
  std::array<double, 101> distribution_{};
  std::array<double, 101> theoretical_{};
  std::vector<std::unique_ptr<GcModel>> models_;  // by (truncated) read length, up to 1000
  std::map<size_t, GcModel> long_models_;         // by (truncated) read length, beyond 1000
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
