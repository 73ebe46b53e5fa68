#!/usr/bin/env bash
# Shadow: the new side runs beside legacy in its own scratch folder, is compared, and never
# touches the published output. A matching and a mismatching new side.
. "$(dirname "$0")/lib.sh"
mkdir -p in
for s in s1 s2 s3; do printf 'line one %s\nline two\n' "$s" > in/$s.txt; done
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  same:
    inputs: {text: "in/{sample}.txt"}
    outputs: {out: "out/{sample}.same"}
    legacy:
      shell: "sed 's/one/ONE/' {input.text} > {output.out}"
    new:
      command: [sh, -c, "sed 's/one/ONE/' \"$0\" > \"$1\"", "{input.text}", "{output.out}"]
  differ:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      out:
        path: "out/{sample}.differ"
        compare: {kind: text}
    legacy:
      shell: "cat {input.text} > {output.out}"
    new:
      shell: "sed 's/two/TWO/' {input.text} > {output.out}"
Y
co route same shadow --reason "new sed is ready"
assert_eq "$RC" 0 "route same: $OUT"
assert_contains "$OUT" "same: legacy -> shadow" "route message"
co route differ shadow --reason "try it"
co run -j 2
assert_eq "$RC" 0 "run: $OUT"
# Published outputs are legacy's.
assert_eq "$(cat out/s1.differ)" "$(cat in/s1.txt)" "legacy output published, not new"
assert_eq "$(status_field same '.comparisons.match')" 3 "matching new side"
assert_eq "$(status_field same '.comparisons.mismatch')" 0 "no mismatch on same"
assert_eq "$(status_field differ '.comparisons.mismatch')" 3 "mismatching new side"
assert_eq "$(status_field differ '.executions.new')" 3 "new ran for every sample"
assert_contains "$OUT" "mismatch" "mismatch reported during the run"
# The comparison's summary names the line that differs.
summary=$(sql "select summary from comparisons where step='differ' and sample='s2'")
assert_contains "$summary" "line 2" "diff location"
assert_contains "$summary" "TWO" "diff content"
# Each side ran in its own scratch folder, and the shadow output is retained there.
shadow_file=$(find .cutover/scratch/differ -path '*/new/out/s2.differ' | head -1)
assert_file "$shadow_file" "retained shadow output"
assert_contains "$(cat "$shadow_file")" "TWO" "shadow output kept for comparison"

# Status shows it in the terminal too.
co status
assert_contains "$OUT" "differ" "status lists step"
assert_contains "$OUT" "shadow" "status shows route"

# History records who, when, from, to and why; rollback is one command.
co rollback differ --reason "mismatches on every sample"
assert_contains "$OUT" "differ: shadow -> legacy" "rollback"
co history differ
assert_contains "$OUT" "legacy -> shadow" "history first change"
assert_contains "$OUT" "mismatches on every sample" "history reason"
assert_contains "$OUT" "by $(id -un)" "history user"
co routes
assert_contains "$OUT" "differ" "routes"
co run --force
assert_eq "$(status_field differ '.executions.new')" 3 "after rollback the new side no longer runs"

# A route to a step without a new side is refused.
cat >> cutover.yaml <<'Y'
  only_legacy:
    inputs: {text: "in/{sample}.txt"}
    outputs: {out: "out/{sample}.ol"}
    legacy: {shell: "cp {input.text} {output.out}"}
Y
co route only_legacy shadow --reason x
assert_eq "$RC" 2 "route without new side"
assert_contains "$OUT" "has no \`new:\` implementation" "message"
co route same canary 150 --reason x
assert_eq "$RC" 2 "canary > 100"
co route same bogus --reason x
assert_contains "$OUT" "unknown route 'bogus'" "bad mode"
pass "shadow compare, isolation, history, rollback"
