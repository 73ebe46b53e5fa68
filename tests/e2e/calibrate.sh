#!/usr/bin/env bash
# Calibration: a legacy step whose output embeds the current time and a temporary path is run
# twice; cutover proposes rules, --apply writes them into cutover.yaml (comments kept), and the
# differences are then noise, not mismatches.
. "$(dirname "$0")/lib.sh"
mkdir -p in legacy
printf 'reads 100\ngc 41\n' > in/s1.txt
printf 'reads 7\ngc 50\n' > in/s2.txt
cat > legacy/report.sh <<'S'
#!/bin/sh
# A typical legacy report: a generation time, the tool's temp folder, a runtime, then data.
t=$(mktemp -d)
echo "# generated $(date -u +%Y-%m-%dT%H:%M:%S.%NZ) in $t"
echo "Elapsed: $(date +%N) ns"
cat "$1"
rmdir "$t"
S
chmod +x legacy/report.sh
cat > cutover.yaml <<'Y'
# The team's pipeline (this comment must survive --apply).
samples:
  glob: "in/{sample}.txt"
steps:
  report:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      summary: "out/{sample}.summary.txt"   # read by the weekly email
    legacy:
      shell: "{root}/legacy/report.sh {input.text} > {output.summary}"
    new:
      # The rewrite prints the same data with its own time and temp folder.
      shell: "{root}/legacy/report.sh {input.text} > {output.summary}"
Y
co calibrate report --runs 3
assert_eq "$RC" 0 "calibrate: $OUT"
assert_contains "$OUT" "calibrated report on sample s1: 3 legacy runs" "header"
assert_contains "$OUT" "summary          differs between legacy runs" "found the noise"
assert_contains "$OUT" "ISO timestamps (line 1)" "timestamp rule"
assert_contains "$OUT" "temporary paths" "temp path rule"
assert_contains "$OUT" "lines starting 'Elapsed: '" "runtime line rule"
assert_contains "$OUT" "with the proposed rules: differ only in" "explained"
assert_contains "$OUT" "--apply" "how to apply"
assert_eq "$(sql "select runs || ' ' || deterministic from calibrations")" "3 0" "recorded"
assert_eq "$(sql "select json_extract(proposal, '$.summary.kind') from calibrations")" text "proposal recorded"
assert_not_contains "$(cat cutover.yaml)" "compare:" "not applied without --apply"

# Without rules, shadow runs of an identical rewrite mismatch on every sample.
co route report shadow --reason "try"
co run
assert_eq "$(status_field report '.comparisons.mismatch')" 2 "bytes differ by time and path"

co calibrate report --apply
assert_eq "$RC" 0 "apply: $OUT"
assert_contains "$OUT" "applied to" "applied"
assert_contains "$(cat cutover.yaml)" "# The team's pipeline (this comment must survive --apply)." "comments kept"
assert_contains "$(cat cutover.yaml)" "# read by the weekly email" "inline comment kept"
assert_contains "$(cat cutover.yaml)" "compare: {kind: 'text'" "rule written"
co validate
assert_eq "$RC" 0 "still valid: $OUT"

# Afterwards the same differences are noise, and a real change is still a mismatch.
co run --force
assert_eq "$RC" 0 "run: $OUT"
assert_eq "$(status_field report '.comparisons.noise')" 2 "now noise"
printf '#!/bin/sh\n%s/legacy/report.sh "$1" | sed "s/gc 41/gc 42/"\n' "$WORK" > new.sh
chmod +x new.sh
sed -i "s|      shell: \"{root}/legacy/report.sh {input.text} > {output.summary}\"\$|&|" cutover.yaml
python3 - <<'P'
import re
s = open('cutover.yaml').read()
i = s.index('    new:')
s = s[:i] + s[i:].replace('{root}/legacy/report.sh {input.text}', '{root}/new.sh {input.text}', 1)
open('cutover.yaml', 'w').write(s)
P
co run --force
assert_eq "$(status_field report '.comparisons.mismatch')" 3 "a changed number is still caught"
pass "calibrate"
