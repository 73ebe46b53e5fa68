#!/usr/bin/env bash
# Timeouts through Slurm: a hanging shadow job is stopped at the step's shadow_timeout (the
# wrapper inside the job kills the side's process group), recorded as timed_out, not fatal;
# the serving side's timeout fails the step. The job's Slurm time limit comes from the timeout.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
settings:
  executor: slurm
samples:
  list: [a]
steps:
  slow:
    outputs: {out: "out/{sample}.txt"}
    shadow_timeout: 1s
    legacy: {shell: "echo ok > {output.out}"}
    new: {shell: "sleep 317 & sleep 317; echo late > {output.out}"}
  after:
    inputs: {x: "out/{sample}.txt"}
    outputs: {y: "out/{sample}.after"}
    legacy: {shell: "cp {input.x} {output.y}"}
Y
co route slow shadow --reason "watch it"
start=$(date +%s)
co run
elapsed=$(( $(date +%s) - start ))
assert_eq "$RC" 0 "pipeline succeeds: $OUT"
[ "$elapsed" -lt 45 ] || fail "took ${elapsed}s: the hanging side was not stopped"
assert_eq "$(cat out/a.after)" "ok" "downstream ran on legacy's output"
assert_eq "$(status_field slow '.last_failure.status')" timed_out "timeout recorded"
gone "sleep 317" || fail "a sleep from the hung side survived"
# Job time limit = timeout + kill grace + a minute, in whole minutes (1 s + 2 s + 60 s -> 2).
assert_eq "$(squeue -h -t all -j "$(cat .cutover/scratch/slow/*/new.job/job_id)" -o %l)" "2:00" "time limit from the timeout"
sed -i 's|legacy: {shell: "echo ok > {output.out}"}|legacy: {shell: "sleep 317", timeout: 1s}|' cutover.yaml
co run --force --steps slow
assert_eq "$RC" 1 "serving timeout fails"
assert_contains "$OUT" "timed out" "timeout message"
gone "sleep 317" || fail "a sleep from the hung serving side survived"
no_jobs_left
pass "timeouts through Slurm: shadow in ${elapsed}s not fatal, serving fails"
