// Basic Statistics: file name and type, encoding, read counts, (0.12.1) total bases, length
// range, %GC. Base counts
// and the lowest quality character come from Per base sequence content and Per base sequence
// quality, which see the same reads (those not filtered), so no base is looked at twice.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "qc/fastqc_version.h"
#include "qc/module.h"
#include "qc/per_base_content.h"
#include "qc/per_base_quality.h"

namespace cutover {

// FastQC 0.12.1's "Total Bases" value: bases in bp, kbp, Mbp or Gbp (1000s), with at most one
// decimal, cut (not rounded) and dropped when it is 0: "150 bp", "1.5 Mbp", "12 kbp".
std::string FormatBaseCount(uint64_t bases);

class BasicStats : public QcModule {
 public:
  BasicStats(std::string file_name, FastqcVersion version, const PerBaseContent* bases,
             const PerBaseQuality* qualities)
      : file_name_(std::move(file_name)), version_(version), bases_(bases), qualities_(qualities) {}
  std::string_view name() const override { return "Basic Statistics"; }
  bool wants_filtered() const override { return true; }
  void Add(const QcRead& read) override;
  void Finish() override;
  bool ignored() const override { return false; }
  Verdict verdict() const override { return Verdict::kPass; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

  int64_t total() const { return total_; }

 private:
  // Rows of the table: {measure, value}.
  std::vector<std::pair<std::string, std::string>> Rows() const;

  std::string file_name_;
  const FastqcVersion version_;
  int64_t total_ = 0;
  uint64_t total_bases_ = 0;
  int64_t filtered_ = 0;
  int min_length_ = 0;
  int max_length_ = 0;
  const PerBaseContent* bases_;
  const PerBaseQuality* qualities_;
  uint64_t g_ = 0, a_ = 0, t_ = 0, c_ = 0;
  int lowest_char_ = 126;
};

}  // namespace cutover
