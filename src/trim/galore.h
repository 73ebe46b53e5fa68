// Trim Galore 0.6.10 mode (`cutover trim galore ...`): Trim Galore's command line
// (galore_args.h), adapter auto-detection and the cutadapt parameters it derives (-e, -q, -O,
// --trim-n, -a; galore_settings.h), its own filters after cutadapt (5'/3' clipping, --max_n, --length, --max_length), its paired-end
// validation (both mates long enough, optional unpaired outputs), its output names and its
// trimming reports — with cutover's cutadapt inside instead of a cutadapt process.
#pragma once

#include <cstdio>

#include "trim/galore_args.h"
#include "util/status.h"

namespace cutover::trim {

// Runs Trim Galore's work; progress goes to `log` (stderr). Outputs and reports are written
// atomically and only when everything succeeded.
Status RunGalore(const GaloreOptions& options, std::FILE* log);

}  // namespace cutover::trim
