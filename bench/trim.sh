#!/usr/bin/env bash
# `cutover trim` beside cutadapt 4.2 (and fastp, for reference, when installed) on the 2M x 150 bp
# corpus with `-a AGATCGGAAGAGC -q 20 -m 20`: plain->plain on one thread, gz->gz on one and two
# threads. Prints hyperfine medians, the ratios, peak memory, and checks that cutover's reads
# are cutadapt's. Usage: bench/trim.sh [cutover binary]   (env: RUNS, CUTADAPT_RUNS, OUT)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
corpus=$("$root/bench/corpus.sh")
runs=${RUNS:-5}
ca_runs=${CUTADAPT_RUNS:-3}
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/cutover-bench-trim.XXXXXX")}
mkdir -p "$out"
cd "$out"
in=$corpus/se150_2M.fastq
args="-a AGATCGGAAGAGC -q 20 -m 20"
have_fastp=0
command -v fastp >/dev/null && have_fastp=1

median() { jq -r '.results[0].median' "$1"; }
bench() {  # bench NAME RUNS COMMAND
  hyperfine --style basic --warmup 1 --runs "$2" --export-json "$1.json" "$3" >/dev/null 2>&1 ||
    { echo "benchmark $1 failed: $3" >&2; exit 1; }
  printf '  %-34s %8.3f s\n' "$1" "$(median "$1.json")"
}
ratio() { awk -v a="$(median "$1.json")" -v b="$(median "$2.json")" 'BEGIN { printf "%.2f", a / b }'; }

echo "input: $in ($(du -h "$in" | cut -f1)), options: $args; outputs in $out"
echo "plain -> plain, one thread:"
bench cutadapt_plain "$ca_runs" "cutadapt $args -o ca.fq $in"
bench cutover_plain "$runs" "$cutover trim $args -o co.fq $in"
[ $have_fastp = 1 ] && bench fastp_plain "$runs" \
  "fastp -w 1 -i $in -o fp.fq -a AGATCGGAAGAGC --cut_tail -M 20 -l 20 -j /dev/null -h /dev/null"
echo "gz -> gz:"
bench cutadapt_gz_j2 "$ca_runs" "cutadapt -j 2 $args -o ca.fq.gz $in.gz"
bench cutover_gz_j1 "$runs" "$cutover trim -j 1 $args -o co.fq.gz $in.gz"
bench cutover_gz_j2 "$runs" "$cutover trim -j 2 $args -o co.fq.gz $in.gz"
[ $have_fastp = 1 ] && bench fastp_gz_w2 "$runs" \
  "fastp -w 2 -i $in.gz -o fp.fq.gz -a AGATCGGAAGAGC --cut_tail -M 20 -l 20 -j /dev/null -h /dev/null"

echo "ratios (higher is better for cutover):"
echo "  plain, 1 thread: cutadapt / cutover = $(ratio cutadapt_plain cutover_plain)x   (goal >= 8)"
echo "  gz, cutadapt -j 2 / cutover -j 2   = $(ratio cutadapt_gz_j2 cutover_gz_j2)x   (goal >= 5)"
echo "  gz, cutadapt -j 2 / cutover -j 1   = $(ratio cutadapt_gz_j2 cutover_gz_j1)x"
if [ $have_fastp = 1 ]; then
  echo "  plain, 1 thread: fastp / cutover   = $(ratio fastp_plain cutover_plain)x   (goal > 1)"
  echo "  gz, fastp -w 2 / cutover -j 2      = $(ratio fastp_gz_w2 cutover_gz_j2)x"
else
  echo "  (fastp not installed: apt-get install fastp to compare)"
fi

echo "peak memory (max RSS):"
for j in 1 2; do
  /usr/bin/time -f "  cutover trim -j $j gz->gz: %M KB" "$cutover" trim -j $j $args -o co.fq.gz "$in.gz" >/dev/null
done
half=$(mktemp "$out/half.XXXXXX.fastq")
head -n 4000000 "$in" > "$half"
/usr/bin/time -f "  cutover trim plain, 1M reads: %M KB" "$cutover" trim $args -o co_half.fq "$half" >/dev/null
/usr/bin/time -f "  cutover trim plain, 2M reads: %M KB" "$cutover" trim $args -o co.fq "$in" >/dev/null
rm -f "$half" co_half.fq

echo "same reads as cutadapt:"
cmp ca.fq co.fq && echo "  plain: identical"
cmp <(zcat ca.fq.gz) <(zcat co.fq.gz) && echo "  gz (decompressed): identical"
