#!/usr/bin/env bash
# The `bam` comparator on two BAMs of PAIRS read pairs (default 2M) from two aligners
# (bench/ngs_corpus.sh), beside `samtools view -@1 -c` decoding both files.
# Goal (issue 16): within 2x samtools' time, peak memory <= 500 MB; coordinate-sorted and
# name-collated input. Medians of hyperfine runs (wall time), means of their CPU time (user +
# system, all threads); the load average before each measure, since the machine may be shared.
# usage: bench/compare_bam.sh [path/to/cutover]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
corpus=$("$root/bench/ngs_corpus.sh")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
opts=(-O min_same_placement=0.9 -O 'ignore_tags=[XS, XA, MD, NM, AS, MC, SA, ms, nn, tp, cm, s1, s2, de, rl]')
for order in "" .collated; do
  a=$corpus/bwa$order.bam b=$corpus/mm2$order.bam
  "$cutover" compare --as bam "${opts[@]}" "$a" "$b" | head -1 || true
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')  # before this measure
  hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "$work/h.json" \
    "samtools view -@1 -c $a > /dev/null; samtools view -@1 -c $b > /dev/null" \
    "$cutover compare --as bam ${opts[*]@Q} $a $b > /dev/null" >/dev/null
  s=$(jq -r '.results[0].median' "$work/h.json"); c=$(jq -r '.results[1].median' "$work/h.json")
  scpu=$(jq -r '.results[0].user + .results[0].system' "$work/h.json")
  ccpu=$(jq -r '.results[1].user + .results[1].system' "$work/h.json")
  rss=$( { /usr/bin/time -f '%M' "$cutover" compare --as bam "${opts[@]}" "$a" "$b" >/dev/null; } 2>&1 | tail -1 || true)
  awk -v o="${order:-.coordinate}" -v s="$s" -v c="$c" -v r="$rss" -v sc="$scpu" -v cc="$ccpu" -v l="$load" 'BEGIN { printf "%s: samtools view -@1 -c (both files): %.3f s (CPU %.2f s)   cutover compare --as bam: %.3f s (CPU %.2f s)   ratio %.2fx (goal <= 2x)   peak RSS %.0f MB (goal <= 500)   load %s\n", substr(o, 2), s, sc, c, cc, c/s, r/1024, l }'
done
