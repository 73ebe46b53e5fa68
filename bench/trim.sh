#!/usr/bin/env bash
# `cutover trim` beside cutadapt 4.2 (and fastp, for reference, when installed) on the 2M x 150 bp
# corpus with `-a AGATCGGAAGAGC -q 20 -m 20`: plain->plain on one thread, gz->gz on one and two
# threads. Prints hyperfine medians, the ratios, peak memory, and checks that cutover's reads
# are cutadapt's. Then the real-read set (bench/real_reads.sh): Debian trim-galore's example reads
# repeated to 1M reads, and nanopore-like long reads with 5' and 3' adapters, each with the
# option sets people use, cutadapt -j 1 beside cutover -j 1 (ratio per thread), reads compared.
# Usage: bench/trim.sh [cutover binary]   (env: RUNS, CUTADAPT_RUNS, OUT, SETS="corpus real")
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
sets=${SETS:-corpus real}
runs=${RUNS:-5}
ca_runs=${CUTADAPT_RUNS:-3}
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/cutover-bench-trim.XXXXXX")}
mkdir -p "$out"
cd "$out"
have_fastp=0
command -v fastp >/dev/null && have_fastp=1

median() { jq -r '.results[0].median' "$1"; }
# bench NAME RUNS COMMAND [OUTPUT]: with OUTPUT, that file is removed before each run (untimed).
bench() {
  local prepare=()
  [ $# -ge 4 ] && prepare=(--prepare "rm -f $4")
  hyperfine --style basic --warmup 1 --runs "$2" "${prepare[@]}" --export-json "$1.json" "$3" \
    >/dev/null 2>&1 || { echo "benchmark $1 failed: $3" >&2; exit 1; }
  printf '  %-34s %8.3f s\n' "$1" "$(median "$1.json")"
}
ratio() { awk -v a="$(median "$1.json")" -v b="$(median "$2.json")" 'BEGIN { printf "%.2f", a / b }'; }

corpus_set() {
corpus=$("$root/bench/corpus.sh")
in=$corpus/se150_2M.fastq
args="-a AGATCGGAAGAGC -q 20 -m 20"
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
}

# real_case NAME FORMAT ARGS: cutadapt -j 1 and cutover -j 1 on the same input with ARGS (which
# end with the inputs; outputs are added here), FORMAT "plain" or "gz"; prints both medians and
# the ratio, and checks that the reads are the same.
real_case() {
  local name=$1 fmt=$2 paired=0
  shift 2
  [[ " $* " == *" -A "* || " $* " == *" -G "* ]] && paired=1
  local ext=fq
  [ "$fmt" = gz ] && ext=fq.gz
  local ca_out="-o ca_$name.1.$ext" co_out="-o co_$name.1.$ext"
  if [ $paired = 1 ]; then
    ca_out="$ca_out -p ca_$name.2.$ext"
    co_out="$co_out -p co_$name.2.$ext"
  fi
  echo "$name ($fmt): $*   [load: $(cut -d' ' -f1-3 /proc/loadavg)]"
  bench "ca_$name" "$ca_runs" "cutadapt -j 1 $ca_out $*"
  bench "co_$name" "$runs" "$cutover trim -j 1 $co_out $*"
  local same=identical m
  for m in 1 $([ $paired = 1 ] && echo 2); do
    if [ "$fmt" = gz ]; then
      cmp -s <(zcat "ca_$name.$m.$ext") <(zcat "co_$name.$m.$ext") || same=DIFFERENT
    else
      cmp -s "ca_$name.$m.$ext" "co_$name.$m.$ext" || same=DIFFERENT
    fi
  done
  echo "  ratio cutadapt / cutover = $(ratio "ca_$name" "co_$name")x (wall), $(cpu_ratio "ca_$name" "co_$name")x (CPU)   reads: $same"
  printf '%s\t%s\t%.3f\t%.3f\t%s\t%s\t%s\t%s\n' "$name" "$fmt" "$(median "ca_$name.json")" \
    "$(median "co_$name.json")" "$(ratio "ca_$name" "co_$name")" "$(cpu_ratio "ca_$name" "co_$name")" \
    "$same" "$(cut -d' ' -f1 /proc/loadavg)" >> real.tsv
  rm -f ca_"$name".*.$ext co_"$name".*.$ext
}
# CPU time (user + system, hyperfine's means): less sensitive than wall time to a shared disk.
cpu() { jq -r '.results[0] | .user + .system' "$1"; }
cpu_ratio() { awk -v a="$(cpu "$1.json")" -v b="$(cpu "$2.json")" 'BEGIN { printf "%.2f", a / b }'; }

real_set() {
  local r
  r=$("$root/bench/real_reads.sh")
  local A=AGATCGGAAGAGC N=CTGTCTCTTATA S=TGGAATTCTCGG
  local F=AATGTACTTCGTTCAGTTACGTATTGCT B=GCAATACGTAACTGAACGAAGTACATT
  : > real.tsv
  echo "real reads ($r); cutadapt -j 1 vs cutover -j 1, goal >= 12x (short), >= 5x (long, 5')"
  for fmt in plain gz; do
    local x=""
    [ $fmt = gz ] && x=.gz
    real_case illumina_a_q20_m20 $fmt -a $A -q 20 -m 20 "$r/illumina_1M.fastq$x"
    real_case clock_paired_any $fmt -a $A -A $A -q 20 -m 20 --pair-filter=any \
      "$r/clock_1M_R1.fastq$x" "$r/clock_1M_R2.fastq$x"
    real_case illumina_linked $fmt -g ACACTCTTTCCCTACACGAC...$A -m 20 "$r/illumina_1M.fastq$x"
    real_case nextera_nextseq20 $fmt --nextseq-trim 20 -a $N -m 20 "$r/nextera_1M.fastq$x"
    real_case smallrna_n2 $fmt -n 2 -a $S -a $A -m 15 "$r/smallrna_1M.fastq$x"
  done
  real_case long_g_anchored plain -g "^$F" "$r/nanopore_adapters.fastq"
  real_case long_g plain -g "$F" "$r/nanopore_adapters.fastq"
  real_case long_g_a plain -g "$F" -a "$B" "$r/nanopore_adapters.fastq"
  # Threads on plain input: first whether two cores are free (two sha256sum of the input in
  # parallel take as long as one when they are).
  local in=$r/illumina_1M.fastq t1 t2
  cat "$in" > /dev/null
  t1=$( { /usr/bin/time -f %e sha256sum "$in" > /dev/null; } 2>&1)
  t2=$( { /usr/bin/time -f %e sh -c "sha256sum $in & sha256sum $in; wait" > /dev/null; } 2>&1)
  echo "threads, plain (one sha256sum ${t1} s, two in parallel ${t2} s; load: $(cut -d' ' -f1-3 /proc/loadavg)):"
  # Each run writes a new file (as a pipeline writing each sample's output does); then again
  # over the previous run's output, where publishing the new file frees the old one's pages
  # (the rename's 35-60 ms for 600 MB on tmpfs), a step no thread count shortens.
  bench co_j1 "$runs" "$cutover trim -j 1 -a $A -q 20 -m 20 -o co_j1.fq $in" co_j1.fq
  bench co_j2 "$runs" "$cutover trim -j 2 -a $A -q 20 -m 20 -o co_j2.fq $in" co_j2.fq
  bench co_j1_over "$runs" "$cutover trim -j 1 -a $A -q 20 -m 20 -o co_j1.fq $in"
  bench co_j2_over "$runs" "$cutover trim -j 2 -a $A -q 20 -m 20 -o co_j2.fq $in"
  cmp -s co_j1.fq co_j2.fq || echo "  -j 2 output DIFFERS from -j 1"
  echo "  -j 2 speed-up over -j 1: $(ratio co_j1 co_j2)x to a new file (goal >= 1.7 with two free cores)," \
    "$(ratio co_j1_over co_j2_over)x over the previous output"
  rm -f co_j1.fq co_j2.fq
  echo "summary (name, format, cutadapt s, cutover s (medians), wall ratio, CPU ratio, reads, load):"
  column -t real.tsv
}

for set in $sets; do
  case $set in
    corpus) corpus_set ;;
    real) real_set ;;
    *) echo "unknown set: $set" >&2; exit 2 ;;
  esac
done
