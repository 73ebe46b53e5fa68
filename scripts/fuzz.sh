#!/bin/sh
# Builds every libFuzzer target with clang (ASan + UBSan) into build-fuzz/ and runs each for $1
# seconds (default 60): the FASTQ reader with gzip (fuzz/), and in src/trim/ the prefiltered
# aligner against the whole DP, the cutadapt command line and adapter parser, and chunked FASTQ
# parsing against FastqReader. A crash leaves its input as build-fuzz/crash-* and fails.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=${BUILD_DIR:-$root/build-fuzz}
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCUTOVER_FUZZ=ON \
  -DCUTOVER_BUILD_TESTS=OFF -DCUTOVER_STATIC_DEPS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets="fuzz/fastq_reader_fuzzer src/trim/trim_aligner_fuzzer src/trim/trim_command_line_fuzzer
  src/trim/trim_chunk_parser_fuzzer"
# shellcheck disable=SC2086
ninja -C "$build" $(for t in $targets; do basename "$t"; done)
# Seeds for the reader: the start of real read files, CRLF and a record without a final newline.
seeds=$build/corpus/fastq_reader_fuzzer
mkdir -p "$seeds"
for f in /usr/share/doc/trim-galore/examples/4_seqs_with_Ns.fastq.gz /usr/share/doc/fastqc/examples/example.fastq; do
  [ -f "$f" ] && head -c 4096 "$f" > "$seeds/seed-$(basename "$f")"
done
printf '@r1 x\r\nACGT\r\n+\r\nIIII\r\n@r2\nAC\n+r2\nII' > "$seeds/seed-crlf.fq"
cd "$build"
for t in $targets; do
  name=$(basename "$t")
  mkdir -p "corpus/$name"
  echo "== $name ($seconds s)"
  "./$t" -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1 "corpus/$name" 2>&1 | tail -3
done
