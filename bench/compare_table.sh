#!/usr/bin/env bash
# The `table` comparator on two keyed 1M-row TSVs with tolerances (issue 3: report the time).
# The new file has its rows shuffled, ~1% of numeric values perturbed within tolerance, 100
# beyond it, 50 rows dropped and 50 added. Timed with hyperfine (median of 5), through
# `cutover compare`, beside `sort`-free `cat` of both files for scale.
# usage: bench/compare_table.sh [path/to/cutover]   (cache: $CUTOVER_BENCH_DIR, default /tmp/cutover-bench)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
dir=${CUTOVER_BENCH_DIR:-/tmp/cutover-bench}/table
mkdir -p "$dir"
cd "$dir"
if [ ! -s new.tsv ]; then
  /usr/bin/python3 - <<'P'
import random
random.seed(7)
rows = 1_000_000
with open("legacy.tsv", "w") as a:
    a.write("id\tsample\treads\tgc\tq30\tstatus\n")
    data = []
    for i in range(rows):
        r = (f"r{i:07d}", f"s{i % 96}", str(random.randint(1000, 10**7)),
             f"{random.uniform(30, 60):.3f}", f"{random.uniform(0.7, 0.99):.5f}",
             random.choice(["pass", "warn", "fail"]))
        data.append(r)
        a.write("\t".join(r) + "\n")
random.shuffle(data)
with open("new.tsv", "w") as b:
    b.write("id\tsample\treads\tgc\tq30\tstatus\n")
    for n, r in enumerate(data[50:]):
        r = list(r)
        if n % 100 == 0:
            r[3] = f"{float(r[3]) + 0.0004:.4f}"   # within absolute 0.001
        if n % 10000 == 1:
            r[2] = str(int(r[2]) + 1000)           # beyond relative 1e-6
        b.write("\t".join(r) + "\n")
    for i in range(50):
        b.write(f"x{i}\ts0\t1\t40.0\t0.9\tpass\n")
P
fi
opts='{key: id, tolerance: {gc: {absolute: 0.001}, q30: {absolute: 0.00001}, default: {relative: 0.000001}}}'
"$cutover" compare --as table --options "$opts" legacy.tsv new.tsv | head -3 || true
hyperfine --warmup 1 --runs 5 --export-json table.json \
  "$cutover compare --as table --options '$opts' legacy.tsv new.tsv > /dev/null; test \$? -le 1" \
  "cat legacy.tsv new.tsv > /dev/null" >/dev/null
t=$(jq -r '.results[0].median' table.json); c=$(jq -r '.results[1].median' table.json)
rss=$( { /usr/bin/time -f '%M' "$cutover" compare --as table --options "$opts" legacy.tsv new.tsv >/dev/null; } 2>&1 | tail -1 || true)
awk -v t="$t" -v c="$c" -v r="$rss" 'BEGIN { printf "table compare, 1M keyed rows with tolerances: %.2f s median (reading both files: %.3f s); peak RSS %.0f MB\n", t, c, r/1024 }'
