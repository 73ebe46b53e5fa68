#!/usr/bin/env bash
# A changed compare: is a drift of the step's judgement: comparisons judged with the earlier
# compare: stop counting towards the gate (status and promote say so, even before a run has
# met the change), and `cutover recompare` judges the kept outputs of those tasks again,
# records the new verdicts, names the tasks whose outputs are gone, and is idempotent.
. "$(dirname "$0")/lib.sh"
# The new side adds a comment line: a mismatch under plain `text`, agreement once comments are
# ignored. The scratch of the last 2 tasks is kept, so of 3 tasks 1 has lost its new output.
write_pipeline() {
  cat > cutover.yaml <<Y
settings: {retain_scratch: 2}
samples: {list: [a, b, c]}
steps:
  stats:
    outputs: {o: {path: "out/{sample}.txt", compare: $1}}
    legacy: {shell: "echo value {sample} > {output.o}"}
    new: {shell: "printf 'value {sample}\\\\n# written by the rewrite\\\\n' > {output.o}"}
    policy: {min_comparisons: 2, min_samples: 1, min_days: 0, clean_last: 1}
Y
}
write_pipeline '{kind: text}'
co route stats shadow --reason "compare"
co run -j 1
assert_eq "$RC" 0 "shadow run: $OUT"
assert_eq "$(status_field stats '.comparisons.mismatch')" 3 "three mismatches under plain text"
assert_eq "$(status_field stats '.gate.ready')" false "mismatches: not ready"

# Nothing changed yet: recompare has nothing to do.
co recompare stats
assert_eq "$RC" 0 "recompare without a change: $OUT"
assert_contains "$OUT" "has not changed since the ledger first recorded it" "says why"

# The comparator learns to ignore comment lines. Before anything meets the change, status
# already says the old verdicts were judged with other rules.
write_pipeline '{kind: text, ignore: ["^# "]}'
assert_eq "$(status_field stats '.gate.no_longer_counting')" 3 "all three judged with the old compare:"
assert_contains "$(status_field stats '.gate.no_longer_counting_reason')" "compare: was edited since" "and why"

co recompare stats
assert_eq "$RC" 0 "recompare after the change: $OUT"
assert_contains "$OUT" 'compare: of stats changed: output o (was text, now text {"ignore":["^# "]})' "the change is announced"
assert_contains "$OUT" "judged 2 of 3 tasks of stats again" "two tasks still have both outputs"
assert_contains "$OUT" ": 2 noise" "and both agree now (the differences are ignored lines: noise)"
assert_contains "$OUT" "1 task could not be judged again" "the third is named"
assert_contains "$OUT" "task 1 (sample a): new's output o is no longer kept (.cutover/scratch/stats/1/new/out/a.txt: gone)" "with the output that is gone"
# The new verdicts are comparisons of the original tasks, linked to the ones they replace.
assert_eq "$(sql "SELECT count(*) FROM comparisons WHERE outcome = 'noise' AND json_extract(summary, '$.recompared') IS NOT NULL")" 2 "two re-judged comparisons recorded"
assert_eq "$(sql "SELECT count(DISTINCT task_id) FROM comparisons")" 3 "no new task was made"
assert_eq "$(sql "SELECT count(*) FROM implementation_changes WHERE side = 'compare' AND from_digest != ''")" 1 "the drift is in the ledger"
assert_eq "$(status_field stats '.gate.comparisons')" 2 "the gate counts the two re-judged tasks"
assert_eq "$(status_field stats '.gate.no_longer_counting')" 1 "and not the third"
assert_eq "$(status_field stats '.gate.ready')" true "two agreeing comparisons are enough"
co history stats
assert_contains "$OUT" "stats        compare changed: output o (was text" "history shows the change"

# Idempotent: the same tasks are not judged twice.
co recompare stats
assert_eq "$RC" 0 "second recompare: $OUT"
assert_contains "$OUT" "judged 0 of 1 task" "only the task whose outputs are gone is left"
assert_eq "$(sql "SELECT count(*) FROM comparisons")" 5 "no comparison added"

# A stricter compare: again (the comment must be there): the recompare disagrees, exit 1.
write_pipeline '{kind: text, ignore: ["^value "]}'
co recompare stats --json
assert_eq "$RC" 1 "a disagreement is exit 1: $OUT"
assert_eq "$(jq -r '.outcomes.mismatch' <<<"$OUT")" 2 "two mismatches under the new rules"
assert_eq "$(jq -r '.recompared | length' <<<"$OUT")" 2 "listed"
assert_eq "$(jq -r '.not_recompared | length' <<<"$OUT")" 1 "the gone task listed"
co promote stats --dry-run
[ "$RC" -ne 0 ] || fail "promotion on mismatches must be refused: $OUT"

# A run meets a changed compare: too, announces it and judges with it from then on.
write_pipeline '{kind: text, ignore: ["^# "]}'
co run --force -j 1
assert_eq "$RC" 0 "run after the change: $OUT"
assert_contains "$OUT" 'compare: of stats changed: output o (was text {"ignore":["^value "]}, now text {"ignore":["^# "]})' "the run announces it"
assert_eq "$(status_field stats '.gate.comparisons')" 3 "the run's three comparisons count"
# The earlier tasks keep only verdicts of earlier rules: task 1 its first, tasks 2 and 3 their
# first and two re-judgements each.
assert_eq "$(status_field stats '.gate.no_longer_counting')" 7 "the earlier tasks' verdicts do not count"
assert_eq "$(sql "SELECT count(*) FROM comparisons WHERE json_extract(summary, '$.compare_digest') = (SELECT to_digest FROM implementation_changes WHERE side = 'compare' ORDER BY id DESC LIMIT 1)")" 5 "each comparison records the compare: it was made with (the run's 3, the first recompare's 2)"
pass "a changed compare: stops old verdicts counting; recompare judges the kept outputs again"
