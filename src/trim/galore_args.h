// Trim Galore 0.6.10's command line (`cutover trim galore ...`): its options, parsed by the
// rules of Perl's Getopt::Long as Trim Galore configures it, and its usage text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/status.h"

namespace cutover::trim {

struct GaloreOptions {
  std::vector<std::string> inputs;
  bool paired = false;
  std::optional<std::string> adapter;   // -a (also "A{20}", "file:x.fa", "A -a B")
  std::optional<std::string> adapter2;  // -a2 (paired-end R2)
  enum class Preset { kAuto, kIllumina, kNextera, kSmallRna, kStrandedIllumina } preset =
      Preset::kAuto;
  std::optional<int> quality;  // -q (default 20 unless --nextseq)
  std::optional<int> nextseq;  // --nextseq/--2colour
  std::optional<int> length;   // --length (default 20; 18 for small RNA)
  std::optional<int> stringency;
  std::string error_rate = "0.1";  // as given (it appears in the report as written)
  bool phred64 = false;
  bool gzip = false;
  bool dont_gzip = false;
  bool trim_n = false;
  std::optional<std::string> max_n;  // as given: a count, or a fraction below 1
  int max_length = 0;
  int clip_r1 = 0, clip_r2 = 0, three_prime_clip_r1 = 0, three_prime_clip_r2 = 0;
  bool retain_unpaired = false;
  std::optional<int> length_r1, length_r2;  // -r1/-r2 (with --retain_unpaired)
  std::string output_dir;                    // "" or ending in '/'
  bool no_report_file = false;
  std::optional<std::string> basename;
  int cores = 1;
  std::optional<int> consider_already_trimmed;
  bool help = false;
  bool version = false;
};

// Trim Galore's options (Getopt::Long rules: one or two dashes, case-insensitive, unique
// prefixes, "--opt=value"). Options cutover does not implement (--rrbs, --fastqc, --polyA,
// --hardtrim5, --clock, ...) are kInvalidArgument naming the option.
Result<GaloreOptions> ParseGaloreCommandLine(const std::vector<std::string>& args);


std::string GaloreUsage();

}  // namespace cutover::trim
