#!/usr/bin/env bash
# The PostgreSQL server goes away in the middle of a run. Restarted quickly: the running
# executions finish and are recorded (the ledger reconnects), outputs are published. Gone for
# good: the run stops with a clear message and publishes nothing without its record.
# Uses its own server (this test stops it), not the shared fixture's.
. "$(dirname "$0")/lib.sh"
server=${CUTOVER_TEST_POSTGRES_SERVER:?run through ctest}
pg_state=$WORK/pg
sh "$server" start "$pg_state" >/dev/null
trap 'sh "$server" stop "$pg_state"; cleanup' EXIT
export CUTOVER_LEDGER=$(cat "$pg_state/url")
PG_URL=$CUTOVER_LEDGER
export CUTOVER_LEDGER_RECONNECT_SECONDS=4
cat > cutover.yaml <<'Y'
samples:
  list: [a, b]
steps:
  slow:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "sleep 3; echo done {sample} > {output.out}"}
Y
"$CUTOVER" run -j 2 > run.log 2>&1 &
run=$!
wait_for "both samples to start" '[ "$(started_sides slow)" -ge 2 ]'
sh "$server" restart "$pg_state"
wait $run || fail "the run did not survive a restart: $(cat run.log)"
assert_eq "$(cat out/a.txt)" "done a" "published after the restart"
assert_eq "$(pgsql "SELECT count(*) FROM executions WHERE status = 'succeeded'")" 2 "both recorded"
assert_eq "$(pgsql "SELECT count(*) FROM published")" 2 "published recorded"
assert_eq "$(pgsql "SELECT status FROM runs ORDER BY id DESC LIMIT 1")" "succeeded" "run recorded"

rm -rf out
"$CUTOVER" run -j 2 --force > run2.log 2>&1 &
run=$!
wait_for "both samples to start again" '[ "$(started_sides slow)" -ge 4 ]'
sh "$server" stop "$pg_state"
set +e; wait $run; rc=$?; set -e
assert_eq "$rc" 1 "the run stops: $(cat run2.log)"
log=$(cat run2.log)
assert_contains "$log" "could not be recorded" "says the record failed"
assert_contains "$log" "gave up reconnecting" "says it tried to reconnect"
assert_no_file out/a.txt "nothing published without its record"
assert_no_file out/b.txt "nothing published without its record"
pass "a lost database: records retried across a restart, nothing published without a record"
