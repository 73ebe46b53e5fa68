// Per base sequence content (%G, %A, %T, %C per position group) and Per base N content, which
// reads the same per-position counts. Letters are counted 16 positions at a time in 8-bit
// tallies, flushed to 64-bit counts every 255 reads.
#pragma once

#include <array>
#include <vector>

#include "qc/module.h"
#include "qc/module_context.h"

namespace cutover {

class PerBaseContent : public QcModule {
 public:
  enum Code : uint8_t { kG, kA, kT, kC, kN, kOther };
  explicit PerBaseContent(const ModuleContext& context) : context_(context) {}
  std::string_view name() const override { return "Per base sequence content"; }
  void Add(const QcRead& read) override;
  void Finish() override;
  bool ignored() const override { return context_.limits->Ignored("sequence"); }
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

  // Counts per position (index) and Code; complete after the last Add().
  const std::vector<std::array<uint64_t, 8>>& counts() const { return counts_; }

 private:
  const ModuleContext context_;
  void Flush();  // adds the 8-bit tallies to counts_

  std::vector<std::array<uint64_t, 8>> counts_;
  // Per position and letter (G, A, T, C, N), tallies of up to 255 reads, counted 16 positions
  // at a time: letter * stride_ + position.
  std::vector<uint8_t> tallies_;
  size_t stride_ = 0;
  int pending_ = 0;                 // reads in tallies_
  std::vector<uint64_t> lengths_;   // reads per length, for the "other" count per position
  std::vector<std::string> labels_;
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
