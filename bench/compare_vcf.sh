#!/usr/bin/env bash
# The `vcf` comparator on a pair of VCFs of RECORDS records (default 1M): the simulated
# genome's calls (bench/ngs_corpus.sh) are too few, so each file is made of the bwa calls'
# records repeated on as many renamed contigs as needed, the second with every 1000th
# genotype changed. Beside `bcftools view -H` decoding both files. Medians of hyperfine runs.
# usage: bench/compare_vcf.sh [path/to/cutover]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
corpus=$("$root/bench/ngs_corpus.sh")
records=${RECORDS:-1000000}
a=$corpus/big_${records}.vcf.gz b=$corpus/big_${records}.altered.vcf.gz
if [ ! -s "$b" ]; then
  n=$(bcftools view -H "$corpus/bwa.vcf.gz" | wc -l)
  copies=$(( (records + n - 1) / n ))
  { bcftools view -h "$corpus/bwa.vcf.gz" | grep -v '^##contig' | grep -v '^#CHROM'
    for i in $(seq 1 "$copies"); do echo "##contig=<ID=c$i>"; done
    bcftools view -h "$corpus/bwa.vcf.gz" | grep '^#CHROM'
    for i in $(seq 1 "$copies"); do bcftools view -H "$corpus/bwa.vcf.gz" | sed "s/^[^\t]*/c$i/"; done |
      awk -v n="$records" 'NR <= n' # reads to the end: head would break the pipe
  } | bcftools view -Oz -o "$a" 2>/dev/null
  zcat "$a" | awk 'BEGIN { OFS = "\t" } /^#/ { print; next } { if (++n % 1000 == 0) sub(/^[01]\/1/, "0/0", $10); print }' |
    bcftools view -Oz -o "$b" 2>/dev/null
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$cutover" compare --as vcf "$a" "$b" | head -1 || true
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "$work/h.json" \
  "bcftools view -H $a > /dev/null; bcftools view -H $b > /dev/null" \
  "$cutover compare --as vcf $a $b > /dev/null; test \$? -eq 1" >/dev/null
s=$(jq -r '.results[0].median' "$work/h.json"); c=$(jq -r '.results[1].median' "$work/h.json")
rss=$( { /usr/bin/time -f '%M' "$cutover" compare --as vcf "$a" "$b" >/dev/null; } 2>&1 | tail -1 || true)
awk -v s="$s" -v c="$c" -v r="$rss" -v n="$records" 'BEGIN { printf "%d records: bcftools view -H (both files): %.3f s   cutover compare --as vcf: %.3f s   ratio %.2fx   peak RSS %.0f MB\n", n, s, c, c/s, r/1024 }'
