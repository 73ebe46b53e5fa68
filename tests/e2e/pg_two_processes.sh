#!/usr/bin/env bash
# Two cutover processes with their own state folders (as on two machines sharing the pipeline's
# filesystem) and one PostgreSQL ledger: the (step, sample) lock lives in the database, so one
# (step, sample) never runs twice at once; a route changed by one is used by the next execution
# of the other.
. "$(dirname "$0")/lib.sh"
pg_setup
for n in 1 2; do
  cat > cutover$n.yaml <<Y
settings: {state_dir: .state$n}
samples:
  list: [a, b, c, d]
steps:
  slow:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "sleep 2; echo legacy {sample} > {output.out}"}
    new: {shell: "sleep 1; echo new {sample} > {output.out}"}
Y
done
"$CUTOVER" -f cutover1.yaml step slow --sample a > first.log 2>&1 &
first=$!
wait_for "the first process to start" '[ -n "$(find .state1/scratch/slow -mindepth 2 -maxdepth 2 -type d 2>/dev/null)" ]'
co -f cutover2.yaml step slow --sample a --no-wait
assert_eq "$RC" 3 "the second process finds the work busy: $OUT"
assert_contains "$OUT" "is being executed by cutover pid $first" "names the holder (from the database)"
co -f cutover2.yaml step slow --sample a
assert_eq "$RC" 0 "the second process waits, then finds the work done: $OUT"
assert_contains "$OUT" "waiting for the lock held by cutover pid $first" "says what it waits for"
wait $first || fail "first process failed: $(cat first.log)"
assert_eq "$(pgsql "SELECT count(*) FROM executions WHERE sample = 'a'")" 1 "sample a executed once"
assert_eq "$(cat out/a.txt)" "legacy a" "output"
assert_no_file .state1/locks/slow "no lock files with a PostgreSQL ledger"

# Both processes run the whole pipeline at once: each (step, sample) runs exactly once (the one
# that waited for a lock finds the work done).
"$CUTOVER" -f cutover1.yaml run -j 2 > r1.log 2>&1 &
p1=$!
"$CUTOVER" -f cutover2.yaml run -j 2 > r2.log 2>&1 &
p2=$!
wait $p1 || fail "run 1: $(cat r1.log)"
wait $p2 || fail "run 2: $(cat r2.log)"
assert_eq "$(pgsql "SELECT count(*) FROM executions GROUP BY sample ORDER BY sample" | tr '\n' ' ')" "1 1 1 1 " "each sample once: no double run"

# A route change made by one process is seen by the next execution of the other.
co -f cutover2.yaml route slow new --force --reason "e2e"
assert_eq "$RC" 0 "route: $OUT"
co -f cutover1.yaml step slow --sample b --force
assert_eq "$RC" 0 "step after the route change: $OUT"
assert_eq "$(cat out/b.txt)" "new b" "the new side served"
assert_eq "$(pgsql "SELECT route_mode FROM tasks ORDER BY id DESC LIMIT 1")" "new" "recorded route"
assert_eq "$(pgsql "SELECT \"user\" IS NOT NULL FROM route_changes")" "t" "route change recorded"
pass "one PostgreSQL ledger, two processes: no double run, route changes seen"
