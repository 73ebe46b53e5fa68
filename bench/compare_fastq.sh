#!/usr/bin/env bash
# The ordered `fastq` comparator on two 2M x 150 bp FASTQ.gz files (the realistic corpus of
# ../shared/data, built by bench/corpus.sh), beside `igzip -dc` decompressing ONE of them.
# Goal (issue 3): comparison <= 1.3x igzip's time, on two cores. Medians of hyperfine runs.
# The second file is the first with every 100,000th read's sequence altered (20 differences).
# usage: bench/compare_fastq.sh [path/to/cutover]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
corpus=$("$root/bench/corpus.sh")
a=$corpus/se150_2M.fastq.gz
b=$corpus/se150_2M.altered.fastq.gz
if [ ! -s "$b" ]; then
  igzip -dc "$a" | awk 'NR % 400000 == 2 { $0 = "N" substr($0, 2) } 1' | pigz -p 2 -6 > "$b.tmp"
  mv "$b.tmp" "$b"
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$cutover" compare --as fastq "$a" "$b" | head -1 || true
hyperfine --warmup 1 --runs 7 --export-json "$work/h.json" \
  "igzip -dc $a > /dev/null" \
  "$cutover compare --as fastq $a $b > /dev/null; test \$? -eq 1" >/dev/null
i=$(jq -r '.results[0].median' "$work/h.json"); c=$(jq -r '.results[1].median' "$work/h.json")
rss=$( { /usr/bin/time -f '%M' "$cutover" compare --as fastq "$a" "$b" >/dev/null; } 2>&1 | tail -1 || true)
awk -v i="$i" -v c="$c" -v r="$rss" 'BEGIN { printf "igzip -dc one file: %.3f s   cutover compare --as fastq (both files): %.3f s   ratio %.2fx (goal <= 1.3x)   peak RSS %.0f MB\n", i, c, c/i, r/1024 }'
