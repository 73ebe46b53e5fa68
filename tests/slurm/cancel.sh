#!/usr/bin/env bash
# Ctrl-C of cutover while its Slurm jobs run: the jobs are scancelled (none is left in squeue),
# nothing is published, the ledger says interrupted, exit code 130; a re-run finishes.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
settings:
  executor: slurm
samples:
  list: [a, b, c]
steps:
  slow:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo start > {output.out}; sleep 43; echo END >> {output.out}"}
Y
"$CUTOVER" run -j 2 > run.log 2>&1 &
pid=$!
wait_for "two jobs running" '[ "$(active_jobs | grep -c RUNNING)" -ge 2 ]'
jobs_before=$(our_jobs)
kill -INT $pid
set +e; wait $pid; rc=$?; set -e
assert_eq "$rc" 130 "exit code after Ctrl-C: $(cat run.log)"
assert_no_file out/a.txt "nothing published"
assert_eq "$(active_jobs)" "" "no job left in squeue (jobs were $jobs_before)"
assert_eq "$(squeue -h -t all -j "$jobs_before" -o %T | sort -u)" CANCELLED "Slurm says cancelled"
gone "sleep 43" || fail "a side survived the scancel"
assert_eq "$(sql "select status from runs")" interrupted "run recorded as interrupted"
assert_eq "$(sql "select count(*) from executions where status='interrupted'")" 2 "the two running executions"
sed -i "s/sleep 43; //" cutover.yaml
co run -j 2
assert_eq "$RC" 0 "re-run: $OUT"
assert_eq "$(tail -1 out/c.txt)" END "work finished"
pass "Ctrl-C scancels the jobs, nothing left in squeue, re-run finishes"
