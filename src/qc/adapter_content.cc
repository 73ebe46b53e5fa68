#include "qc/adapter_content.h"

#include <algorithm>
#include <cstring>

#include "qc/html_report.h"
#include "qc/java_double.h"

namespace cutover {
namespace {

int BaseCode(char c) {
  switch (c) {
    case 'A': return 0;
    case 'C': return 1;
    case 'G': return 2;
    case 'T': return 3;
    default: return -1;
  }
}

}  // namespace

AdapterContent::AdapterContent(const ModuleContext& context, std::vector<NamedSequence> adapters)
    : context_(context), adapters_(std::move(adapters)) {
  int shortest = 1 << 30;
  rolling_ = !adapters_.empty();
  for (const NamedSequence& a : adapters_) {
    longest_adapter_ = std::max(longest_adapter_, static_cast<int>(a.sequence.size()));
    shortest = std::min(shortest, static_cast<int>(a.sequence.size()));
    for (char c : a.sequence) rolling_ = rolling_ && BaseCode(c) >= 0;
  }
  rolling_ = rolling_ && shortest > 0;
  if (rolling_) {
    k_ = std::min(shortest, 32);
    filter_.assign(1024, 0);
    for (const NamedSequence& a : adapters_) {
      uint64_t code = 0;
      for (int i = 0; i < k_; ++i) code = (code << 2) | BaseCode(a.sequence[i]);
      prefix_codes_.push_back(code);
      filter_[(code & 0xFFFF) >> 6] |= uint64_t{1} << (code & 63);
    }
  }
  first_hits_.assign(adapters_.size(), {});
  scratch_.resize(adapters_.size());
}

void AdapterContent::FindFirst(std::string_view s, std::vector<int>* first) const {
  const size_t n_adapters = adapters_.size();
  first->assign(n_adapters, -1);
  if (!rolling_) {
    for (size_t a = 0; a < n_adapters; ++a) {
      size_t at = s.find(adapters_[a].sequence);
      if (at != std::string_view::npos) (*first)[a] = static_cast<int>(at);
    }
    return;
  }
  const uint64_t mask = k_ == 32 ? ~uint64_t{0} : (uint64_t{1} << (2 * k_)) - 1;
  uint64_t code = 0;
  int valid = 0;  // bases of ACGT ending here
  size_t found = 0;
  const int length = static_cast<int>(s.size());
  for (int i = 0; i < length; ++i) {
    const int b = BaseCode(s[i]);
    if (b < 0) {
      valid = 0;
      code = 0;
      continue;
    }
    code = ((code << 2) | b) & mask;
    if (++valid < k_) continue;
    if (((filter_[(code & 0xFFFF) >> 6] >> (code & 63)) & 1) == 0) continue;
    const int start = i - k_ + 1;
    for (size_t a = 0; a < n_adapters; ++a) {
      if ((*first)[a] >= 0 || prefix_codes_[a] != code) continue;
      const std::string& seq = adapters_[a].sequence;
      if (start + static_cast<int>(seq.size()) > length) continue;
      if (std::memcmp(s.data() + start + k_, seq.data() + k_, seq.size() - k_) != 0) continue;
      (*first)[a] = start;
      if (++found == n_adapters) return;
    }
  }
}

void AdapterContent::Add(const QcRead& read) {
  ++total_;
  const int length = static_cast<int>(read.sequence.size());
  if (length > longest_sequence_ && length - longest_adapter_ > 0) longest_sequence_ = length;
  const int last = longest_sequence_ - longest_adapter_;  // positions 0..last are counted
  if (last < 0) return;
  FindFirst(read.sequence, &scratch_);
  for (size_t a = 0; a < adapters_.size(); ++a) {
    const int at = scratch_[a];
    if (at < 0 || at > last) continue;
    std::vector<int64_t>& hits = first_hits_[a];
    if (hits.size() <= static_cast<size_t>(at)) hits.resize(at + 1);
    ++hits[at];
  }
}

void AdapterContent::Finish() {
  if (longest_adapter_ > longest_sequence_) {  // reads too short to say: FastQC warns
    verdict_ = Verdict::kWarn;
    return;
  }
  const int positions = longest_sequence_ - longest_adapter_ + 1;
  const std::vector<BaseGroup> groups = MakeBaseGroups(positions, context_.grouping);
  for (const BaseGroup& g : groups) labels_.push_back(g.Label());
  for (size_t a = 0; a < adapters_.size(); ++a) {
    // Each read counts at every position from its first hit on.
    std::vector<int64_t> cumulative(positions, 0);
    int64_t running = 0;
    for (int p = 0; p < positions; ++p) {
      if (p < static_cast<int>(first_hits_[a].size())) running += first_hits_[a][p];
      cumulative[p] = running;
    }
    std::vector<double> values;
    for (const BaseGroup& g : groups) {
      double v = 0;
      for (int p = g.first - 1; p < g.last && p < positions; ++p) {
        v += (static_cast<double>(cumulative[p]) * 100.0) / static_cast<double>(total_);
      }
      v /= (g.last - g.first) + 1;
      values.push_back(v);
    }
    enrichment_.push_back(std::move(values));
  }
  const Limits& l = *context_.limits;
  auto exceeds = [&](const std::string& level) {
    for (const auto& values : enrichment_) {
      for (double v : values) {
        if (v > l.Get("adapter", level)) return true;
      }
    }
    return false;
  };
  verdict_ = exceeds("error") ? Verdict::kFail : exceeds("warn") ? Verdict::kWarn : Verdict::kPass;
}

void AdapterContent::WriteData(std::string* out) const {
  if (longest_adapter_ > longest_sequence_) return;
  out->append("#Position");
  for (const NamedSequence& a : adapters_) out->append("\t").append(a.name);
  out->push_back('\n');
  for (size_t g = 0; g < labels_.size(); ++g) {
    out->append(labels_[g]);
    for (const auto& values : enrichment_) {
      out->push_back('\t');
      AppendJavaDouble(values[g], out);
    }
    out->push_back('\n');
  }
}

void AdapterContent::WriteHtml(HtmlReport* html) const {
  if (longest_adapter_ > longest_sequence_) {
    html->Paragraph("Can't analyse adapters as read length is too short (" +
                    std::to_string(longest_adapter_) + " vs " +
                    std::to_string(longest_sequence_) + ")");
    return;
  }
  std::vector<Series> series;
  for (size_t a = 0; a < adapters_.size(); ++a) {
    series.push_back({adapters_[a].name, enrichment_[a]});
  }
  html->LineChart("% Adapter", "Position in read (bp)", labels_, series, 0, 100);
}

}  // namespace cutover
