#!/usr/bin/env bash
# Two overlapping `cutover run`s (cron fired while last week's run is still going): the second
# waits for the (step, sample) locks, then finds the work done; nothing runs twice.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples:
  list: [a, b]
steps:
  slow:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "sleep 2; echo done {sample} > {output.out}"}
Y
"$CUTOVER" run -j 2 > first.log 2>&1 &
first=$!
wait_for "the first run to start both samples" '[ "$(started_sides slow)" -ge 2 ]'
co run --no-wait
assert_eq "$RC" 3 "--no-wait reports busy: $OUT"
assert_contains "$OUT" "is being executed by pid $first" "names the holder"
co run -j 2
assert_eq "$RC" 0 "second run: $OUT"
assert_contains "$OUT" "waiting for the lock held by pid $first" "says what it waits for"
assert_contains "$OUT" "2 up to date" "work found done after waiting"
wait $first || fail "first run failed: $(cat first.log)"
assert_eq "$(status_field slow '.executions.legacy')" 2 "each sample executed once"
assert_eq "$(cat out/a.txt)" "done a" "output"
pass "overlapping runs wait and do not double-run"
