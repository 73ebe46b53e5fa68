#!/usr/bin/env bash
# Canary stickiness over 1,000 samples: raising 10% -> 30% keeps every sample of the first set
# on the new side; lowering back to 10% removes only the ones added last.
. "$(dirname "$0")/lib.sh"
seq 1 1000 | sed 's/^/sample/' | (echo sample; cat) > samples.tsv
cat > cutover.yaml <<'Y'
samples:
  sheet: samples.tsv
steps:
  mark:
    outputs: {side: "out/{sample}.side"}
    legacy: {command: "sh -c 'echo legacy > \"$0\"' {output.side}"}
    new: {command: "sh -c 'echo new > \"$0\"' {output.side}"}
Y
served_by_new() { grep -lx new out/*.side | sed 's|out/||; s|\.side||' | sort; }
co route mark canary 10 --force --reason "first 10%"
co run -j 2
assert_eq "$RC" 0 "run at 10%: $(tail -3 <<<"$OUT")"
served_by_new > ten.txt
n10=$(wc -l < ten.txt)
[ "$n10" -gt 50 ] && [ "$n10" -lt 150 ] || fail "10% canary served $n10 of 1000 by new"

co route mark canary 30 --force --reason "widen"
co run -j 2 --force
served_by_new > thirty.txt
n30=$(wc -l < thirty.txt)
[ "$n30" -gt 230 ] && [ "$n30" -lt 370 ] || fail "30% canary served $n30 of 1000 by new"
assert_eq "$(comm -23 ten.txt thirty.txt | wc -l)" 0 "every 10% sample stays at 30%"

co route mark canary 10 --force --reason "narrow again"
co run -j 2 --force
served_by_new > ten_again.txt
assert_eq "$(diff ten.txt ten_again.txt && echo same)" same "lowering removes the last added"
# Every execution also ran the other side and compared (both write different text).
assert_eq "$(status_field mark '.comparisons.mismatch')" 3000 "both sides ran for all samples"
# Scratch folders are retained for the last 20 tasks only (settings.retain_scratch default).
kept=$(ls .cutover/scratch/mark | wc -l)
[ "$kept" -le 20 ] || fail "retention: $kept scratch folders kept, limit 20"
pass "canary 10% ($n10) -> 30% ($n30) keeps the first set"
