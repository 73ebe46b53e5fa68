#include "qc/basic_stats.h"

#include <algorithm>

#include "qc/html_report.h"
#include "qc/java_double.h"
#include "qc/quality_histogram.h"

namespace cutover {

std::string FormatBaseCount(uint64_t bases) {
  double value = static_cast<double>(bases);
  const char* unit = " bp";
  if (value >= 1e9) {
    value /= 1e9;
    unit = " Gbp";
  } else if (value >= 1e6) {
    value /= 1e6;
    unit = " Mbp";
  } else if (value >= 1e3) {
    value /= 1e3;
    unit = " kbp";
  }
  const std::string text = JavaDouble(value);
  size_t last = text.find('.');
  if (last == std::string::npos) last = text.size() - 1;
  if (last + 1 < text.size() && text[last + 1] != '0') {
    ++last;  // one decimal
  } else if (last > 0 && text[last] == '.') {
    --last;  // no decimal, no point
  }
  return text.substr(0, last + 1) + unit;
}

void BasicStats::Add(const QcRead& read) {
  if (read.filtered) {
    ++filtered_;
    return;
  }
  ++total_;
  total_bases_ += read.sequence.size();
  const int length = static_cast<int>(read.sequence.size());
  if (total_ == 1) {
    min_length_ = max_length_ = length;
  } else {
    min_length_ = std::min(min_length_, length);
    max_length_ = std::max(max_length_, length);
  }
}

void BasicStats::Finish() {
  const PerBaseContent::Counts& totals = bases_->totals();
  g_ = totals[PerBaseContent::kG];
  a_ = totals[PerBaseContent::kA];
  t_ = totals[PerBaseContent::kT];
  c_ = totals[PerBaseContent::kC];
  lowest_char_ = std::min(126, qualities_->lowest_char());
}

std::vector<std::pair<std::string, std::string>> BasicStats::Rows() const {
  const uint64_t g = g_, c = c_, a = a_, t = t_;
  const uint64_t acgt = a + c + g + t;
  std::string length = min_length_ == max_length_
                           ? std::to_string(min_length_)
                           : std::to_string(min_length_) + "-" + std::to_string(max_length_);
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Filename", file_name_},
      {"File type", "Conventional base calls"},
      {"Encoding", GuessEncoding(lowest_char_).name},
      {"Total Sequences", std::to_string(total_)},
  };
  if (HasTotalBases(version_)) rows.emplace_back("Total Bases", FormatBaseCount(total_bases_));
  rows.emplace_back("Sequences flagged as poor quality", std::to_string(filtered_));
  rows.emplace_back("Sequence length", length);
  rows.emplace_back("%GC", std::to_string(acgt > 0 ? (g + c) * 100 / acgt : 0));
  return rows;
}

void BasicStats::WriteData(std::string* out) const {
  out->append("#Measure\tValue\n");
  for (const auto& [measure, value] : Rows()) {
    out->append(measure).append("\t").append(value).append("\n");
  }
}

void BasicStats::WriteHtml(HtmlReport* html) const {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [measure, value] : Rows()) rows.push_back({measure, value});
  html->Table({"Measure", "Value"}, rows);
}

}  // namespace cutover
