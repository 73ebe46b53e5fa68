// Sequence Duplication Levels and Overrepresented sequences, which share one count of
// sequences (FastQC's OverRepresentedSeqs): reads are keyed by their start (DuplicationKey);
// the first 100,000 distinct keys are counted, later new keys are not, and the duplication
// levels are corrected for the reads seen after that limit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qc/contaminant_finder.h"
#include "qc/module.h"
#include "qc/module_context.h"

namespace cutover {

// How much of a read is its duplication key: reads longer than `cut_above` bases are cut to
// `length`. FastQC 0.11.9: above 75 to 50; 0.12.1: above 50 to 50, or with --dup_length N every
// read to N (a shorter read whole: FastQC 0.12.1 hangs on one).
struct DuplicationKey {
  size_t cut_above;
  size_t length;
  static DuplicationKey For(FastqcVersion version, int dup_length);
  std::string_view Of(std::string_view sequence) const {
    return sequence.size() > cut_above ? sequence.substr(0, length) : sequence;
  }
  size_t max_length() const { return cut_above > length ? cut_above : length; }
};

class SequenceCounts {
 public:
  static constexpr size_t kUniqueLimit = 100000;
  explicit SequenceCounts(size_t max_key);
  // Counts `sequence` (at most max_key bytes). The count happens a few reads later, in order,
  // so that the table slot can be fetched from memory meanwhile; Flush() completes it.
  void Add(std::string_view sequence);
  void Flush();  // also puts the keys in InJavaOrder()'s order

  struct Key {
    std::string_view sequence;
    int64_t count;
  };
  // The counted keys in the order FastQC's HashMap iterates them, as of the last Flush();
  // valid until the next Add().
  const std::vector<Key>& InJavaOrder() const { return java_order_; }
  int64_t total() const { return total_; }
  int64_t count_at_limit() const { return count_at_limit_; }

 private:
  struct Entry {
    uint64_t hash;
    uint32_t offset;  // into arena_
    uint32_t length;
    int64_t count;
  };
  struct Pending {
    uint64_t hash;
    uint32_t length;
  };
  static constexpr size_t kPending = 16;
  void Insert(uint64_t hash, std::string_view sequence);
  void OrderAsJava();  // fills java_order_
  std::string_view PendingKey(size_t i) const {
    return std::string_view(pending_keys_.data() + i * max_key_, pending_[i].length);
  }

  const size_t max_key_;
  Pending pending_[kPending];
  std::vector<char> pending_keys_;  // kPending slots of max_key_ bytes
  size_t pending_first_ = 0;        // oldest
  size_t pending_count_ = 0;
  std::vector<Entry> entries_;  // in insertion order
  // Open addressing: (upper 32 bits of the hash) << 32 | (entry index + 1); 0 = empty. The tag
  // spares a visit to the entry (and its key) for every slot that holds another key.
  std::vector<uint64_t> slots_;
  std::string arena_;
  std::vector<Key> java_order_;  // (views into arena_)
  int64_t total_ = 0;
  int64_t count_at_limit_ = 0;
  bool frozen_ = false;
};

// FastQC's estimate of how many distinct sequences seen `level` times there really are, given
// `observations` of them were counted before new sequences stopped being tracked after
// `count_at_limit` of `total` reads.
double DuplicationCorrectedCount(int64_t count_at_limit, int64_t total, int level,
                                 int observations);

class DuplicationLevels : public QcModule {
 public:
  DuplicationLevels(const ModuleContext& context, const SequenceCounts* counts)
      : context_(context), counts_(counts) {}
  std::string_view name() const override { return "Sequence Duplication Levels"; }
  void Add(const QcRead&) override {}  // counted by Overrepresented
  void Finish() override;
  bool ignored() const override { return context_.limits->Ignored("duplication"); }
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

 private:
  const ModuleContext context_;
  const SequenceCounts* counts_;
  double dedup_[16] = {};  // (not reported by 0.12.1)
  double total_[16] = {};
  double percent_distinct_ = 0;
  Verdict verdict_ = Verdict::kPass;
};

class Overrepresented : public QcModule {
 public:
  Overrepresented(const ModuleContext& context, const ContaminantFinder* finder)
      : context_(context),
        finder_(finder),
        key_(DuplicationKey::For(context.version, context.dup_length)),
        counts_(key_.max_length()) {}
  std::string_view name() const override { return "Overrepresented sequences"; }
  void Add(const QcRead& read) override { counts_.Add(key_.Of(read.sequence)); }
  void Finish() override;  // before DuplicationLevels::Finish, which reads the counts
  bool ignored() const override { return context_.limits->Ignored("overrepresented"); }
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

  const SequenceCounts* counts() const { return &counts_; }

 private:
  struct Row {
    std::string sequence;
    int64_t count;
    double percentage;
    std::string source;
  };
  const ModuleContext context_;
  const ContaminantFinder* finder_;
  const DuplicationKey key_;
  SequenceCounts counts_;
  std::vector<Row> rows_;
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
