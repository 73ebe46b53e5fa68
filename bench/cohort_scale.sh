#!/usr/bin/env bash
# Cohort scale (issue 19): is the cost of a task flat as the cohort grows?
#  1. Per-task wall and CPU time (user + sys of cutover and everything it ran, /usr/bin/time -v)
#     and cutover's peak RSS, for a run of SMALL tasks and one of TASKS tasks, alternately
#     (ROUNDS of each, each a fresh project), with the ratio large / small. The pipeline: three
#     trivial `cp` steps per sample, the middle one in shadow (legacy and new both `cp`, compared
#     with `bytes`), so comparisons and scratch retention are exercised. `cutover run -j JOBS`.
#  2. Re-running the large project with everything up to date: time per task.
#  3. `cutover step` (the shadow step, one sample, --force) in a ledger holding LEDGER_TASKS
#     tasks (2 x LEDGER_TASKS executions, bench/ledger_fill.sh) against an empty ledger
#     (hyperfine medians), and `cutover status` / `cutover report` on that ledger.
# Usage: TASKS=300000 SMALL=4000 ROUNDS=2 JOBS=2 LEDGER_TASKS=500000 bench/cohort_scale.sh [cutover]
# (TASKS and SMALL are rounded down to whole samples: 3 tasks each. LEDGER_TASKS=0 skips 3.)
# Needs hyperfine, jq, sqlite3, python3 and GNU time. Runs everything under `nice`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
CUTOVER=$(realpath "${1:-$root/build/src/cutover}")
TASKS=${TASKS:-300000}
SMALL=${SMALL:-4000}
ROUNDS=${ROUNDS:-2}
JOBS=${JOBS:-2}
LEDGER_TASKS=${LEDGER_TASKS:-500000}
work=$(mktemp -d "${TMPDIR:-/tmp}/cutover-cohort-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "cutover $("$CUTOVER" --version 2>&1 | head -1); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# A fresh project of N samples in DIR: inputs, sample sheet, pipeline, the middle step in shadow.
make_project() {
  local dir=$1 samples=$2
  mkdir -p "$dir/in"
  python3 - "$dir" "$samples" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
with open(os.path.join(d, "samples.tsv"), "w") as sheet:
    sheet.write("sample\n")
    for i in range(n):
        sheet.write(f"s{i}\n")
        with open(os.path.join(d, "in", f"s{i}.txt"), "w") as f:
            f.write(f"sample {i}\n")
PY
  cat > "$dir/cutover.yaml" <<'Y'
samples: {sheet: samples.tsv}
steps:
  first:
    inputs: {r: "in/{sample}.txt"}
    outputs: {o: "out/{sample}.first"}
    legacy: {command: "cp {input.r} {output.o}"}
  shadowed:
    inputs: {r: "out/{sample}.first"}
    outputs: {o: {path: "out/{sample}.shadowed", compare: bytes}}
    legacy: {command: "cp {input.r} {output.o}"}
    new: {command: "cp {input.r} {output.o}"}
  last:
    inputs: {r: "out/{sample}.shadowed"}
    outputs: {o: "out/{sample}.last"}
    legacy: {command: "cp {input.r} {output.o}"}
Y
  (cd "$dir" && "$CUTOVER" route shadowed shadow --reason bench >/dev/null)
}

# Runs `cutover run` in DIR under GNU time; prints "tasks wall_s cpu_s rss_kb load".
timed_run() {
  local dir=$1
  shift
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  (cd "$dir" && nice /usr/bin/time -v -o time.txt "$CUTOVER" run -j "$JOBS" "$@" >run.log 2>&1) ||
    { echo "cutover run failed in $dir:" >&2; tail -5 "$dir/run.log" >&2; exit 1; }
  awk -v load="$load" -v tasks="$(grep -oE '^[0-9]+ tasks' "$dir/run.log" | cut -d' ' -f1)" '
    /User time/ {u = $NF} /System time/ {s = $NF} /Maximum resident/ {rss = $NF}
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    END { printf "%d %.3f %.3f %d %s\n", tasks, w, u + s, rss, load }' "$dir/time.txt"
}

report_run() {  # label "tasks wall cpu rss load"
  local label=$1 t w c r l
  read -r t w c r l <<<"$2"
  awk -v label="$label" -v t="$t" -v w="$w" -v c="$c" -v r="$r" -v l="$l" 'BEGIN {
    printf "%-22s %7d tasks  wall %8.2f s = %6.3f ms/task  CPU %8.2f s = %6.3f ms/task  peak RSS %6.1f MB  (load %s)\n",
      label, t, w, w * 1000 / t, c, c * 1000 / t, r / 1024, l }'
}

