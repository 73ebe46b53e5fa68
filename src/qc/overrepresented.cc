#include "qc/overrepresented.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "qc/html_report.h"
#include "qc/java_double.h"
#include "qc/java_hash_order.h"

namespace cutover {

DuplicationKey DuplicationKey::For(FastqcVersion version, int dup_length) {
  if (!DuplicationOnTotalOnly(version)) return {75, 50};
  if (dup_length > 0) return {static_cast<size_t>(dup_length), static_cast<size_t>(dup_length)};
  return {50, 50};
}

SequenceCounts::SequenceCounts(size_t max_key)
    : max_key_(max_key), pending_keys_(kPending * max_key), slots_(size_t{1} << 18, 0) {
  // Room for every key of short reads at once (5 MB for 50 bp keys), not grown by copying.
  if (max_key <= 100) arena_.reserve(kUniqueLimit * max_key);
  entries_.reserve(kUniqueLimit);
}

void SequenceCounts::Add(std::string_view sequence) {
  const uint64_t hash = XXH3_64bits(sequence.data(), sequence.size());
  __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  if (pending_count_ == kPending) {
    Insert(pending_[pending_first_].hash, PendingKey(pending_first_));
    pending_first_ = (pending_first_ + 1) % kPending;
    --pending_count_;
  }
  const size_t slot = (pending_first_ + pending_count_) % kPending;
  pending_[slot].hash = hash;
  pending_[slot].length = static_cast<uint32_t>(sequence.size());
  std::memcpy(pending_keys_.data() + slot * max_key_, sequence.data(), sequence.size());
  ++pending_count_;
}

void SequenceCounts::Flush() {
  while (pending_count_ > 0) {
    Insert(pending_[pending_first_].hash, PendingKey(pending_first_));
    pending_first_ = (pending_first_ + 1) % kPending;
    --pending_count_;
  }
  OrderAsJava();
}

void SequenceCounts::Insert(uint64_t hash, std::string_view sequence) {
  ++total_;
  const size_t mask = slots_.size() - 1;
  const uint64_t tag = hash & 0xFFFFFFFF00000000ULL;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const uint64_t slot = slots_[i];
    if (slot == 0) {
      if (frozen_) return;
      entries_.push_back(
          {hash, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(sequence.size()), 1});
      arena_.append(sequence);
      slots_[i] = tag | entries_.size();
      count_at_limit_ = total_;
      if (entries_.size() == kUniqueLimit) frozen_ = true;
      return;
    }
    if ((slot & 0xFFFFFFFF00000000ULL) != tag) continue;
    Entry& e = entries_[(slot & 0xFFFFFFFFULL) - 1];
    if (e.hash == hash && e.length == sequence.size() &&
        arena_.compare(e.offset, e.length, sequence) == 0) {
      ++e.count;
      if (!frozen_) count_at_limit_ = total_;
      return;
    }
  }
}

void SequenceCounts::OrderAsJava() {
  std::vector<int32_t> hashes;
  hashes.reserve(entries_.size());
  for (const Entry& e : entries_) {
    hashes.push_back(JavaStringHash(std::string_view(arena_).substr(e.offset, e.length)));
  }
  java_order_.clear();
  java_order_.reserve(entries_.size());
  for (size_t i : JavaHashMapOrder(hashes)) {
    const Entry& e = entries_[i];
    java_order_.push_back({std::string_view(arena_).substr(e.offset, e.length), e.count});
  }
}

double DuplicationCorrectedCount(int64_t count_at_limit, int64_t total, int level,
                                 int observations) {
  if (count_at_limit == total) return observations;
  if (total - observations < count_at_limit) return observations;
  double p_not_seeing = 1;
  const double limit_of_caring = 1.0 - (observations / (observations + 0.01));
  for (int64_t i = 0; i < count_at_limit; ++i) {
    p_not_seeing *= static_cast<double>((total - i) - level) / static_cast<double>(total - i);
    if (p_not_seeing < limit_of_caring) {
      p_not_seeing = 0;
      break;
    }
  }
  return observations / (1 - p_not_seeing);
}

