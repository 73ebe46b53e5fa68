#!/bin/sh
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) into build-fuzz/ and runs
# each for $1 seconds (default 60) from a seed corpus of real reads. A crash leaves the input in
# build-fuzz/crash-* and fails the script.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=$root/build-fuzz
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCUTOVER_FUZZ=ON \
  -DCUTOVER_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$build" fastq_reader_fuzzer
corpus=$build/corpus/fastq_reader
mkdir -p "$corpus"
for f in /usr/share/doc/trim-galore/examples/4_seqs_with_Ns.fastq.gz /usr/share/doc/fastqc/examples/example.fastq; do
  [ -f "$f" ] && head -c 4096 "$f" > "$corpus/seed-$(basename "$f")"
done
printf '@r1 x\r\nACGT\r\n+\r\nIIII\r\n@r2\nAC\n+r2\nII' > "$corpus/seed-crlf.fq"
cd "$build/fuzz"
./fastq_reader_fuzzer -max_total_time="$seconds" -max_len=8192 -timeout=10 "$corpus" 2>&1 | tail -5
