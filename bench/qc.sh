#!/usr/bin/env bash
# `cutover qc` beside FastQC ($FASTQC_VERSION: 0.12.1, built from ../shared/oracles, by default;
# 0.11.9 is Debian's) on the 2M x 150 bp corpus file (../shared/data, built by
# bench/corpus.sh), plain and gzip, with one thread and with two; beside `igzip -dc` on the .gz.
# Goals (issues 4 and 15): >= 20x FastQC's throughput with -t 1 and with -t 2; on .gz, within
# 1.3x of igzip -dc; peak memory <= 300 MB, flat in input size; identical output at every thread
# count.
# Medians of hyperfine runs (FastQC: 3 runs; it takes ~17 s here).
# usage: bench/qc.sh [path/to/cutover]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
corpus=$("$root/bench/corpus.sh")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/fastqc" "$work/t1" "$work/t2"
version=${FASTQC_VERSION:-0.12.1}
fastqc=$("$root/bench/fastqc.sh" "$version" "$work")
qc="$cutover qc --fastqc-version $version"
echo "FastQC $version; load: $(cut -d" " -f1-3 /proc/loadavg)"

for input in "$corpus/se150_2M.fastq" "$corpus/se150_2M.fastq.gz"; do
  name=$(basename "$input")
  # Identity first: FastQC's report and ours at -t 1 and -t 2.
  $fastqc -q -o "$work/fastqc" "$input" >/dev/null 2>&1
  $qc -q -t 1 -o "$work/t1" "$input"
  $qc -q -t 2 -o "$work/t2" "$input"
  base=$(basename "$input"); base=${base%.gz}; base=${base%.fastq}_fastqc
  for d in t1 t2; do
    cmp <(unzip -p "$work/fastqc/$base.zip" "$base/fastqc_data.txt" | tail -n +2) \
        <(unzip -p "$work/$d/$base.zip" "$base/fastqc_data.txt" | tail -n +2) \
      || { echo "$name: fastqc_data.txt at -${d} differs from FastQC's" >&2; exit 1; }
  done
  hyperfine --runs 3 --export-json "$work/fastqc.json" \
    "$fastqc -q -o $work/fastqc $input" >/dev/null
  cmds=("$qc -q -t 1 -o $work/t1 $input" "$qc -q -t 2 -o $work/t2 $input")
  case $input in *.gz) cmds+=("igzip -dc $input > /dev/null") ;; esac
  hyperfine --warmup 1 --runs 7 --export-json "$work/ours.json" "${cmds[@]}" >/dev/null
  f=$(jq -r '.results[0].median' "$work/fastqc.json")
  t1=$(jq -r '.results[0].median' "$work/ours.json")
  t2=$(jq -r '.results[1].median' "$work/ours.json")
  rss1=$( { /usr/bin/time -f '%M' $qc -q -t 1 -o "$work/t1" "$input"; } 2>&1 | tail -1)
  rss2=$( { /usr/bin/time -f '%M' $qc -q -t 2 -o "$work/t2" "$input"; } 2>&1 | tail -1)
  awk -v n="$name" -v f="$f" -v a="$t1" -v b="$t2" -v r1="$rss1" -v r2="$rss2" 'BEGIN {
    printf "%s: fastqc %.2f s | cutover qc -t 1 %.3f s (%.1fx) | -t 2 %.3f s (%.1fx) | goal >= 20x | peak RSS %.0f / %.0f MB\n",
      n, f, a, f / a, b, f / b, r1 / 1024, r2 / 1024 }'
  case $input in *.gz)
    i=$(jq -r '.results[2].median' "$work/ours.json")
    awk -v i="$i" -v a="$t1" -v b="$t2" 'BEGIN {
      printf "  igzip -dc %.3f s | cutover qc -t 1 %.2fx, -t 2 %.2fx of it (goal <= 1.3x)\n", i, a / i, b / i }' ;;
  esac
done
# Memory flat in input size: the 1M-read file of the paired corpus beside the 2M one.
small=$( { /usr/bin/time -f '%M' $qc -q -t 2 -o "$work/t2" "$corpus/pe150_1M_R1.fastq.gz"; } 2>&1 | tail -1)
echo "peak RSS on 1M reads: $((small / 1024)) MB (2M reads above)"
