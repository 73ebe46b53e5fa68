// Basic Statistics: file name and type, encoding, read counts, length range, %GC.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "qc/module.h"

namespace cutover {

class BasicStats : public QcModule {
 public:
  explicit BasicStats(std::string file_name) : file_name_(std::move(file_name)) {}
  std::string_view name() const override { return "Basic Statistics"; }
  bool wants_filtered() const override { return true; }
  void Add(const QcRead& read) override;
  void Finish() override {}
  bool ignored() const override { return false; }
  Verdict verdict() const override { return Verdict::kPass; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

  int64_t total() const { return total_; }

 private:
  // Rows of the table: {measure, value}.
  std::array<std::pair<std::string, std::string>, 7> Rows() const;

  std::string file_name_;
  int64_t total_ = 0;
  int64_t filtered_ = 0;
  int min_length_ = 0;
  int max_length_ = 0;
  std::array<uint64_t, 256> base_counts_{};
  int lowest_char_ = 126;
};

}  // namespace cutover
