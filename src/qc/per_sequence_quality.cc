#include "qc/per_sequence_quality.h"

#include <algorithm>

#include "qc/html_report.h"
#include "qc/java_double.h"
#include "qc/quality_histogram.h"
#include "qc/simd.h"

namespace cutover {

void PerSequenceQuality::Add(const QcRead& read) {
  if (read.quality.empty()) return;
  const uint64_t sum = ByteSum(read.quality);
  // (A 32-bit division where it fits, the usual case, is several times cheaper.)
  const int mean = sum <= UINT32_MAX ? static_cast<int>(static_cast<uint32_t>(sum) /
                                                        static_cast<uint32_t>(read.quality.size()))
                                     : static_cast<int>(sum / read.quality.size());
  if (mean >= static_cast<int>(counts_.size())) counts_.resize(mean + 1);
  ++counts_[mean];
}

bool PerSequenceQuality::ignored() const {
  if (context_.limits->Ignored("quality_sequence")) return true;
  for (uint64_t c : counts_) {
    if (c > 0) return false;
  }
  return true;
}

void PerSequenceQuality::Finish() {
  if (ignored()) return;
  const int offset = GuessEncoding(std::min(126, qualities_->lowest_char())).offset;
  int first = 0;
  while (counts_[first] == 0) ++first;
  int last = static_cast<int>(counts_.size()) - 1;
  int max_count = 0;
  int most_frequent = 0;
  for (int raw = first; raw <= last; ++raw) {
    x_.push_back(raw - offset);
    y_.push_back(static_cast<double>(counts_[raw]));
    if (y_.back() > max_count) {
      max_count = static_cast<int>(y_.back());
      most_frequent = x_.back();
    }
  }
  const Limits& l = *context_.limits;
  verdict_ = most_frequent <= l.Get("quality_sequence", "error")  ? Verdict::kFail
             : most_frequent <= l.Get("quality_sequence", "warn") ? Verdict::kWarn
                                                                  : Verdict::kPass;
}

void PerSequenceQuality::WriteData(std::string* out) const {
  out->append("#Quality\tCount\n");
  for (size_t i = 0; i < x_.size(); ++i) {
    out->append(std::to_string(x_[i])).append("\t");
    AppendJavaDouble(y_[i], out);
    out->push_back('\n');
  }
}

void PerSequenceQuality::WriteHtml(HtmlReport* html) const {
  std::vector<std::string> labels;
  double max = 0;
  for (size_t i = 0; i < x_.size(); ++i) {
    labels.push_back(std::to_string(x_[i]));
    max = std::max(max, y_[i]);
  }
  html->LineChart("Quality score distribution over all sequences",
                  "Mean Sequence Quality (Phred Score)", labels, {{"Average Quality per read", y_}},
                  0, max);
}

}  // namespace cutover
