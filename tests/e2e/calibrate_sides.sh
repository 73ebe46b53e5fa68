#!/usr/bin/env bash
# Calibration as a user meets it when the legacy side is being rewritten: the legacy notebook
# stamps its own name, a run id and a second-resolution `generated_at`; the rewrite stamps its
# own name. Calibration must space its runs so the seconds differ, fit the rule it infers to
# the new side's line, say what still differs between the sides (a real data change, never made
# a rule), name the line holding today's date that equal runs cannot show to vary, and
# `--apply` must write the proposal shown without running anything again.
. "$(dirname "$0")/lib.sh"
mkdir -p in legacy new
printf 'reads 100\ngc 41\n' > in/s1.txt
cat > legacy/normalize.sh <<'S'
#!/bin/sh
echo run >> "$(dirname "$0")/../legacy-runs"
echo "# normalize.ipynb run $(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
echo "generated_at $(date +%s)"
echo "day $(date -u +%Y-%m-%d)"
cat "$1"
S
cat > new/normalize.sh <<'S'
#!/bin/sh
echo "# normalize.py run $(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
echo "generated_at $(date +%s)"
echo "day $(date -u +%Y-%m-%d)"
sed 's/gc 41/gc 42/' "$1"
S
chmod +x legacy/normalize.sh new/normalize.sh
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  normalize:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      table: "out/{sample}.txt"
    legacy:
      shell: "{root}/legacy/normalize.sh {input.text} > {output.table}"
    new:
      shell: "{root}/new/normalize.sh {input.text} > {output.table}"
Y
co calibrate normalize
assert_eq "$RC" 0 "calibrate: $OUT"
assert_eq "$(wc -l < legacy-runs)" 2 "two legacy runs"
assert_contains "$OUT" "2 legacy runs" "header: $OUT"
assert_contains "$OUT" "and 1 new run" "the new side ran once"
# Runs a second apart: the second-resolution stamp differs and is a rule, not "deterministic".
assert_contains "$OUT" "lines starting 'generated_at '" "seconds seen to vary"
assert_not_contains "$OUT" "deterministic: every run identical" "not called deterministic"
# The rule anchored on legacy's name is widened to the rewrite's line.
assert_contains "$OUT" "lines starting '# normalize.ipynb run ' widened to '^# \\S+ run ' to cover" "widened"
# What still differs between the sides is said, with the line, and is no rule.
assert_contains "$OUT" "legacy and new under these rules: still differ" "sides differ"
assert_contains "$OUT" "legacy 'gc 41' | new 'gc 42'" "the data line named"
assert_contains "$OUT" "line 3 holds today's date ($(date -u +%Y-%m-%d))" "stable date named"
assert_contains "$OUT" "calibration cannot see:" "limits"
assert_contains "$OUT" "other input: it ran on sample s1 only" "one sample"
proposal=$(sql "select proposal from calibrations order by id desc limit 1")
assert_contains "$proposal" '^# \\S+ run ' "widened rule proposed"
assert_not_contains "$proposal" "gc" "no rule for the data difference"
assert_eq "$(sql "select json_extract(details, '\$[1].runs[1]') from calibrations")" new "sides recorded"
assert_eq "$(sql "select json_extract(details, '\$[1].proposed.outcome') from calibrations")" mismatch "sides outcome recorded"

# --apply writes what was shown, without running anything.
co calibrate normalize --apply
assert_eq "$RC" 0 "apply: $OUT"
assert_contains "$OUT" "calibration 1 of normalize (sample s1) applied to" "applied: $OUT"
assert_eq "$(wc -l < legacy-runs)" 2 "--apply ran nothing"
assert_contains "$(cat cutover.yaml)" "'^# \\S+ run '" "rule written"
co calibrate normalize --apply --runs 3
assert_eq "$RC" 2 "--apply with --runs is a usage error: $OUT"
# Applied again: the compare: it was made for has changed, so it is refused.
co calibrate normalize --apply
assert_eq "$RC" 1 "stale proposal: $OUT"
assert_contains "$OUT" "the compare: of output table changed since calibration 1" "says why"

# In shadow, the stamps are noise and the data change is the one mismatch left.
co route normalize shadow --reason "try"
co run
assert_eq "$RC" 0 "run: $OUT"
assert_eq "$(status_field normalize '.comparisons.mismatch')" 1 "the data change is caught"
co diff "$(sql "select 'c' || id from comparisons order by id desc limit 1")"
assert_contains "$OUT" "gc 42" "and it is the data line: $OUT"
assert_not_contains "$OUT" "normalize.py" "not the stamp line"
pass "calibrate_sides"