small_samples=$((SMALL / 3))
large_samples=$((TASKS / 3))
echo "== 1. first runs: $((small_samples * 3)) tasks vs $((large_samples * 3)) tasks, alternately, -j $JOBS"
small_results=() large_results=()
for round in $(seq 1 "$ROUNDS"); do
  rm -rf small large
  make_project small "$small_samples"
  r=$(timed_run small); report_run "small, round $round" "$r"; small_results+=("$r")
  make_project large "$large_samples"
  r=$(timed_run large); report_run "large, round $round" "$r"; large_results+=("$r")
done
# The best (least disturbed) round of each, and the ratio.
best() {  # best COLUMN RESULT...: the least ms per task of that column
  local col=$1
  shift
  printf '%s\n' "$@" | awk -v col="$col" 'NR == 1 || $col / $1 < m { m = $col / $1 } END { printf "%.4f", m * 1000 }'
}
sw=$(best 2 "${small_results[@]}"); lw=$(best 2 "${large_results[@]}")
sc=$(best 3 "${small_results[@]}"); lc=$(best 3 "${large_results[@]}")
awk -v sw="$sw" -v lw="$lw" -v sc="$sc" -v lc="$lc" 'BEGIN {
  printf "best per task: wall %.3f vs %.3f ms (ratio %.2f; goal <= 1.2), CPU %.3f vs %.3f ms (ratio %.2f; goal <= 1.2)\n",
    sw, lw, lw / sw, sc, lc, lc / sc }'

echo "== ledger size after the last large run"
db=large/.cutover/ledger.db
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
tasks=$(sqlite3 "$db" 'SELECT count(*) FROM tasks')
bytes=$(stat -c %s "$db")
echo "$bytes bytes for $tasks tasks: $((bytes / tasks)) bytes per task (3 steps, one in shadow: $(sqlite3 "$db" 'SELECT count(*) FROM executions') executions, $(sqlite3 "$db" 'SELECT count(*) FROM comparisons') comparisons)"
sqlite3 "$db" "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12" 2>/dev/null |
  awk -F'|' -v t="$tasks" '{ printf "  %-32s %6.1f bytes/task\n", $1, $2 / t }' || true

echo "== 2. re-run, everything up to date ($((large_samples * 3)) tasks)"
r=$(timed_run large); report_run "large, up to date" "$r"
echo "(goal: <= 0.1 ms per task)"

if [ "$LEDGER_TASKS" -gt 0 ]; then
  echo "== 3. cutover step in a ledger of $((LEDGER_TASKS * 2)) executions vs an empty one"
  rm -rf small large
  make_project empty 2
  # The full ledger: filled before this project's first command (it routes every step to
  # shadow itself).
  make_project full 2
  rm -rf full/.cutover
  (cd full && "$CUTOVER" status >/dev/null)
  start=$(date +%s.%N)
  bash "$root/bench/ledger_fill.sh" full/.cutover/ledger.db "$LEDGER_TASKS" first shadowed last >/dev/null
  echo "filled in $(echo "$(date +%s.%N) - $start" | bc) s: $(sqlite3 full/.cutover/ledger.db 'SELECT count(*) FROM executions') executions, $(du -h full/.cutover/ledger.db | cut -f1)"
  for d in empty full; do
    (cd "$d" && "$CUTOVER" step first --sample s1 >/dev/null 2>&1)
  done
  hyperfine -N --warmup 3 --runs "${STEP_RUNS:-20}" --export-json step.json \
    -n empty "nice $CUTOVER -f $work/empty/cutover.yaml step shadowed --sample s1 --force" \
    -n full "nice $CUTOVER -f $work/full/cutover.yaml step shadowed --sample s1 --force" >/dev/null
  jq -r '.results[] | "cutover step, \(.command) ledger: median \(.median * 1000 | . * 10 | round / 10) ms (min \(.min * 1000 | . * 10 | round / 10), max \(.max * 1000 | . * 10 | round / 10))"' step.json
  jq -r '"ratio full / empty: \((.results[1].median / .results[0].median) * 100 | round / 100) (goal <= 1.2)"' step.json
  hyperfine -N --warmup 1 --runs "${RUNS:-3}" --export-json read.json \
    -n status "nice $CUTOVER -f $work/full/cutover.yaml status" \
    -n report "nice $CUTOVER -f $work/full/cutover.yaml report -o $work/report.html" >/dev/null
  jq -r '.results[] | "cutover \(.command), full ledger: median \(.median * 1000 | round) ms (min \(.min * 1000 | round), max \(.max * 1000 | round)) (goal < 2 s)"' read.json
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
