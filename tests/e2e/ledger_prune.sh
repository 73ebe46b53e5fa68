#!/usr/bin/env bash
# `cutover ledger prune --older-than D`: old executions whose scratch folder retention deleted
# lose their scratch path, the stderr of successes and their output records; everything the
# evidence is computed from stays (status --json is the same before and after), and an
# execution whose scratch folder is still there is left whole.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
settings: {retain_scratch: 1}
samples: {list: [a, b, c]}
steps:
  s:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "echo {sample} > {output.o}; echo 'note for {sample}' >&2"}
    new: {shell: "echo {sample} > {output.o}; echo 'note for {sample}' >&2"}
Y
co route s shadow --reason "compare the sides"
assert_eq "$RC" 0 "shadow: $OUT"
for i in 1 2 3; do
  co run --force
  assert_eq "$RC" 0 "run $i: $OUT"
done
total=$(sql "SELECT count(*) FROM executions")
assert_eq "$total" 18 "3 runs x 3 samples x 2 sides"
# Which executions still have their scratch folder (retention keeps the last task's).
kept=0
while read -r dir; do [ -d "$dir" ] && kept=$((kept + 1)); done < <(sql "SELECT scratch_dir FROM executions")
[ "$kept" -gt 0 ] && [ "$kept" -lt "$total" ] || fail "retention should keep some scratch folders, not all: $kept of $total"
expected=$((total - kept))
status_before=$("$CUTOVER" status --json)

co ledger prune --older-than 1d
assert_eq "$RC" 0 "prune of nothing old enough: $OUT"
assert_contains "$OUT" "pruned 0 executions" "nothing is a day old"

co ledger prune --older-than 0s --dry-run
assert_eq "$RC" 0 "dry run: $OUT"
assert_contains "$OUT" "would prune $expected executions" "counts the executions without a scratch folder"
assert_contains "$OUT" "$kept as old kept whole" "counts those whose folder is there"
assert_eq "$(sql "SELECT count(*) FROM executions WHERE scratch_dir = ''")" 0 "a dry run changes nothing"

co ledger prune --older-than 0s
assert_eq "$RC" 0 "prune: $OUT"
assert_contains "$OUT" "pruned $expected executions" "prunes them"
assert_contains "$OUT" "($expected of their output records)" "one output each"
assert_eq "$(sql "SELECT count(*) FROM executions WHERE scratch_dir = ''")" "$expected" "scratch paths emptied"
assert_eq "$(sql "SELECT count(*) FROM executions WHERE scratch_dir = '' AND stderr_tail != ''")" 0 \
  "the stderr of successes emptied"
assert_eq "$(sql "SELECT count(*) FROM execution_outputs")" "$kept" "only the kept executions' outputs remain"
assert_eq "$(sql "SELECT count(*) FROM executions WHERE scratch_dir != '' AND stderr_tail LIKE 'note for%'")" "$kept" \
  "executions with a scratch folder are whole"
assert_eq "$(sql "SELECT count(*) FROM executions")" "$total" "no execution is deleted"
assert_eq "$("$CUTOVER" status --json)" "$status_before" "the evidence reads the same"
co ledger check
assert_eq "$RC" 0 "a pruned ledger is sound: $OUT"
co run
assert_eq "$RC" 0 "runs go on: $OUT"
assert_contains "$OUT" "3 up to date" "the published outputs are still known"

co ledger prune --older-than soon
[ "$RC" -ne 0 ] || fail "a bad duration must be refused: $OUT"
assert_contains "$OUT" "--older-than" "names the option"
co ledger prune
[ "$RC" -ne 0 ] || fail "--older-than is required: $OUT"
pass "old scratch-only detail pruned, evidence kept"
