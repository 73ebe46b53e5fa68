#!/usr/bin/env bash
# The ledger at scale, on both backends (issue 7):
#  1. builds an SQLite ledger with $TASKS tasks (default 500,000), each with a legacy serving
#     and a new shadow execution (1,000,000 executions), two outputs per execution and one
#     comparison per task, spread over 4 steps, with SQL alone (recursive CTEs, seconds);
#  2. copies it to a fresh PostgreSQL server with `cutover ledger copy` (timed);
#  3. times `cutover status` (and `cutover report`, when this cutover has it) with hyperfine on
#     both backends; target: under 2 s;
#  4. runs 8 concurrent `cutover step` writers against PostgreSQL on overlapping (step, sample)s
#     and checks that no record is lost and no (step, sample) ran twice at once.
# Usage: bench/ledger_scale.sh [build/src/cutover]   (starts and stops its own PostgreSQL)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
CUTOVER=$(realpath "${1:-$root/build/src/cutover}")
TASKS=${TASKS:-500000}
work=$(mktemp -d "${TMPDIR:-/tmp}/cutover-ledger-scale.XXXXXX")
pg_state=$work/pg
trap 'sh "$root/tests/postgres/server.sh" stop "$pg_state" >/dev/null 2>&1; rm -rf "$work"' EXIT
cd "$work"
sh "$root/tests/postgres/server.sh" start "$pg_state" >/dev/null
server=$(cat "$pg_state/url")
pg_url="${server%/*}/scale"
psql -q "$server" -c "CREATE DATABASE scale" >/dev/null

cat > cutover.yaml <<'Y'
samples:
  list: [s0]
steps:
  qc: {outputs: {out: "out/{sample}.qc"}, legacy: {shell: "true"}, new: {shell: "true"}}
  trim: {outputs: {out: "out/{sample}.trim"}, legacy: {shell: "true"}, new: {shell: "true"}}
  align: {outputs: {out: "out/{sample}.bam"}, legacy: {shell: "true"}, new: {shell: "true"}}
  report: {outputs: {out: "out/{sample}.html"}, legacy: {shell: "true"}, new: {shell: "true"}}
Y
"$CUTOVER" status >/dev/null  # creates .cutover/ledger.db at the current schema

echo "== generating $TASKS tasks, $((TASKS * 2)) executions, $TASKS comparisons (SQLite)"
start=$(date +%s.%N)
bash "$root/bench/ledger_fill.sh" .cutover/ledger.db "$TASKS" qc trim align report
echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s: $(sqlite3 .cutover/ledger.db 'SELECT count(*) FROM executions') executions, $(du -h .cutover/ledger.db | cut -f1)"

echo "== cutover ledger copy to PostgreSQL"
start=$(date +%s.%N)
"$CUTOVER" ledger copy --from sqlite:.cutover/ledger.db --to "$pg_url"
echo "copied in $(echo "$(date +%s.%N) - $start" | bc) s"
# As autovacuum would in time: statistics, and the visibility map that lets PostgreSQL answer
# from an index alone (right after the copy one VACUUM sometimes leaves pages not all-visible).
for attempt in 1 2 3; do
  psql -q "$pg_url" -c "VACUUM ANALYZE" >/dev/null
  [ "$(psql -X -A -t "$pg_url" -c "SELECT bool_and(relallvisible = relpages) FROM pg_class WHERE relname IN ('tasks', 'executions', 'comparisons')")" = t ] && break
done

echo "== cutover status"
commands=("$CUTOVER status" "$CUTOVER status --ledger $pg_url")
if "$CUTOVER" --help | grep -qE "^ +report "; then
  commands+=("$CUTOVER report -o $work/report.html" "$CUTOVER report -o $work/report.html --ledger $pg_url")
fi
hyperfine --warmup 1 --runs "${RUNS:-5}" -N "${commands[@]}" --export-json "$work/status.json" >/dev/null
jq -r '.results[] | "\(.command | sub(" --ledger .*"; " (PostgreSQL)") | sub("-o [^ ]*"; "")): median \(.median * 1000 | round) ms (min \(.min * 1000 | round), max \(.max * 1000 | round), \(.times | length) runs)"' "$work/status.json"

echo "== 8 concurrent cutover step writers against PostgreSQL"
psql -q "$server" -c "CREATE DATABASE writers" >/dev/null
writers_url="${server%/*}/writers"
cat > writers.yaml <<Y
settings: {state_dir: .writers}
samples:
  list: [a, b, c, d]
steps:
  st:
    outputs: {out: "w/{sample}.txt"}
    legacy: {shell: "echo start >> $work/w/{sample}.log; sleep 0.2; echo end >> $work/w/{sample}.log; echo x > {output.out}"}
    new: {shell: "sleep 0.1; echo x > {output.out}"}
Y
mkdir -p w
"$CUTOVER" -f writers.yaml route st shadow --reason bench --ledger "$writers_url" >/dev/null
per_writer=${STEPS_PER_WRITER:-25}
start=$(date +%s.%N)
for w in 1 2 3 4 5 6 7 8; do
  (for i in $(seq 1 "$per_writer"); do
     s=$(printf 'a\nb\nc\nd\n' | sed -n "$(( (w + i) % 4 + 1 ))p")
     "$CUTOVER" -f writers.yaml step st --sample "$s" --force --ledger "$writers_url" >/dev/null 2>&1 || echo "writer $w step $i failed" >&2
   done) &
done
wait
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
tasks=$(psql -X -A -t "$writers_url" -c "SELECT count(*) FROM tasks WHERE status = 'published'")
execs=$(psql -X -A -t "$writers_url" -c "SELECT count(*) FROM executions WHERE status = 'succeeded'")
cmps=$(psql -X -A -t "$writers_url" -c "SELECT count(*) FROM comparisons")
# Each legacy run appends start/end to its sample's log: overlapping runs would interleave.
overlaps=0
for s in a b c d; do
  if grep -v -x -e start -e end w/$s.log >/dev/null || ! awk 'NR%2==1 && $0!="start"{exit 1} NR%2==0 && $0!="end"{exit 1}' w/$s.log; then
    overlaps=$((overlaps + 1))
  fi
done
echo "$((8 * per_writer)) steps in ${elapsed} s: $tasks tasks published, $execs executions succeeded, $cmps comparisons; samples with overlapping runs: $overlaps"
[ "$tasks" = $((8 * per_writer)) ] && [ "$execs" = $((16 * per_writer)) ] && [ "$cmps" = $((8 * per_writer)) ] && [ "$overlaps" = 0 ] \
  && echo "no record lost, no (step, sample) double-run" || { echo "FAILED: records lost or double runs" >&2; exit 1; }
