#!/usr/bin/env bash
# A job that outlives its Slurm time limit (`executor: {time: 1m}`, shorter than the step's
# timeout) is killed by slurmctld: recorded as killed_by_scheduler (TIMEOUT), fallback applies.
# Slow by nature: slurmctld checks time limits about every 30 s.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
settings:
  executor: {kind: slurm, time: 1m}
samples:
  list: [a]
steps:
  work:
    outputs: {out: "out/{sample}.txt"}
    timeout: 10m
    legacy: {shell: "echo legacy > {output.out}"}
    new: {shell: "sleep 241; echo new > {output.out}"}
Y
co route work new --force --reason "cut over"
start=$(date +%s)
co step work --sample a
elapsed=$(( $(date +%s) - start ))
assert_eq "$RC" 0 "legacy served instead: $OUT"
assert_eq "$(cat out/a.txt)" legacy "fallback output"
assert_eq "$(sql "select status from executions where side='new'")" killed_by_scheduler "distinct status"
assert_contains "$(sql "select error from executions where side='new'")" "reached its Slurm time limit (TIMEOUT)" "error says why"
gone "sleep 241" || fail "the killed job's side survived"
no_jobs_left
pass "Slurm time limit: killed_by_scheduler after ${elapsed}s, fallback served"
