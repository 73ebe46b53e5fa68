#!/usr/bin/env bash
# A job killed by the scheduler's side (here an administrator's scancel of the new side's job):
# recorded as killed_by_scheduler with the job and its state, and the step's fallback applies.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
settings:
  executor: slurm
samples:
  list: [a]
steps:
  work:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo legacy > {output.out}"}
    # (&&: Slurm signals the job's processes one by one; with ';' the shell could outlive its
    # sleep by a moment, write "new" and exit 0, a success cutover rightly trusts.)
    new: {shell: "sleep 47 && echo new > {output.out}"}
Y
co route work new --force --reason "cut over"
"$CUTOVER" step work --sample a > step.log 2>&1 &
pid=$!
job=$(wait_job_running new)
scancel "$job"  # not cutover's doing
set +e; wait $pid; rc=$?; set -e
assert_eq "$rc" 0 "legacy served instead: $(cat step.log)"
assert_eq "$(cat out/a.txt)" legacy "fallback output"
assert_contains "$(cat step.log)" "legacy served instead (fallback)" "fallback message"
assert_eq "$(sql "select status from executions where side='new'")" killed_by_scheduler "distinct status"
assert_contains "$(sql "select error from executions where side='new'")" "Slurm job $job was cancelled" "error names the job"
assert_eq "$(status_field work '.last_failure.status')" killed_by_scheduler "status shows it"
assert_eq "$(status_field work '.fallbacks')" 1 "counted as a fallback"
gone "sleep 47" || fail "the killed job's side survived"
no_jobs_left
pass "scancel by someone else: killed_by_scheduler, fallback served"
