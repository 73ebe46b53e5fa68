// Counts of quality characters at one read position, with FastQC's arithmetic on them
// (its QualityCount): the mean and percentiles of (character - Phred offset).
#pragma once

#include <array>
#include <cstdint>

namespace cutover {

class QualityHistogram {
 public:
  static constexpr int kChars = 128;  // quality characters are checked to be 33..126

  void Add(unsigned char c) {
    ++counts_[c];
    ++total_;
  }
  void Merge(const QualityHistogram& other);
  uint64_t& count(int c) { return counts_[c]; }
  // After counting through count(): sets total() to the sum of the counts.
  void RecomputeTotal();

  uint64_t total() const { return total_; }
  int min_char() const;  // 1000 when empty, as FastQC
  int max_char() const;
  // Mean of (c - offset) over characters >= offset.
  double Mean(int offset) const;
  // The first (c - offset) whose cumulative count, from offset up, reaches total*p/100
  // (integer arithmetic); -1 if none does.
  double Percentile(int offset, int percentile) const;

 private:
  std::array<uint64_t, kChars> counts_{};
  uint64_t total_ = 0;
};

// FastQC's Phred encoding guess from the lowest quality character seen.
struct PhredEncoding {
  const char* name;
  int offset;
};
// kInvalidArgument-free: characters below 33 are rejected when reading, so this never fails.
PhredEncoding GuessEncoding(int lowest_char);

}  // namespace cutover
