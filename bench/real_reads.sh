#!/usr/bin/env bash
# Builds (once) the real-read benchmark set into $CUTOVER_BENCH_DIR/real (default
# /tmp/cutover-bench/real) and prints its path: Debian trim-galore's example reads repeated to
# 1,000,000 reads (pairs) with every copy's headers renamed (":cN" after the ID), plain and gzip
# (pigz -6), and 2,000 simulated nanopore-like reads of 1-50 kb with 5' and 3' adapters
# (bench/long_reads.py adapters).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${CUTOVER_BENCH_DIR:-/tmp/cutover-bench}/real
ex=/usr/share/doc/trim-galore/examples
[ -f "$ex/illumina_100K.fastq.gz" ] || { echo "trim-galore examples missing: apt-get install trim-galore" >&2; exit 2; }
mkdir -p "$dir"

# repeat SRC.gz READS OUT: the reads of SRC repeated to READS reads, copy c's IDs ending in ":cC".
repeat() {
  local src=$1 reads=$2 out=$3
  [ -s "$out.gz" ] && return 0
  local n=$(( $(zcat "$src" | wc -l) / 4 ))
  for c in $(seq 0 $(( (reads + n - 1) / n - 1 ))); do
    zcat "$src" | awk -v c="$c" 'NR % 4 == 1 { i = index($0, " "); if (i) print substr($0, 1, i - 1) ":c" c substr($0, i); else print $0 ":c" c; next } { print }'
  done | head -n $((reads * 4)) > "$out.tmp"
  mv "$out.tmp" "$out"
  pigz -6 -c "$out" > "$out.gz.tmp" && mv "$out.gz.tmp" "$out.gz"
}
repeat "$ex/illumina_100K.fastq.gz" 1000000 "$dir/illumina_1M.fastq"
repeat "$ex/nextera_100K.fastq.gz" 1000000 "$dir/nextera_1M.fastq"
repeat "$ex/smallRNA_100K.fastq.gz" 1000000 "$dir/smallrna_1M.fastq"
repeat "$ex/clock_10K_R1.fastq.gz" 1000000 "$dir/clock_1M_R1.fastq"
repeat "$ex/clock_10K_R2.fastq.gz" 1000000 "$dir/clock_1M_R2.fastq"
if [ ! -s "$dir/nanopore_adapters.fastq" ]; then
  python3 "$root/bench/long_reads.py" adapters 2000 > "$dir/nanopore_adapters.fastq.tmp"
  mv "$dir/nanopore_adapters.fastq.tmp" "$dir/nanopore_adapters.fastq"
fi
echo "$dir"
