#!/usr/bin/env bash
# Gates and triage: evidence accumulates in shadow, `cutover promote` refuses with what is
# missing, a mismatch is listed, shown and accepted, the gate then holds, each stage proves
# itself again, and --force is recorded. Time is played with CUTOVER_NOW.
. "$(dirname "$0")/lib.sh"
mkdir -p in
for s in s1 s2 s3 s4 s5; do printf 'b %s\na\nc\n' "$s" > in/$s.txt; done
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  tally:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      sorted: {path: "out/{sample}.sorted", compare: text}
    legacy:
      shell: "sort {input.text} > {output.sorted}"
    new:
      # A regression on s3 only: it forgets to sort.
      shell: "if [ {sample} = s3 ]; then cat {input.text}; else sort {input.text}; fi > {output.sorted}"
    policy: {min_comparisons: 4, min_samples: 4, min_days: 14, clean_last: 3, canary_steps: [50]}
Y
export CUTOVER_NOW=2026-01-05T09:00:00Z
co promote tally --reason "start shadowing"
assert_eq "$RC" 0 "legacy -> shadow needs no gate: $OUT"
assert_contains "$OUT" "tally: legacy -> shadow" "promote to shadow"
co run
assert_eq "$RC" 0 "run: $OUT"
assert_eq "$(status_field tally '.comparisons.match')" 4 "four samples agree"
assert_eq "$(status_field tally '.comparisons.mismatch')" 1 "s3 disagrees"
assert_eq "$(status_field tally '.gate.ready')" false "not ready"
co status
assert_contains "$OUT" "not ready: 0 of 14 days (need 14 more), mismatch rate 20% > 0% (1 unexplained of 5)" "status readiness"

CUTOVER_NOW=2026-01-12T10:00:00Z co promote tally
assert_eq "$RC" 1 "gate refuses: $OUT"
assert_contains "$OUT" "tally: not ready for shadow -> canary 50%: 7 of 14 days (need 7 more), mismatch rate 20% > 0%" "what is missing"
assert_eq "$(sql "select count(*) from route_changes")" 1 "refusal changes nothing"

# Triage: list, show, accept.
co mismatches
assert_eq "$RC" 0 "mismatches: $OUT"
assert_contains "$OUT" "s3" "the mismatching sample"
id=$(sql "select id from comparisons where outcome='mismatch'")
assert_contains "$OUT" "$id" "its id"
co diff "$id"
assert_eq "$RC" 0 "diff: $OUT"
assert_contains "$OUT" "comparison c$id: step tally, sample s3, output sorted (text)" "diff header"
exec_id=$(sql "select new_execution_id from comparisons where id=$id")
assert_contains "$OUT" "new     execution e$exec_id: " "executions are shown with their kind"
co diff "e$exec_id"
assert_eq "$RC" 2 "an execution id is refused by diff: $OUT"
assert_contains "$OUT" "e$exec_id is an execution; \`cutover diff\` takes a comparison id" "and says so"
co diff "c$id"
assert_eq "$RC" 0 "c-form: $OUT"
assert_contains "$OUT" "@@ line 1 @@" "diff location"
assert_contains "$OUT" "- a" "legacy line"
assert_contains "$OUT" "+ b s3" "new line"
assert_contains "$OUT" "cutover compare --as text" "re-compare hint while scratch is kept"
co accept "$id" --reason "s3 input is pre-sorted upstream; order irrelevant"
assert_eq "$RC" 0 "accept: $OUT"
co accept "$id" --reason "again"
assert_eq "$RC" 1 "accepting twice is refused"
assert_contains "$OUT" "already accepted by" "names who accepted"
co mismatches
assert_contains "$OUT" "no unexplained mismatches" "accepted ones are hidden"
co mismatches --all --json
assert_eq "$(jq -r '.[0].accepted.reason' <<<"$OUT")" "s3 input is pre-sorted upstream; order irrelevant" "json shows acceptance"

# 14 days after shadowing began, with the mismatch explained, the gate holds.
CUTOVER_NOW=2026-01-19T10:00:00Z co promote tally --dry-run
assert_eq "$RC" 0 "dry run: $OUT"
assert_contains "$OUT" "would promote shadow -> canary 50% (ready)" "dry run"
assert_eq "$(sql "select count(*) from route_changes")" 1 "dry run changes nothing"
CUTOVER_NOW=2026-01-19T10:00:00Z co promote tally
assert_eq "$RC" 0 "promote: $OUT"
assert_contains "$OUT" "tally: shadow -> canary 50%" "promoted to the first canary step"
assert_eq "$(sql "select forced from route_changes order by id desc limit 1")" 0 "not forced"
assert_eq "$(sql "select json_extract(evidence, '$.comparisons') from route_changes order by id desc limit 1")" 5 "evidence recorded"

# The canary stage must prove itself: its evidence starts empty.
CUTOVER_NOW=2026-01-19T11:00:00Z co promote tally
assert_eq "$RC" 1 "canary needs its own evidence"
assert_contains "$OUT" "0 of 4 comparisons (need 4 more), 0 of 4 samples (need 4 more)" "stage evidence reset"
CUTOVER_NOW=2026-01-20T09:00:00Z co run --force
assert_eq "$RC" 0 "canary run: $OUT"
CUTOVER_NOW=2026-01-20T10:00:00Z co promote tally
assert_eq "$RC" 1 "the new s3 mismatch blocks"
assert_contains "$OUT" "unexplained mismatch in the last 3" "clean tail"

co promote tally --force
assert_eq "$RC" 2 "--force needs a reason"
CUTOVER_NOW=2026-01-20T11:00:00Z co promote tally --force --reason "known s3 ordering quirk"
assert_eq "$RC" 0 "forced: $OUT"
assert_contains "$OUT" "tally: canary 50% -> new (FORCED)" "forced promotion"
assert_eq "$(sql "select forced from route_changes order by id desc limit 1")" 1 "recorded as forced"
co history tally
assert_contains "$OUT" "(forced): forced past the gate" "history shows it"
assert_contains "$OUT" "known s3 ordering quirk" "with the reason"
co promote tally
assert_eq "$RC" 1 "nothing after new"
assert_contains "$OUT" "already on new" "says so"
pass "gates, promote, mismatches, diff, accept"
