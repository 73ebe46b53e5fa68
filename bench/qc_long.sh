#!/usr/bin/env bash
# `cutover qc` on long reads: peak RSS against read length (one read of 1 kb, 100 kb, 200 kb,
# 1 Mb, 10 Mb; reads over QcOptions::max_read_length, 200,000 bases, are refused with an error),
# and on a nanopore-like file (bench/long_reads.py: 2,000 reads, median ~5 kb, up to 140 kb)
# wall time and peak RSS beside FastQC ($FASTQC_VERSION: 0.11.9, Debian's, by default; 0.12.1
# is built from ../shared/oracles), with the reports compared when FastQC finishes.
# usage: bench/qc_long.sh [path/to/cutover]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/fastqc" "$work/ours"
version=${FASTQC_VERSION:-0.11.9}
case $version in
  0.11.9) fastqc=fastqc ;;
  0.12.1) fastqc=$("$root/../shared/oracles/fastqc-0.12.1/build.sh" "$work/fastqc-0.12.1") ;;
  *) echo "FASTQC_VERSION: 0.11.9 or 0.12.1" >&2; exit 2 ;;
esac
qc="$cutover qc --fastqc-version $version -q"
echo "FastQC $version"

for length in 1000 100000 200000 1000000 10000000; do
  "$root/bench/long_reads.py" single "$length" > "$work/single.fq"
  for t in 1 2; do
    /usr/bin/time -o "$work/time" -f '%M %x' $qc -t "$t" -o "$work/ours" "$work/single.fq" \
      2>/dev/null || true
    read -r kb status < <(tail -1 "$work/time")
    what=report; [ "$status" = 0 ] || what="refused (exit $status)"
    printf "one read of %8d bases, -t %d: peak RSS %4d MB, %s\n" "$length" "$t" $((kb / 1024)) "$what"
  done
done

"$root/bench/long_reads.py" nanopore 2000 8 > "$work/nano.fastq"
hyperfine --warmup 1 --runs 5 --export-json "$work/ours.json" "$qc -t 1 -o $work/ours $work/nano.fastq" >/dev/null
ours=$(jq -r '.results[0].median' "$work/ours.json")
rss=$( { /usr/bin/time -f '%M' $qc -t 1 -o "$work/ours" "$work/nano.fastq"; } 2>&1 | tail -1)
# FastQC may run out of Java heap on these reads and then hang: bounded by a timeout.
start=$(date +%s.%N)
if timeout 300 $fastqc -q -o "$work/fastqc" "$work/nano.fastq" >/dev/null 2>&1 \
   && [ -s "$work/fastqc/nano_fastqc.zip" ]; then
  end=$(date +%s.%N)
  b=nano_fastqc
  same=identical
  cmp -s <(unzip -p "$work/fastqc/$b.zip" "$b/fastqc_data.txt" | tail -n +2) \
         <(unzip -p "$work/ours/$b.zip" "$b/fastqc_data.txt" | tail -n +2) || same=DIFFERENT
  awk -v f="$(echo "$end - $start" | bc)" -v o="$ours" -v r="$rss" -v s="$same" 'BEGIN {
    printf "nanopore-like 2000 reads: fastqc %.1f s (one run) | cutover qc -t 1 %.2f s (%.1fx), peak RSS %.0f MB | fastqc_data.txt %s\n",
      f, o, f / o, r / 1024, s }'
else
  awk -v o="$ours" -v r="$rss" 'BEGIN {
    printf "nanopore-like 2000 reads: fastqc failed (out of memory?) | cutover qc -t 1 %.2f s, peak RSS %.0f MB\n", o, r / 1024 }'
fi
