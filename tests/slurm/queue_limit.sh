#!/usr/bin/env bash
# A job that stays pending in the queue (here: told not to start for an hour) is cancelled at the
# executor's queue_limit; the side fails naming the job, the wait and Slurm's reason, and
# nothing is left in the queue. A job that starts in time is not affected.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
settings:
  executor: {kind: slurm, queue_limit: 5s}
samples:
  list: [a]
steps:
  later:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo ran > {output.out}"}
    executor: {sbatch_args: ["--begin=now+1hour"]}
  now:
    outputs: {out: "out/{sample}.now"}
    legacy: {shell: "sleep 7; echo ran > {output.out}"}
Y
co run --steps now
assert_eq "$RC" 0 "a job that starts at once may run past the queue limit: $OUT"
assert_eq "$(cat out/a.now)" ran "its output"

co run --steps later
assert_eq "$RC" 1 "the pending job's side failed: $OUT"
job=$(cat .cutover/scratch/later/*/legacy.job/job_id)
assert_contains "$OUT" "Slurm job $job was still waiting in the queue after 5.0s (reason: BeginTime); it was cancelled" "the message"
assert_eq "$(sql "select status from executions where step='later'")" spawn_failed "recorded"
assert_contains "$(sql "select error from executions where step='later'")" "reason: BeginTime" "the reason recorded"
assert_no_file out/a.txt "nothing published"
assert_eq "$(squeue -h -t all -j "$job" -o %T)" CANCELLED "Slurm says cancelled"
no_jobs_left
pass "queue_limit: a job pending too long is cancelled and named; one that started is not"
