// Sequence Duplication Levels and Overrepresented sequences, which share one count of
// sequences (FastQC's OverRepresentedSeqs): reads longer than 75 bp are keyed by their first
// 50 bases; the first 100,000 distinct keys are counted, later new keys are not, and the
// duplication levels are corrected for the reads seen after that limit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qc/contaminant_finder.h"
#include "qc/module.h"
#include "qc/module_context.h"

namespace cutover {

class SequenceCounts {
 public:
  static constexpr size_t kUniqueLimit = 100000;
  SequenceCounts();
  // Counts `sequence` (at most kMaxKey bytes). The count happens a few reads later, in order,
  // so that the table slot can be fetched from memory meanwhile; Flush() completes it.
  void Add(std::string_view sequence);
  void Flush();
  static constexpr size_t kMaxKey = 75;

  struct Key {
    std::string_view sequence;
    int64_t count;
  };
  // The counted keys in the order FastQC's HashMap iterates them.
  std::vector<Key> InJavaOrder() const;
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
    char key[kMaxKey];
  };
  static constexpr size_t kPending = 16;
  void Insert(uint64_t hash, std::string_view sequence);

  Pending pending_[kPending];
  size_t pending_first_ = 0;  // oldest
  size_t pending_count_ = 0;
  std::vector<Entry> entries_;   // in insertion order
  // Open addressing: (upper 32 bits of the hash) << 32 | (entry index + 1); 0 = empty. The tag
  // spares a visit to the entry (and its key) for every slot that holds another key.
  std::vector<uint64_t> slots_;
  std::string arena_;
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
  double dedup_[16] = {};
  double total_[16] = {};
  double percent_distinct_ = 0;
  Verdict verdict_ = Verdict::kPass;
};

class Overrepresented : public QcModule {
 public:
  Overrepresented(const ModuleContext& context, const ContaminantFinder* finder)
      : context_(context), finder_(finder) {}
  std::string_view name() const override { return "Overrepresented sequences"; }
  void Add(const QcRead& read) override {
    counts_.Add(read.sequence.size() > 75 ? read.sequence.substr(0, 50) : read.sequence);
  }
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
  SequenceCounts counts_;
  std::vector<Row> rows_;
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
