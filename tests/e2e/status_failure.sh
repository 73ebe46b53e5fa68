#!/usr/bin/env bash
# A task that fails before any side runs (its upstream output is missing) is a failure of the
# step that status shows, with its reason, in text and in --json.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples: {list: [s1]}
steps:
  make:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "echo x > {output.o}"}
  use:
    inputs: {i: "out/{sample}.txt"}
    outputs: {o: "out/{sample}.used"}
    legacy: {shell: "cp {input.i} {output.o}"}
Y
co step use --sample s1
[ "$RC" -ne 0 ] || fail "a task without its input must fail: $OUT"
assert_eq "$(sql "SELECT count(*) FROM executions")" 0 "no side ran"
assert_eq "$(sql "SELECT status FROM tasks WHERE step = 'use'")" failed "the task is recorded failed"
assert_eq "$(status_field use '.last_failure.status')" failed "status --json has the failure"
assert_eq "$(status_field use '.last_failure.execution')" null "of no execution"
assert_contains "$(status_field use '.last_failure.error')" "out/s1.txt" "with its reason, naming the input"
co status
assert_contains "$OUT" "last failure of use: task 1 on sample s1 at" "status says it"
assert_contains "$OUT" "before any side ran" "and that no side ran"

# Once the upstream output exists the step runs, and a later side failure is what status shows.
co run
assert_eq "$RC" 0 "run: $OUT"
sed -i 's/cp {input.i} {output.o}/exit 4/' cutover.yaml
co step use --sample s1
assert_eq "$RC" 1 "the side fails: $OUT"
assert_eq "$(status_field use '.last_failure.exit_code')" 4 "the latest failure is the side's"
assert_eq "$(status_field use '.last_failure.side')" legacy "with its side"
pass "a task failing before any side ran is shown by status with its reason"
