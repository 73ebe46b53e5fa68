// Quality trimming as cutadapt 4.2 does it (BWA's algorithm), and its NextSeq variant.
#pragma once

#include <string_view>

namespace cutover::trim {

struct TrimRange {
  int start = 0;  // first base kept
  int stop = 0;   // one past the last base kept; start == stop == 0 when nothing is left
  bool operator==(const TrimRange&) const = default;
};

// The part of a read left after trimming low-quality ends. From each end, partial sums of
// (cutoff - quality) are accumulated until they turn negative; the cut is where the sum was
// largest. A cutoff of 0 leaves that end alone (unless qualities are below 0). Qualities are
// characters encoded as quality + base.
TrimRange QualityTrimIndex(std::string_view qualities, int cutoff_front, int cutoff_back,
                           int base);

// --nextseq-trim: the 3' end only, and a 'G' counts as quality cutoff - 1 whatever its quality
// (two-colour chemistry reports no signal as a high-quality G). Returns the new length.
int NextseqTrimIndex(std::string_view sequence, std::string_view qualities, int cutoff, int base);

}  // namespace cutover::trim
