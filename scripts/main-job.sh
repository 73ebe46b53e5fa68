#!/bin/sh
# The main job: install, build, then run the example legacy NGS QC pipeline (real FastQC and
# Trim Galore on the real reads Debian ships) through cutover's routing layer, and show status.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
BUILD_TARGETS=cutover "$root/scripts/build.sh"
cutover="$root/build/src/cutover"
cd "$root/examples/ngs-qc"
./setup-reads.sh
"$cutover" validate
"$cutover" run -j 2
"$cutover" status
