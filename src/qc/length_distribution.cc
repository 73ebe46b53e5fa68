#include "qc/length_distribution.h"

#include "qc/html_report.h"
#include "qc/java_double.h"

namespace cutover {

void LengthDistribution::Finish() {
  int max_len = 0;
  int min_len = -1;
  for (size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] > 0) {
      if (min_len < 0) min_len = static_cast<int>(i);
      max_len = static_cast<int>(i);
    }
  }
  if (min_len < 0) min_len = 0;
  if (min_len > 0) --min_len;
  ++max_len;
  int start = min_len;
  int interval = 1;
  if (context_.grouping.grouping != Grouping::kNone) {
    int base = 1;
    while (base > max_len - min_len) base /= 10;
    for (bool found = false; !found; base *= 10) {
      for (int division : {1, 2, 5}) {
        const int tester = base * division;
        if ((max_len - min_len) / tester <= 50) {
          interval = tester;
          found = true;
          break;
        }
      }
      if (found) break;
    }
    start = min_len / interval * interval;
  }
  for (int lo = start; lo <= max_len; lo += interval) {
    int hi = lo + interval - 1;
    if (hi > max_len) hi = max_len;
    double count = 0;
    for (int bp = lo; bp <= hi; ++bp) {
      if (bp < static_cast<int>(counts_.size())) count += static_cast<double>(counts_[bp]);
    }
    bins_.push_back(count);
    labels_.push_back(interval == 1 ? std::to_string(lo)
                                    : std::to_string(lo) + "-" + std::to_string(hi));
  }
  const Limits& l = *context_.limits;
  bool error = l.Get("sequence_length", "error") != 0 && !counts_.empty() && counts_[0] > 0;
  int lengths_seen = 0;
  for (uint64_t c : counts_) lengths_seen += c > 0;
  bool warn = l.Get("sequence_length", "warn") != 0 && lengths_seen > 1;
  verdict_ = error ? Verdict::kFail : warn ? Verdict::kWarn : Verdict::kPass;
}

void LengthDistribution::WriteData(std::string* out) const {
  out->append("#Length\tCount\n");
  for (size_t i = 0; i < labels_.size(); ++i) {
    if ((i == 0 || i == labels_.size() - 1) && bins_[i] == 0) continue;
    out->append(labels_[i]).append("\t");
    AppendJavaDouble(bins_[i], out);
    out->push_back('\n');
  }
}

void LengthDistribution::WriteHtml(HtmlReport* html) const {
  double max = 0;
  for (double b : bins_) max = std::max(max, b);
  html->LineChart("Distribution of sequence lengths over all sequences", "Sequence Length (bp)",
                  labels_, {{"Sequence Length", bins_}}, 0, max);
}

}  // namespace cutover
