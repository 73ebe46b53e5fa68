#!/usr/bin/env bash
# kill -9 of cutover while its Slurm jobs run: the jobs outlive it (a dead process cannot
# scancel). The next run finds the dead run, marks its work interrupted, scancels the jobs it
# left (named in its message), and finishes the work; nothing was published by the dead run.
. "$(dirname "$0")/lib.sh"
touch slow
cat > cutover.yaml <<Y
settings:
  executor: slurm
samples:
  list: [a, b]
steps:
  slow:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo start > {output.out}; if [ -e '$PWD/slow' ]; then sleep 47; fi; echo END >> {output.out}"}
Y
"$CUTOVER" run -j 2 > run.log 2>&1 &
pid=$!
wait_for "two jobs running" '[ "$(active_jobs | grep -c RUNNING)" -ge 2 ]'
left=$(our_jobs)
kill -9 $pid
set +e; wait $pid; set -e
sleep 1
assert_eq "$(squeue -h -j "$left" -o %T | sort -u)" RUNNING "the dead cutover's jobs still run"
assert_no_file out/a.txt "nothing published by the dead run"
assert_eq "$(sql "select status from runs")" running "the ledger does not know yet"

rm slow
co run -j 2
assert_eq "$RC" 0 "re-run: $OUT"
assert_contains "$OUT" "recovered run 1" "the dead run is found"
assert_contains "$OUT" "cancelled Slurm job(s) ${left/,/ } left running by the dead run" "its jobs named"
wait_for "the dead run's jobs to leave the queue" '[ -z "$(squeue -h -j "$left" 2>/dev/null)" ]'
assert_eq "$(squeue -h -t all -j "$left" -o %T | sort -u)" CANCELLED "Slurm says cancelled"
gone "sleep 47" || fail "a side of the dead run survived the scancel"
assert_eq "$(tail -1 out/a.txt)" END "work finished"
assert_eq "$(tail -1 out/b.txt)" END "work finished"
assert_eq "$(sql "select group_concat(status) from (select status from runs order by id)")" "interrupted,succeeded" "runs"
assert_eq "$(sql "select count(*) from executions where status='interrupted'")" 2 "the dead run's executions"
assert_eq "$(sql "select count(*) from tasks where status='published' and run_id=2")" 2 "redone and published"

# Recovered once: a third run has nothing to recover or cancel.
co run -j 2 --force
assert_eq "$RC" 0 "third run: $OUT"
assert_not_contains "$OUT" "Slurm job" "nothing more to cancel"
pass "kill -9 of cutover: the next run scancels the jobs it left and finishes the work"
