#include "qc/per_sequence_gc.h"

#include <algorithm>
#include <cmath>

#include "qc/html_report.h"
#include "qc/java_double.h"
#include "qc/simd.h"

namespace cutover {
namespace {

// Java's Math.round for the non-negative values used here: floor(x + 0.5).
int JavaRound(double x) { return static_cast<int>(std::floor(x + 0.5)); }

}  // namespace

void GcModel::BinRange(int pos, int* low, int* high) const {
  const int length = length_;
  double low_count = pos - 0.5;
  double high_count = pos + 0.5;
  if (low_count < 0) low_count = 0;
  if (high_count < 0) high_count = 0;
  if (high_count > length) high_count = length;
  if (low_count > length) low_count = length;
  *low = JavaRound((low_count * 100) / length);
  *high = JavaRound((high_count * 100) / length);
}

GcModel::GcModel(int length) : length_(length) {
  for (int pos = 0; pos <= length; ++pos) {
    int low, high;
    BinRange(pos, &low, &high);
    for (int p = low; p <= high; ++p) ++claiming_[p];
    if (length <= kCachedRanges) {
      ranges_.push_back({static_cast<uint8_t>(low), static_cast<uint8_t>(high)});
    }
  }
  for (int p = 0; p <= 100; ++p) increment_[p] = claiming_[p] > 0 ? 1.0 / claiming_[p] : 0;
}

std::vector<GcModel::Share> GcModel::shares(int gc_count) const {
  std::vector<Share> out;
  ForEachShare(gc_count, [&](Share s) { out.push_back(s); });
  return out;
}

void PerSequenceGc::Add(const QcRead& read) {
  size_t length = read.sequence.size();
  if (length > 1000) {
    length = length / 1000 * 1000;
  } else if (length > 100) {
    length = length / 100 * 100;
  }
  if (length == 0) return;
  const int gc = static_cast<int>(CountEither(read.sequence.substr(0, length), 'G', 'C'));
  const GcModel* model;
  if (length <= 1000) {
    if (length >= models_.size()) models_.resize(length + 1);
    if (!models_[length]) models_[length] = std::make_unique<GcModel>(static_cast<int>(length));
    model = models_[length].get();
  } else {
    model = &long_models_.try_emplace(length, static_cast<int>(length)).first->second;
  }
  model->ForEachShare(gc, [this](GcModel::Share s) { distribution_[s.bin] += s.increment; });
}

void PerSequenceGc::Finish() {
  double total = 0;
  int first_mode = 0;
  double mode_count = 0;
  for (int i = 0; i <= 100; ++i) {
    total += distribution_[i];
    if (distribution_[i] > mode_count) {
      mode_count = distribution_[i];
      first_mode = i;
    }
  }
  // The mode: the mean of the bins within 10% of the highest next to it, unless that band
  // reaches either end.
  const double threshold = distribution_[first_mode] - distribution_[first_mode] / 10;
  double mode = 0;
  int duplicates = 0;
  bool fell_off_top = true;
  for (int i = first_mode; i <= 100; ++i) {
    if (distribution_[i] > threshold) {
      mode += i;
      ++duplicates;
    } else {
      fell_off_top = false;
      break;
    }
  }
  bool fell_off_bottom = true;
  for (int i = first_mode - 1; i >= 0; --i) {
    if (distribution_[i] > threshold) {
      mode += i;
      ++duplicates;
    } else {
      fell_off_bottom = false;
      break;
    }
  }
  if (fell_off_bottom || fell_off_top) {
    mode = first_mode;
  } else {
    mode /= duplicates;
  }
  double stdev = 0;
  for (int i = 0; i <= 100; ++i) stdev += (i - mode) * (i - mode) * distribution_[i];
  stdev /= total - 1;
  stdev = std::sqrt(stdev);
  double deviation = 0;
  for (int i = 0; i <= 100; ++i) {
    const double lhs = 1.0 / std::sqrt(2 * M_PI * stdev * stdev);
    const double rhs = std::pow(M_E, 0 - ((i - mode) * (i - mode) / (2 * stdev * stdev)));
    theoretical_[i] = lhs * rhs * total;
    deviation += std::fabs(theoretical_[i] - distribution_[i]);
  }
  deviation /= total;
  deviation *= 100;
  const Limits& l = *context_.limits;
  verdict_ = deviation > l.Get("gc_sequence", "error")  ? Verdict::kFail
             : deviation > l.Get("gc_sequence", "warn") ? Verdict::kWarn
                                                        : Verdict::kPass;
}

void PerSequenceGc::WriteData(std::string* out) const {
  out->append("#GC Content\tCount\n");
  for (int i = 0; i <= 100; ++i) {
    out->append(std::to_string(i)).append("\t");
    AppendJavaDouble(distribution_[i], out);
    out->push_back('\n');
  }
}

void PerSequenceGc::WriteHtml(HtmlReport* html) const {
  std::vector<std::string> labels;
  double max = 0;
  for (int i = 0; i <= 100; ++i) {
    labels.push_back(std::to_string(i));
    max = std::max({max, distribution_[i], theoretical_[i]});
  }
  html->LineChart("GC distribution over all sequences", "Mean GC content (%)", labels,
                  {{"GC count per read", {distribution_.begin(), distribution_.end()}},
                   {"Theoretical Distribution", {theoretical_.begin(), theoretical_.end()}}},
                  0, max);
}

}  // namespace cutover
