// Which FastQC release `cutover qc` reproduces. The releases differ in what fastqc_data.txt
// says (docs/qc.md lists the differences); each module asks for the behaviour it needs with
// one of the predicates below rather than comparing versions itself.
#pragma once

#include <string_view>

#include "util/status.h"

namespace cutover {

enum class FastqcVersion {
  k0_11_9,  // Debian 12's `fastqc`
  k0_12_1,  // the current upstream release (the default)
};

inline constexpr FastqcVersion kDefaultFastqcVersion = FastqcVersion::k0_12_1;

std::string_view ToString(FastqcVersion version);  // "0.11.9", "0.12.1"
// kInvalidArgument listing the supported versions.
Result<FastqcVersion> ParseFastqcVersion(std::string_view text);

// Basic Statistics has a "Total Bases" row.
inline bool HasTotalBases(FastqcVersion v) { return v >= FastqcVersion::k0_12_1; }
// The duplication table has no "Percentage of deduplicated" column; keys are reads cut to
// 50 bp (or --dup_length) whatever their length, instead of reads over 75 bp cut to 50.
inline bool DuplicationOnTotalOnly(FastqcVersion v) { return v >= FastqcVersion::k0_12_1; }
// Contaminant hits of equal length are ranked by identity (0.11.9 keeps the first found).
inline bool RanksHitsByIdentity(FastqcVersion v) { return v >= FastqcVersion::k0_12_1; }
// Per tile: the first 10,000 reads and every 10th after (not every 10th read), reads of
// length 0 skipped, up to 2,501 tiles (not 1,001), the encoding guessed from all tiles.
inline bool PerTileSamplesFirstReads(FastqcVersion v) { return v >= FastqcVersion::k0_12_1; }

}  // namespace cutover
