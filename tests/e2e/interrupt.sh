#!/usr/bin/env bash
# Ctrl-C (SIGINT) stops cleanly: children are killed, nothing is half-published, the ledger says
# what was interrupted, exit code 130; running the same command again finishes the work.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples:
  list: [a, b, c, d]
steps:
  slow:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo start > {output.out}; sleep 41; echo END >> {output.out}"}
Y
"$CUTOVER" run -j 2 > run.log 2>&1 &
pid=$!
wait_for "two tasks to be running" '[ "$(started_sides slow)" -ge 2 ]'
sleep 0.3
kill -INT $pid
set +e; wait $pid; rc=$?; set -e
assert_eq "$rc" 130 "exit code after Ctrl-C: $(cat run.log)"
assert_contains "$(cat run.log)" "interrupted; running steps were stopped" "message"
assert_no_file out/a.txt "nothing published"
gone "sleep 41" || fail "a child survived Ctrl-C"
assert_eq "$(sql "select status from runs")" interrupted "run recorded as interrupted"
assert_eq "$(sql "select count(*) from tasks where status='interrupted'")" 2 "the two running tasks"
assert_eq "$(sql "select count(*) from executions where status='interrupted'")" 2 "their executions"
sed -i "s/sleep 41; //" cutover.yaml
co run -j 2
assert_eq "$RC" 0 "re-run: $OUT"
assert_eq "$(tail -1 out/d.txt)" END "work finished"
pass "Ctrl-C stops cleanly and a re-run finishes"
