#!/usr/bin/env bash
# `cutover qc` beside FastQC ($FASTQC_VERSION: 0.12.1, built from ../shared/oracles, by default;
# 0.11.9 is Debian's) on SAM/BAM input: the 2M x 150 bp corpus file as an unaligned BAM
# (`samtools import`, 2M records), and a coordinate-sorted bwa BAM of PAIRS simulated read pairs
# (bench/ngs_corpus.sh; 200,000 pairs by default here: 400,000 and more records), read whole and
# with -f bam_mapped. Identical fastqc_data.txt first, then medians of hyperfine runs (FastQC: 3
# runs) with one thread and with two, their ratio to FastQC, and peak memory.
# usage: bench/qc_bam.sh [path/to/cutover]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
corpus=$("$root/bench/corpus.sh")
ngs=$(PAIRS=${PAIRS:-200000} "$root/bench/ngs_corpus.sh")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/fastqc" "$work/t1" "$work/t2"
version=${FASTQC_VERSION:-0.12.1}
fastqc=$("$root/bench/fastqc.sh" "$version" "$work")
ubam=$corpus/se150_2M.bam
[ -s "$ubam" ] || samtools import -0 "$corpus/se150_2M.fastq.gz" -O bam -o "$ubam.tmp" 2>/dev/null
[ -s "$ubam" ] || mv "$ubam.tmp" "$ubam"
qc="$cutover qc --fastqc-version $version"
echo "FastQC $version; load: $(cut -d" " -f1-3 /proc/loadavg)"

# measure LABEL INPUT [FORMAT OPTION]
measure() {
  local label=$1 input=$2 format=${3:-} base
  base=$(basename "$input" .bam)_fastqc
  # Identity first: FastQC's report and ours at -t 1 and -t 2.
  # shellcheck disable=SC2086
  $fastqc -q $format -o "$work/fastqc" "$input" >/dev/null 2>&1
  for t in 1 2; do
    # shellcheck disable=SC2086
    $qc -q -t $t $format -o "$work/t$t" "$input"
    cmp <(unzip -p "$work/fastqc/$base.zip" "$base/fastqc_data.txt" | tail -n +2) \
        <(unzip -p "$work/t$t/$base.zip" "$base/fastqc_data.txt" | tail -n +2) \
      || { echo "$label: fastqc_data.txt at -t $t differs from FastQC's" >&2; exit 1; }
  done
  hyperfine --runs 3 --export-json "$work/fastqc.json" \
    "$fastqc -q $format -o $work/fastqc $input" >/dev/null
  hyperfine --warmup 1 --runs 7 --export-json "$work/ours.json" \
    "$qc -q -t 1 $format -o $work/t1 $input" "$qc -q -t 2 $format -o $work/t2 $input" >/dev/null
  local f t1 t2 rss1 rss2
  f=$(jq -r '.results[0].median' "$work/fastqc.json")
  t1=$(jq -r '.results[0].median' "$work/ours.json")
  t2=$(jq -r '.results[1].median' "$work/ours.json")
  # shellcheck disable=SC2086
  rss1=$( { /usr/bin/time -f '%M' $qc -q -t 1 $format -o "$work/t1" "$input"; } 2>&1 | tail -1)
  # shellcheck disable=SC2086
  rss2=$( { /usr/bin/time -f '%M' $qc -q -t 2 $format -o "$work/t2" "$input"; } 2>&1 | tail -1)
  awk -v n="$label" -v f="$f" -v a="$t1" -v b="$t2" -v r1="$rss1" -v r2="$rss2" 'BEGIN {
    printf "%s: fastqc %.2f s | cutover qc -t 1 %.3f s (%.1fx) | -t 2 %.3f s (%.1fx) | peak RSS %.0f / %.0f MB\n",
      n, f, a, f / a, b, f / b, r1 / 1024, r2 / 1024 }'
}
measure "unaligned BAM, 2M x 150 bp" "$ubam"
measure "bwa BAM ($(samtools view -c "$ngs/bwa.bam") records)" "$ngs/bwa.bam"
measure "bwa BAM, -f bam_mapped" "$ngs/bwa.bam" "-f bam_mapped"
