#include "qc/per_base_content.h"

#include <cmath>

#include "qc/html_report.h"
#include "qc/java_double.h"

namespace cutover {
namespace {

constexpr std::array<uint8_t, 256> MakeCodes() {
  std::array<uint8_t, 256> codes{};
  for (auto& c : codes) c = PerBaseContent::kOther;
  codes['G'] = PerBaseContent::kG;
  codes['A'] = PerBaseContent::kA;
  codes['T'] = PerBaseContent::kT;
  codes['C'] = PerBaseContent::kC;
  codes['N'] = PerBaseContent::kN;
  return codes;
}
constexpr std::array<uint8_t, 256> kCodes = MakeCodes();

}  // namespace

void PerBaseContent::Add(const QcRead& read) {
  if (read.sequence.size() > counts_.size()) counts_.resize(read.sequence.size());
  std::array<uint64_t, 8>* row = counts_.data();
  for (unsigned char c : read.sequence) ++(*row++)[kCodes[c]];
}

void PerBaseContent::Finish() {
  if (!counts_.empty() && static_cast<int>(counts_.size()) < context_.grouping.min_length) {
    counts_.resize(context_.grouping.min_length);  // (see PerBaseQuality::Finish)
  }
  const std::vector<BaseGroup> groups =
      MakeBaseGroups(static_cast<int>(counts_.size()), context_.grouping);
  for (const BaseGroup& g : groups) {
    labels_.push_back(g.Label());
    uint64_t n[4] = {0, 0, 0, 0};
    uint64_t total = 0;
    for (int bp = g.first - 1; bp < g.last; ++bp) {
      for (int k = 0; k < 4; ++k) {
        n[k] += counts_[bp][k];
        total += counts_[bp][k];
      }
    }
    for (int k = 0; k < 4; ++k) {
      percent_[k].push_back((static_cast<double>(n[k]) / static_cast<double>(total)) * 100);
    }
  }
  const Limits& l = *context_.limits;
  auto exceeds = [&](const std::string& level) {
    const double bound = l.Get("sequence", level);
    for (size_t i = 0; i < labels_.size(); ++i) {
      double gc = std::fabs(percent_[kC][i] - percent_[kG][i]);
      double at = std::fabs(percent_[kT][i] - percent_[kA][i]);
      if (gc > bound || at > bound) return true;
    }
    return false;
  };
  verdict_ = exceeds("error") ? Verdict::kFail : exceeds("warn") ? Verdict::kWarn : Verdict::kPass;
}

void PerBaseContent::WriteData(std::string* out) const {
  out->append("#Base\tG\tA\tT\tC\n");
  for (size_t i = 0; i < labels_.size(); ++i) {
    out->append(labels_[i]);
    for (int k : {kG, kA, kT, kC}) {
      out->push_back('\t');
      AppendJavaDouble(percent_[k][i], out);
    }
    out->push_back('\n');
  }
}

void PerBaseContent::WriteHtml(HtmlReport* html) const {
  html->LineChart("Sequence content across all bases", "Position in read (bp)", labels_,
                  {{"%T", percent_[kT]}, {"%C", percent_[kC]}, {"%A", percent_[kA]},
                   {"%G", percent_[kG]}},
                  0, 100);
}

void NContent::Finish() {
  const auto& counts = bases_->counts();
  for (const BaseGroup& g : MakeBaseGroups(static_cast<int>(counts.size()), context_.grouping)) {
    labels_.push_back(g.Label());
    uint64_t n = 0;
    uint64_t total = 0;
    for (int bp = g.first - 1; bp < g.last; ++bp) {
      n += counts[bp][PerBaseContent::kN];
      for (uint64_t c : counts[bp]) total += c;
    }
    percent_.push_back(100 * (static_cast<double>(n) / static_cast<double>(total)));
  }
  const Limits& l = *context_.limits;
  auto exceeds = [&](const std::string& level) {
    for (double p : percent_) {
      if (p > l.Get("n_content", level)) return true;
    }
    return false;
  };
  verdict_ = exceeds("error") ? Verdict::kFail : exceeds("warn") ? Verdict::kWarn : Verdict::kPass;
}

void NContent::WriteData(std::string* out) const {
  out->append("#Base\tN-Count\n");
  for (size_t i = 0; i < labels_.size(); ++i) {
    out->append(labels_[i]).append("\t");
    AppendJavaDouble(percent_[i], out);
    out->push_back('\n');
  }
}

void NContent::WriteHtml(HtmlReport* html) const {
  html->LineChart("N content across all bases", "Position in read (bp)", labels_,
                  {{"%N", percent_}}, 0, 100);
}

}  // namespace cutover
