#include "qc/length_distribution.h"

#include "qc/html_report.h"
#include "qc/java_double.h"

namespace cutover {

void LengthDistribution::Finish() {
  // FastQC's range: one below the shortest length to one above the longest.
  std::vector<std::pair<size_t, uint64_t>> lengths;  // (length, reads), by length
  counts_.ForEach([&](size_t length, uint64_t n) { lengths.emplace_back(length, n); });
  int min_len = lengths.empty() ? 0 : static_cast<int>(lengths.front().first);
  int max_len = lengths.empty() ? 0 : static_cast<int>(lengths.back().first);
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
  size_t next = 0;  // the first of `lengths` not yet in a bin
  for (int lo = start; lo <= max_len; lo += interval) {
    int hi = lo + interval - 1;
    if (hi > max_len) hi = max_len;
    double count = 0;
    for (; next < lengths.size() && static_cast<int>(lengths[next].first) <= hi; ++next) {
      if (static_cast<int>(lengths[next].first) >= lo)
        count += static_cast<double>(lengths[next].second);
    }
    bins_.push_back(count);
    labels_.push_back(interval == 1 ? std::to_string(lo)
                                    : std::to_string(lo) + "-" + std::to_string(hi));
  }
  const Limits& l = *context_.limits;
  bool error = l.Get("sequence_length", "error") != 0 && counts_.count(0) > 0;
  bool warn = l.Get("sequence_length", "warn") != 0 && lengths.size() > 1;
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
