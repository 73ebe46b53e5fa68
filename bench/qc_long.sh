#!/usr/bin/env bash
# `cutover qc` on long reads, beside FastQC ($FASTQC_VERSION: 0.11.9, Debian's, by default; 0.12.1
# is built from ../shared/oracles):
# - peak RSS and time against read length: one read of 1 kb, 100 kb, 1 Mb, 10 Mb, 50 Mb (reads
#   over QcOptions::max_read_length, 50,000,000 bases, are refused with an error: the last,
#   50 Mb + 1, shows what a refusal costs); FastQC on the reads up to 1 Mb, its report compared
#   when it finishes;
# - 150 copies of the 1 Mb read (every position covered by over 100 reads: the per-position
#   histograms' cost);
# - a nanopore-like file (bench/long_reads.py: 2,000 reads, median ~5 kb, up to 140 kb): wall
#   time (median of 5) and peak RSS beside one FastQC run, the reports compared.
# usage: [FASTQC_VERSION=0.12.1] bench/qc_long.sh [path/to/cutover]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/fastqc" "$work/ours"
version=${FASTQC_VERSION:-0.11.9}
fastqc=$("$root/bench/fastqc.sh" "$version" "$work")
qc="$cutover qc --fastqc-version $version -q"
echo "FastQC $version"

# same_report NAME: whether FastQC's and our fastqc_data.txt for NAME agree (version line apart).
same_report() {
  cmp -s <(unzip -p "$work/fastqc/$1_fastqc.zip" "$1_fastqc/fastqc_data.txt" | tail -n +2) \
         <(unzip -p "$work/ours/$1_fastqc.zip" "$1_fastqc/fastqc_data.txt" | tail -n +2) \
    && echo identical || echo DIFFERENT
}
# run_ours FILE THREADS LABEL: one run of cutover qc, its peak RSS and time.
run_ours() {
  /usr/bin/time -o "$work/time" -f '%M %e %x' $qc -t "$2" -o "$work/ours" "$1" 2>/dev/null || true
  read -r kb seconds status < <(tail -1 "$work/time")
  what=report; [ "$status" = 0 ] || what="refused (exit $status)"
  printf "%s, -t %d: peak RSS %5d MB, %6.2f s, %s\n" "$3" "$2" $((kb / 1024)) "$seconds" "$what"
}

for length in 1000 100000 1000000 10000000 50000000 50000001; do
  "$root/bench/long_reads.py" single "$length" > "$work/single.fq"
  for t in 1 2; do run_ours "$work/single.fq" "$t" "$(printf 'one read of %8d bases' "$length")"; done
  if [ "$length" -le 1000000 ]; then
    rm -f "$work/fastqc/single_fastqc.zip"
    /usr/bin/time -o "$work/time" -f '%M %e' timeout 300 $fastqc -q -o "$work/fastqc" \
      "$work/single.fq" >/dev/null 2>&1 || true
    read -r kb seconds < <(tail -1 "$work/time")
    what="no report (out of memory?)"
    [ -s "$work/fastqc/single_fastqc.zip" ] && what="report $(same_report single) to ours"
    printf "one read of %8d bases, FastQC %s: peak RSS %5d MB, %6.2f s, %s\n" "$length" \
      "$version" $((kb / 1024)) "$seconds" "$what"
  fi
  if [ "$length" = 1000000 ]; then
    for i in $(seq 150); do sed "1s/\$/_$i/" "$work/single.fq"; done > "$work/many.fq"
  fi
done
for t in 1 2; do run_ours "$work/many.fq" "$t" "150 reads of 1000000 bases"; done
rm -f "$work/many.fq" "$work/single.fq"

"$root/bench/long_reads.py" nanopore 2000 8 > "$work/nano.fastq"
hyperfine --warmup 1 --runs 5 --export-json "$work/ours.json" "$qc -t 1 -o $work/ours $work/nano.fastq" >/dev/null
ours=$(jq -r '.results[0].median' "$work/ours.json")
rss=$( { /usr/bin/time -f '%M' $qc -t 1 -o "$work/ours" "$work/nano.fastq"; } 2>&1 | tail -1)
# FastQC may run out of Java heap on long reads (0.11.9 then hangs): bounded by a timeout.
if /usr/bin/time -o "$work/time" -f '%M %e' timeout 300 $fastqc -q -o "$work/fastqc" \
     "$work/nano.fastq" >/dev/null 2>&1 && [ -s "$work/fastqc/nano_fastqc.zip" ]; then
  read -r kb seconds < <(tail -1 "$work/time")
  awk -v f="$seconds" -v fr="$kb" -v o="$ours" -v r="$rss" -v s="$(same_report nano)" 'BEGIN {
    printf "nanopore-like 2000 reads: fastqc %.1f s (one run), peak RSS %.0f MB | cutover qc -t 1 %.2f s (%.1fx), peak RSS %.0f MB (%.1fx less) | fastqc_data.txt %s\n",
      f, fr / 1024, o, f / o, r / 1024, fr / r, s }'
else
  awk -v o="$ours" -v r="$rss" 'BEGIN {
    printf "nanopore-like 2000 reads: fastqc failed (out of memory?) | cutover qc -t 1 %.2f s, peak RSS %.0f MB\n", o, r / 1024 }'
fi
