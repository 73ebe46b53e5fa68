#!/usr/bin/env bash
# A crashing new side in a Slurm job: legacy serves instead (fallback), and after 3 failures in
# a row the route rolls back to legacy automatically; exit status is recorded as for local runs.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
settings:
  executor: {kind: slurm, partition: debug}
samples:
  list: [a, b, c, d]
steps:
  work:
    outputs: {out: "out/{sample}.txt"}
    max_consecutive_failures: 3
    legacy: {shell: "echo legacy {sample} > {output.out}"}
    new: {shell: "echo 'segfault in new code' >&2; kill -SEGV $$"}
Y
co route work new --force --reason "cut over"
co run
assert_eq "$RC" 0 "every sample still served: $OUT"
for s in a b c d; do assert_eq "$(cat out/$s.txt)" "legacy $s" "fallback output of $s"; done
assert_eq "$(status_field work '.fallbacks')" 3 "three fallbacks before the rollback"
assert_eq "$(status_field work '.route.mode')" legacy "automatic rollback"
assert_eq "$(status_field work '.last_failure.status')" signaled "signal recorded from inside the job"
assert_eq "$(sql "select distinct signal from executions where side='new'")" 11 "SIGSEGV"
assert_contains "$(sql "select stderr_tail from executions where side='new' limit 1")" "segfault in new code" "stderr tail"
co history work
assert_contains "$OUT" "killed by signal 11" "rollback reason names the failure"
assert_eq "$(job_count)" 7 "3 new + 4 legacy jobs"
no_jobs_left
pass "fallback and automatic rollback through Slurm"
