#include "qc/basic_stats.h"

#include <algorithm>

#include "qc/html_report.h"
#include "qc/quality_histogram.h"

namespace cutover {

void BasicStats::Add(const QcRead& read) {
  if (read.filtered) {
    ++filtered_;
    return;
  }
  ++total_;
  const int length = static_cast<int>(read.sequence.size());
  if (total_ == 1) {
    min_length_ = max_length_ = length;
  } else {
    min_length_ = std::min(min_length_, length);
    max_length_ = std::max(max_length_, length);
  }
  for (unsigned char c : read.sequence) ++base_counts_[c];
  unsigned char lowest = static_cast<unsigned char>(lowest_char_);
  for (unsigned char c : read.quality) lowest = std::min(lowest, c);
  lowest_char_ = lowest;
}

std::array<std::pair<std::string, std::string>, 7> BasicStats::Rows() const {
  const uint64_t g = base_counts_['G'], c = base_counts_['C'];
  const uint64_t a = base_counts_['A'], t = base_counts_['T'];
  const uint64_t acgt = a + c + g + t;
  std::string length = min_length_ == max_length_
                           ? std::to_string(min_length_)
                           : std::to_string(min_length_) + "-" + std::to_string(max_length_);
  return {{
      {"Filename", file_name_},
      {"File type", "Conventional base calls"},
      {"Encoding", GuessEncoding(lowest_char_).name},
      {"Total Sequences", std::to_string(total_)},
      {"Sequences flagged as poor quality", std::to_string(filtered_)},
      {"Sequence length", length},
      {"%GC", std::to_string(acgt > 0 ? (g + c) * 100 / acgt : 0)},
  }};
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
