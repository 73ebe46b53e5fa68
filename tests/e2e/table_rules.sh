#!/usr/bin/env bash
# Table comparisons as a user configures them in cutover.yaml: comment lines and a title block
# are skipped, `tolerance: {relative: X}` applies to every numeric column (it used to be read as
# a column named "relative" and make every comparison an error), a real change is still a
# mismatch; `validate` names the file, line and column of a bad tolerance and a bad policy; a
# `command` comparator wrapping `cutover compare --as table` says what differs in `mismatches`.
. "$(dirname "$0")/lib.sh"
mkdir -p in bin
printf 'reads 100\n' > in/s1.txt
printf 'reads 7\n' > in/s2.txt
# Legacy: a title line, a stamp comment, then the table. The rewrite: no title line, another
# stamp, the same numbers printed with more digits; for s2 its gc really differs.
cat > bin/legacy.sh <<'S'
#!/bin/sh
echo "QC summary v1"
echo "# made by legacy at $(date +%s%N)"
printf 'sample,gc,reads\n%s,0.41,100\n' "$2"
S
cat > bin/new.sh <<'S'
#!/bin/sh
echo "QC summary v2"
echo "# made by new at $(date +%s%N)"
gc=0.4100000001; [ "$2" = s2 ] && gc=0.43
printf 'sample,reads,gc\n%s,100.0,%s\n' "$2" "$gc"
S
chmod +x bin/*.sh
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  stats:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      table:
        path: "out/{sample}.csv"
        compare: {kind: table, key: sample, comment: "#", skip_lines: 1, tolerance: {relative: 1e-6}}
    legacy: {shell: "{root}/bin/legacy.sh {input.text} {sample} > {output.table}"}
    new: {shell: "{root}/bin/new.sh {input.text} {sample} > {output.table}"}
Y
co validate
assert_eq "$RC" 0 "valid: $OUT"
co route stats shadow --reason "try"
co run
assert_eq "$RC" 0 "run: $OUT"
assert_eq "$(sql "select outcome from comparisons where sample='s1'")" noise "s1: equal within 1e-6, stamps skipped"
assert_eq "$(sql "select outcome from comparisons where sample='s2'")" mismatch "s2: gc really differs"
assert_eq "$(sql "select count(*) from comparisons where outcome='error'")" 0 "no error"
co diff "c$(sql "select id from comparisons where sample='s2'")"
assert_contains "$OUT" "gc" "the column that differs: $OUT"

# validate: a bad tolerance and a bad policy, each with file:line:column.
cp cutover.yaml good.yaml
sed -i 's/tolerance: {relative: 1e-6}/tolerance: {relative: tiny}/' cutover.yaml
co validate
assert_eq "$RC" 2 "bad tolerance: $OUT"
assert_contains "$OUT" "cutover.yaml:9:" "names the line of the compare: $OUT"
assert_contains "$OUT" "tolerance" "names the option"
cp good.yaml cutover.yaml
printf '    policy: {min_comparisons: many}\n' >> cutover.yaml
co validate
assert_eq "$RC" 2 "bad policy: $OUT"
assert_contains "$OUT" "cutover.yaml:12:" "names the line of the policy: $OUT"
assert_contains "$OUT" "min_comparisons" "names the key"

# A command comparator wrapping `cutover compare --as table`: its first line is the message.
cp good.yaml cutover.yaml
python3 - "$CUTOVER" <<'P'
import sys
s = open('cutover.yaml').read()
old = 'compare: {kind: table, key: sample, comment: "#", skip_lines: 1, tolerance: {relative: 1e-6}}'
new = ("compare: {kind: command, run: ['%s', compare, --as, table, -O, key=sample, "
       """-O, 'comment="#"', -O, skip_lines=1, '{legacy}', '{new}']}""" % sys.argv[1])
s = s.replace(old, new)
open('cutover.yaml', 'w').write(s)
P
co validate
assert_eq "$RC" 0 "command comparator valid: $OUT"
co run --force
co mismatches stats
assert_contains "$OUT" "differ according to cutover (exit 1): " "the command's verdict: $OUT"
assert_contains "$OUT" "changed row" "with what differs, not only the exit status: $OUT"
pass "table_rules"
