#!/usr/bin/env bash
# A manual route that lets the new side serve more (shadow -> canary, legacy -> new, ...) passes
# the gate of the current stage like `promote`, or needs --force with a reason and is then
# marked forced in the history; routes back never need the gate.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples: {list: [a]}
steps:
  s:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "echo {sample} > {output.o}"}
    new: {shell: "echo {sample} > {output.o}"}
    policy: {min_comparisons: 3, min_samples: 1, min_days: 0, clean_last: 1}
Y
co route s new --reason "skip everything"
assert_eq "$RC" 1 "legacy -> new without any evidence is refused: $OUT"
assert_contains "$OUT" "s: legacy -> new lets the new side serve more than the evidence supports: no evidence: s is on legacy" "says why"
assert_eq "$(sql "SELECT count(*) FROM route_changes")" 0 "nothing changed"

co route s shadow --reason "compare"
assert_eq "$RC" 0 "shadow needs no gate: $OUT"
co run
assert_eq "$RC" 0 "run: $OUT"
co route s canary 10 --reason "widen"
assert_eq "$RC" 1 "one comparison of three: refused: $OUT"
assert_contains "$OUT" "1 of 3 comparisons (need 2 more)" "what is missing"
assert_contains "$OUT" "--force routes anyway" "the way out"

co route s canary 10 --force --reason "lab sign-off"
assert_eq "$RC" 0 "forced: $OUT"
assert_contains "$OUT" "s: shadow -> canary 10% (forced past the gate (1 of 3 comparisons (need 2 more)): lab sign-off)" "the reason says it was forced"
assert_eq "$(sql "SELECT forced FROM route_changes ORDER BY id DESC LIMIT 1")" 1 "marked forced in the ledger"
co history s
assert_contains "$OUT" "(forced)" "history marks it"

# Back, or sideways to less exposure: no gate.
co route s canary 5 --reason "narrow"
assert_eq "$RC" 0 "narrowing: $OUT"
co rollback s --reason "back"
assert_eq "$RC" 0 "rollback: $OUT"
assert_eq "$(sql "SELECT count(*) FROM route_changes WHERE forced = 1")" 1 "only the one forced move"
pass "manual routes forward pass the gate or are forced on the record"
