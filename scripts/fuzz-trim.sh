#!/bin/sh
# Builds the libFuzzer targets of src/trim/ with clang (ASan + UBSan) into build-fuzz/ and runs
# each for FUZZ_SECONDS (default 60): the prefiltered aligner against the whole DP, the cutadapt
# command line and adapter parser, and chunked FASTQ parsing against FastqReader.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCUTOVER_FUZZ=ON \
  -DCUTOVER_BUILD_TESTS=OFF -DCUTOVER_STATIC_DEPS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets="trim_aligner_fuzzer trim_command_line_fuzzer trim_chunk_parser_fuzzer"
# shellcheck disable=SC2086
ninja -C "$build" $targets
for t in $targets; do
  mkdir -p "$build/corpus/$t"
  echo "== $t ($seconds s)"
  "$build/src/trim/$t" -max_total_time="$seconds" -print_final_stats=1 "$build/corpus/$t" 2>&1 | tail -3
done
