#!/usr/bin/env bash
# A drift stops old evidence counting: after the legacy script of a step in shadow changes,
# comparisons made against the previous legacy no longer count towards the gate, and promote
# and status say how many and why. A promotion that the old evidence would have allowed is
# refused until the current pair has been compared enough.
. "$(dirname "$0")/lib.sh"
mkdir -p legacy
echo 'echo "value $1"' > legacy/stats.sh
cat > cutover.yaml <<'Y'
samples: {list: [a, b, c]}
steps:
  stats:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "sh {root}/legacy/stats.sh {sample} > {output.o}"}
    new: {shell: "echo value {sample} > {output.o}"}
    policy: {min_comparisons: 3, min_samples: 1, min_days: 0, clean_last: 1}
Y
co route stats shadow --reason "compare"
co run
assert_eq "$RC" 0 "shadow run: $OUT"
assert_eq "$(status_field stats '.comparisons.match')" 3 "three matches"
assert_eq "$(status_field stats '.gate.ready')" true "the gate is met with the first legacy"

# The legacy script evolves (a comment only: same outputs). Only one sample runs again since.
echo '# reformatted' >> legacy/stats.sh
co step stats --sample a
assert_eq "$RC" 0 "step after the change: $OUT"
assert_contains "$OUT" "legacy of stats changed: file legacy/stats.sh (was " "the drift is announced"
assert_eq "$(status_field stats '.comparisons.match')" 4 "four matches in all"
assert_eq "$(status_field stats '.gate.ready')" false "only one comparison of the current pair"
assert_eq "$(status_field stats '.gate.no_longer_counting')" 3 "three comparisons no longer count"
co promote stats --dry-run
[ "$RC" -ne 0 ] || fail "promotion on evidence of the previous legacy must be refused: $OUT"
assert_contains "$OUT" "3 comparisons made before legacy changed at" "promote says what no longer counts"
assert_contains "$OUT" "(file legacy/stats.sh (was " "and why"
co status
assert_contains "$OUT" "3 comparisons made before legacy changed" "status says it too"

# The current pair compared on every sample: ready again.
co run --force
assert_eq "$RC" 0 "re-run: $OUT"
assert_not_contains "$OUT" "changed:" "no new drift"
co promote stats --dry-run
assert_eq "$RC" 0 "ready with evidence of the current pair: $OUT"
pass "comparisons against a previous legacy stop counting; the gate says why"
