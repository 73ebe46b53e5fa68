#include "qc/per_tile_quality.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "qc/html_report.h"
#include "qc/java_double.h"
#include "qc/java_hash_order.h"

namespace cutover {
namespace {

// Java's String.split(":"): trailing empty fields are dropped.
std::vector<std::string_view> SplitColons(std::string_view s) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    size_t colon = s.find(':', start);
    if (colon == std::string_view::npos) {
      fields.push_back(s.substr(start));
      break;
    }
    fields.push_back(s.substr(start, colon - start));
    start = colon + 1;
  }
  while (!fields.empty() && fields.back().empty()) fields.pop_back();
  return fields;
}

// Java's Integer.parseInt: an optional sign, then decimal digits, within int range.
bool ParseJavaInt(std::string_view s, int* value) {
  if (s.empty()) return false;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
    if (s.empty()) return false;
  }
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
    if (v > int64_t{1} << 31) return false;
  }
  if (negative) v = -v;
  if (v > INT32_MAX || v < INT32_MIN) return false;
  *value = static_cast<int>(v);
  return true;
}

}  // namespace

bool ParseTile(std::string_view header, int* split_position, int* tile) {
  std::vector<std::string_view> fields = SplitColons(header);
  if (*split_position >= 0) {
    if (static_cast<int>(fields.size()) <= *split_position) return false;
  } else if (fields.size() >= 7) {
    *split_position = 4;
  } else if (fields.size() >= 5) {
    *split_position = 2;
  } else {
    return false;
  }
  return ParseJavaInt(fields[*split_position], tile);
}

PerTileQuality::PerTileQuality(const ModuleContext& context)
    : context_(context), sample_first_reads_(PerTileSamplesFirstReads(context.version)) {
  ignore_ = context_.limits->Ignored("tile");
}

bool PerTileQuality::ignored() const {
  return ignore_ || context_.limits->Ignored("tile") || length_ == 0;
}

void PerTileQuality::Add(const QcRead& read) {
  if (ignore_) return;
  if (sample_first_reads_) {
    if (read.quality.empty()) return;
    if (++seen_ > 10000 && seen_ % 10 != 0) return;
  } else if (++seen_ % 10 != 0) {
    return;
  }
  int tile = 0;
  if (!ParseTile(read.header, &split_position_, &tile)) {
    ignore_ = true;
    return;
  }
  if (read.quality.size() > length_) {
    length_ = read.quality.size();
    for (auto& [t, counts] : tiles_) counts.resize(length_);
  }
  auto it = tiles_.find(tile);
  if (it == tiles_.end()) {
    if (tiles_.size() > (sample_first_reads_ ? 2500u : 1000u)) {  // probably not a tile at all
      ignore_ = true;
      tiles_.clear();
      return;
    }
    it = tiles_.emplace(tile, std::vector<QualityHistogram>(length_)).first;
    insertion_order_.push_back(tile);
  }
  QualityHistogram* h = it->second.data();
  for (unsigned char c : read.quality) ++(h++)->count(c);
}

void PerTileQuality::Finish() {
  if (ignored()) return;
  if (static_cast<int>(length_) < context_.grouping.min_length) {
    length_ = context_.grouping.min_length;  // (see PerBaseQuality::Finish)
  }
  for (auto& [t, counts] : tiles_) {
    counts.resize(length_);
    for (QualityHistogram& h : counts) h.RecomputeTotal();
  }
  // FastQC 0.11.9 guesses the encoding from the tile its HashMap iterates first, 0.12.1 from
  // all tiles.
  int lowest = 1000;
  if (sample_first_reads_) {
    for (const auto& [t, counts] : tiles_) {
      for (const QualityHistogram& h : counts) lowest = std::min(lowest, h.min_char());
    }
  } else {
    std::vector<int32_t> hashes;
    for (int t : insertion_order_) hashes.push_back(JavaIntegerHash(t));
    const int first_tile = insertion_order_[JavaHashMapOrder(hashes).front()];
    bool first = true;
    for (const QualityHistogram& h : tiles_.at(first_tile)) {
      if (first || h.min_char() < lowest) lowest = h.min_char();
      first = false;
    }
  }
  const int offset = GuessEncoding(lowest).offset;
  const std::vector<BaseGroup> groups =
      MakeBaseGroups(static_cast<int>(length_), context_.grouping);
  for (const BaseGroup& g : groups) labels_.push_back(g.Label());
  for (const auto& [t, counts] : tiles_) {
    std::vector<double> means;
    for (const BaseGroup& g : groups) {
      int count = 0;
      double total = 0;
      for (int i = g.first - 1; i < g.last; ++i) {
        if (counts[i].total() > 0) {
          ++count;
          total += counts[i].Mean(offset);
        }
      }
      means.push_back(count > 0 ? total / count : 0);
    }
    means_.push_back(std::move(means));
  }
  std::vector<double> average(groups.size(), 0.0);
  for (const auto& means : means_) {
    for (size_t i = 0; i < groups.size(); ++i) average[i] += means[i];
  }
  for (double& a : average) a /= static_cast<double>(means_.size());
  double max_deviation = 0;
  for (size_t i = 0; i < groups.size(); ++i) {
    for (auto& means : means_) {
      means[i] -= average[i];
      max_deviation = std::max(max_deviation, std::fabs(means[i]));
    }
  }
  const Limits& l = *context_.limits;
  verdict_ = max_deviation > l.Get("tile", "error")  ? Verdict::kFail
             : max_deviation > l.Get("tile", "warn") ? Verdict::kWarn
                                                     : Verdict::kPass;
}

void PerTileQuality::WriteData(std::string* out) const {
  out->append("#Tile\tBase\tMean\n");
  size_t t = 0;
  for (const auto& [tile, counts] : tiles_) {
    for (size_t i = 0; i < labels_.size(); ++i) {
      out->append(std::to_string(tile)).append("\t").append(labels_[i]).append("\t");
      AppendJavaDouble(means_[t][i], out);
      out->push_back('\n');
    }
    ++t;
  }
}

void PerTileQuality::WriteHtml(HtmlReport* html) const {
  std::vector<int> tiles;
  for (const auto& [tile, counts] : tiles_) tiles.push_back(tile);
  html->TileHeatMap("Quality per tile", labels_, tiles, means_);
}

}  // namespace cutover
