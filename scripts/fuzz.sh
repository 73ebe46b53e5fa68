#!/bin/sh
# Builds every libFuzzer target with clang (ASan + UBSan) into build-fuzz/ and runs each for $1
# seconds (default 60): the FASTQ reader with gzip and the pipeline-file loader (fuzz/), and in src/trim/ the prefiltered
# aligner against the whole DP, the cutadapt command line and adapter parser, and chunked FASTQ
# parsing against FastqReader. A crash leaves its input as build-fuzz/crash-* and fails.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=${BUILD_DIR:-$root/build-fuzz}
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCUTOVER_FUZZ=ON \
  -DCUTOVER_BUILD_TESTS=OFF -DCUTOVER_STATIC_DEPS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets="fuzz/fastq_reader_fuzzer fuzz/pipeline_loader_fuzzer src/trim/trim_aligner_fuzzer src/trim/trim_command_line_fuzzer
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
# Seeds for the loader: the starter pipeline, the example, an alias bomb and a self-reference.
seeds=$build/corpus/pipeline_loader_fuzzer
mkdir -p "$seeds"
cp "$root/examples/ngs-qc/cutover.yaml" "$seeds/seed-example.yaml" 2>/dev/null || true
cat > "$seeds/seed-alias-bomb.yaml" <<'Y'
samples: {list: [a]}
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
steps:
  s:
    outputs: {o: "out/{sample}", compare: {kind: text, ignore: [*d, *d, *d, *d]}}
    legacy: {shell: "true"}
Y
printf 'samples: {list: [a]}\nsteps:\n  s:\n    outputs: {o: x}\n    legacy: {shell: "true"}\n    policy: &x [*x]\n' > "$seeds/seed-self-alias.yaml"
cd "$build"
for t in $targets; do
  name=$(basename "$t")
  mkdir -p "corpus/$name"
  echo "== $name ($seconds s)"
  "./$t" -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1 "corpus/$name" 2>&1 | tail -3
done
