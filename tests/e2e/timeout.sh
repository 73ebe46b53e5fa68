#!/usr/bin/env bash
# A hanging shadow side is killed at its own timeout (with its whole process group); the
# pipeline still succeeds and downstream steps are not held up.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples:
  list: [a]
steps:
  slow:
    outputs: {out: "out/{sample}.txt"}
    shadow_timeout: 1s
    legacy: {shell: "echo ok > {output.out}"}
    new: {shell: "sleep 313 & sleep 313; echo late > {output.out}"}
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
[ "$elapsed" -lt 30 ] || fail "took ${elapsed}s: the hanging side was not killed"
assert_eq "$(cat out/a.after)" "ok" "downstream ran on legacy's output"
assert_eq "$(status_field slow '.last_failure.status')" timed_out "timeout recorded"
gone "sleep 313" || fail "a sleep from the hung side survived"
# The serving side's own timeout is a failure of the step.
sed -i 's|legacy: {shell: "echo ok > {output.out}"}|legacy: {shell: "sleep 313", timeout: 1s}|' cutover.yaml
co run --force --steps slow
assert_eq "$RC" 1 "serving timeout fails"
assert_contains "$OUT" "timed out" "timeout message"
pass "shadow timeout in ${elapsed}s, not fatal; serving timeout fails"
