#!/usr/bin/env bash
# A crashing new side: the legacy side serves instead (fallback), and after K consecutive
# failures the route rolls back to legacy automatically, with the reason recorded.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples:
  list: [a, b, c, d, e]
steps:
  work:
    outputs: {out: "out/{sample}.txt"}
    max_consecutive_failures: 3
    legacy: {shell: "sleep 0.3; echo legacy {sample} > {output.out}"}
    new: {shell: "echo 'segfault in new code' >&2; kill -SEGV $$"}
Y
co route work new --force --reason "cut over"
co run
assert_eq "$RC" 0 "every sample still served: $OUT"
# The progress line gives the time of the side that published (legacy's 0.3 s or more), not the
# crashed new side's few milliseconds.
grep -qE "published \(legacy fallback, ([3-9][0-9]{2}ms|[0-9.]+s)\)" <<<"$OUT" ||
  fail "a fallback's progress line shows legacy's time: $OUT"
for s in a b c d e; do assert_eq "$(cat out/$s.txt)" "legacy $s" "fallback output of $s"; done
assert_eq "$(status_field work '.fallbacks')" 3 "three fallbacks before the rollback"
assert_eq "$(status_field work '.route.mode')" legacy "automatic rollback"
assert_eq "$(status_field work '.last_failure.status')" signaled "failure recorded"
co history work
assert_contains "$OUT" "(automatic)" "automatic change in history"
assert_contains "$OUT" "3 consecutive new-side failures" "rollback reason"
assert_contains "$OUT" "killed by signal 11" "reason names the failure"
# After the rollback the new side is not run for the remaining samples.
assert_eq "$(status_field work '.executions.new')" 3 "new side ran 3 times only"

# Retired: no fallback, the failure is the step's failure.
co route work retired --force --reason "legacy gone"
co run --force --samples a
assert_eq "$RC" 1 "retired new side failing fails the run"
assert_contains "$OUT" "new side killed by signal 11" "failure message"

# A new side that exits 0 but forgets an output is a failure too (missing output).
sed -i 's|new: {shell: .*|new: {shell: "true"}|' cutover.yaml
co route work new --force --reason "retry"
co run --force --samples b
assert_eq "$RC" 0 "fallback serves"
assert_eq "$(status_field work '.last_failure.status')" missing_output "missing output recorded"
assert_contains "$(status_field work '.last_failure.error')" "out/b.txt" "names the missing output"
pass "fallback, automatic rollback after 3, retired, missing output"
