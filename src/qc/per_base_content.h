// Per base sequence content (%G, %A, %T, %C per position group) and Per base N content, which
// reads the same counts.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qc/coverage_frontier.h"
#include "qc/index_counts.h"
#include "qc/module.h"
#include "qc/module_context.h"
#include "qc/position_tail.h"

namespace cutover {

class PerBaseContent : public QcModule {
 public:
  enum Code : uint8_t { kG, kA, kT, kC, kN, kOther };
  using Counts = std::array<uint64_t, 6>;  // by Code
  explicit PerBaseContent(const ModuleContext& context) : context_(context) {}
  std::string_view name() const override { return "Per base sequence content"; }
  void Add(const QcRead& read) override;
  void Finish() override;
  bool ignored() const override { return context_.limits->Ignored("sequence"); }
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

  // After Finish(): the position groups (labels) and their counts by Code, and all counts.
  const std::vector<std::string>& group_labels() const { return labels_; }
  const std::vector<Counts>& group_counts() const { return group_counts_; }
  const Counts& totals() const { return totals_; }

 private:
  void AddLong(std::string_view sequence);  // Add()'s part for reads beyond the hot positions
  void PromoteHot();                        // gives positions up to hot_.position() 64-bit counts
  void Flush();                             // adds the 8-bit tallies to the 64-bit counts

  const ModuleContext context_;
  // Counts in three tiers by how many reads reach a position (as PerBaseQuality's):
  // - covered by more than kColdCoverage reads (hot_.position() positions): 64-bit counts fed by
  //   8-bit tallies of up to 255 reads, counted 16 positions at a time (letter * stride_ +
  //   position);
  // - then, covered by more than kTailReads: 16-bit counts (cold_), which cannot overflow there;
  // - beyond tail_.frontier(): the bases of the at most kTailReads reads reaching there.
  static constexpr uint64_t kColdCoverage = 32767;
  static constexpr size_t kTailReads = 10;  // 10 bytes a position, as a cold position's counts
  std::vector<std::array<uint64_t, 5>> hot_counts_;  // G, A, T, C, N
  std::vector<uint8_t> tallies_;
  size_t stride_ = 0;
  int pending_ = 0;                 // reads in tallies_
  std::vector<std::array<uint16_t, 5>> cold_;  // tail_.frontier() positions (hot ones unused)
  CoverageFrontier hot_{kColdCoverage};
  PositionTail tail_{kTailReads};
  IndexCounts lengths_;  // reads per length, for the "other" count per position
  int64_t reads_ = 0;

  std::vector<std::string> labels_;
  std::vector<Counts> group_counts_;
  Counts totals_{};
  std::array<std::vector<double>, 4> percent_;  // G, A, T, C per group
  Verdict verdict_ = Verdict::kPass;
};

class NContent : public QcModule {
 public:
  NContent(const ModuleContext& context, const PerBaseContent* bases)
      : context_(context), bases_(bases) {}
  std::string_view name() const override { return "Per base N content"; }
  void Add(const QcRead&) override {}  // counted by PerBaseContent
  void Finish() override;
  bool ignored() const override { return context_.limits->Ignored("n_content"); }
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

 private:
  const ModuleContext context_;
  const PerBaseContent* bases_;
  std::vector<std::string> labels_;
  std::vector<double> percent_;
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