void DuplicationLevels::Finish() {
  // Distinct sequences per duplication level, in the iteration order of FastQC's maps (the
  // order of the floating-point sums below).
  std::vector<int> levels;  // insertion order
  std::map<int, int> collated;
  for (const SequenceCounts::Key& k : counts_->InJavaOrder()) {
    const int level = static_cast<int>(k.count);
    auto [it, inserted] = collated.emplace(level, 0);
    if (inserted) levels.push_back(level);
    ++it->second;
  }
  std::vector<int32_t> hashes;
  for (int level : levels) hashes.push_back(JavaIntegerHash(level));
  double dedup_total = 0;
  double raw_total = 0;
  for (size_t i : JavaHashMapOrder(hashes)) {
    const int level = levels[i];
    const double count = DuplicationCorrectedCount(counts_->count_at_limit(), counts_->total(),
                                                   level, collated[level]);
    dedup_total += count;
    raw_total += count * level;
    int slot = level - 1;
    if (slot > 9999)
      slot = 15;
    else if (slot > 4999)
      slot = 14;
    else if (slot > 999)
      slot = 13;
    else if (slot > 499)
      slot = 12;
    else if (slot > 99)
      slot = 11;
    else if (slot > 49)
      slot = 10;
    else if (slot > 9)
      slot = 9;
    dedup_[slot] += count;
    total_[slot] += count * level;
  }
  for (int i = 0; i < 16; ++i) {
    dedup_[i] /= dedup_total;
    total_[i] /= raw_total;
    dedup_[i] *= 100;
    total_[i] *= 100;
  }
  percent_distinct_ = (dedup_total / raw_total) * 100;
  if (raw_total == 0) percent_distinct_ = 100;
  const Limits& l = *context_.limits;
  verdict_ = percent_distinct_ < l.Get("duplication", "error")  ? Verdict::kFail
             : percent_distinct_ < l.Get("duplication", "warn") ? Verdict::kWarn
                                                                : Verdict::kPass;
}

namespace {
const char* const kLevelLabels[16] = {"1", "2",   "3",   "4",    "5",    "6",   "7",   "8",
                                      "9", ">10", ">50", ">100", ">500", ">1k", ">5k", ">10k+"};
}

void DuplicationLevels::WriteData(std::string* out) const {
  const bool with_dedup = !DuplicationOnTotalOnly(context_.version);
  out->append("#Total Deduplicated Percentage\t");
  AppendJavaDouble(percent_distinct_, out);
  out->append(with_dedup ? "\n#Duplication Level\tPercentage of deduplicated\tPercentage of total\n"
                         : "\n#Duplication Level\tPercentage of total\n");
  for (int i = 0; i < 16; ++i) {
    out->append(kLevelLabels[i]).append("\t");
    if (with_dedup) {
      AppendJavaDouble(dedup_[i], out);
      out->push_back('\t');
    }
    AppendJavaDouble(total_[i], out);
    out->push_back('\n');
  }
}

void DuplicationLevels::WriteHtml(HtmlReport* html) const {
  std::vector<std::string> labels;
  for (int i = 0; i < 16; ++i) labels.push_back(i == 15 ? ">10k" : kLevelLabels[i]);
  char title[96];
  std::snprintf(title, sizeof title, "Percent of seqs remaining if deduplicated %.2f%%",
                percent_distinct_);
  if (DuplicationOnTotalOnly(context_.version)) {
    html->LineChart(title, "Sequence Duplication Level", labels,
                    {{"% Total sequences", {total_, total_ + 16}}}, 0, 100);
  } else {
    html->LineChart(title, "Sequence Duplication Level", labels,
                    {{"% Deduplicated sequences", {dedup_, dedup_ + 16}},
                     {"% Total sequences", {total_, total_ + 16}}},
                    0, 100);
  }
}

void Overrepresented::Finish() {
  counts_.Flush();
  const double bound = context_.limits->Get("overrepresented", "warn");
  for (const SequenceCounts::Key& k : counts_.InJavaOrder()) {
    const double percentage =
        (static_cast<double>(k.count) / static_cast<double>(counts_.total())) * 100;
    if (percentage > bound) {
      rows_.push_back({std::string(k.sequence), k.count, percentage, ""});
    }
  }
  std::stable_sort(rows_.begin(), rows_.end(),
                   [](const Row& a, const Row& b) { return a.count > b.count; });
  for (Row& r : rows_) {
    std::optional<ContaminantHit> hit = finder_->Find(r.sequence);
    r.source = hit ? hit->ToString() : "No Hit";
  }
  if (rows_.empty()) {
    verdict_ = Verdict::kPass;
  } else {
    verdict_ = rows_[0].percentage > context_.limits->Get("overrepresented", "error")
                   ? Verdict::kFail
                   : Verdict::kWarn;
  }
}

void Overrepresented::WriteData(std::string* out) const {
  if (rows_.empty()) return;
  out->append("#Sequence\tCount\tPercentage\tPossible Source\n");
  for (const Row& r : rows_) {
    out->append(r.sequence).append("\t").append(std::to_string(r.count)).append("\t");
    AppendJavaDouble(r.percentage, out);
    out->append("\t").append(r.source).append("\n");
  }
}

void Overrepresented::WriteHtml(HtmlReport* html) const {
  if (rows_.empty()) {
    html->Paragraph("No overrepresented sequences");
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Row& r : rows_) {
    rows.push_back({r.sequence, std::to_string(r.count), JavaDouble(r.percentage), r.source});
  }
  html->Table({"Sequence", "Count", "Percentage", "Possible Source"}, rows);
}

}  // namespace cutover
