#!/bin/sh
# The main job: install, build, then play the seed's migration on the example legacy NGS QC
# pipeline (real FastQC and Trim Galore on the real reads Debian ships): ten weeks, from
# everything on legacy to everything on the new system, in a few minutes
# (examples/ngs-qc/demo.sh). Ends by printing where the HTML report and the sprint summary are.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" main
BUILD_TARGETS=cutover "$root/scripts/build.sh"
CUTOVER="$root/build/src/cutover" exec "$root/examples/ngs-qc/demo.sh" "$root/examples/ngs-qc/demo-run"
