#!/usr/bin/env bash
# cutover inside an existing engine: a real Snakemake workflow whose rules call `cutover step`.
# The workflow file never changes; the step's route does (legacy -> shadow -> new) between
# runs, and the outputs and the ledger show what ran where.
. "$(dirname "$0")/lib.sh"
command -v snakemake >/dev/null || fail "snakemake is not installed (scripts/install-deps.sh)"
export CUTOVER  # the rules call "$CUTOVER"
mkdir -p in
printf 'hello\n' > in/a.txt
printf 'world wide\n' > in/b.txt
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  upper:
    inputs: {text: "in/{sample}.txt"}
    outputs: {up: "out/{sample}.upper"}
    legacy: {shell: "tr a-z A-Z < {input.text} > {output.up}"}
    new: {command: [python3, -c, "import sys; open(sys.argv[2], 'w').write(open(sys.argv[1]).read().upper())", "{input.text}", "{output.up}"]}
  count:
    inputs: {up: "out/{sample}.upper"}
    outputs: {n: "out/{sample}.count"}
    legacy: {shell: "wc -c < {input.up} > {output.n}"}
Y
cat > Snakefile <<'S'
SAMPLES = ["a", "b"]

rule all:
    input: expand("out/{sample}.count", sample=SAMPLES)

# Each rule hands its step to cutover, which picks the implementation from the step's route,
# runs it, and publishes the output at the path Snakemake expects.
rule upper:
    input: "in/{sample}.txt"
    output: "out/{sample}.upper"
    shell: '"$CUTOVER" step upper --sample {wildcards.sample}'

rule count:
    input: "out/{sample}.upper"
    output: "out/{sample}.count"
    shell: '"$CUTOVER" step count --sample {wildcards.sample}'
S
smk() { set +e; OUT=$(snakemake --cores 2 --quiet "$@" 2>&1); RC=$?; set -e; }

# Run 1: every step on legacy.
smk
assert_eq "$RC" 0 "first snakemake run: $OUT"
assert_eq "$(cat out/a.upper)" HELLO "upper a"
assert_eq "$(cat out/b.count)" 11 "count b"
assert_eq "$(sql "select count(*) from executions where step='upper' and side='legacy' and status='succeeded'")" 2 "legacy ran for both samples"
assert_eq "$(sql "select count(*) from executions where side='new'")" 0 "no new side yet"
assert_eq "$(sql "select count(*) from runs where command like 'cutover step %' and status='succeeded'")" 4 "one cutover run per rule execution"

# Between runs: the step goes to shadow. Snakemake re-runs the rule (its output is forced);
# cutover runs both sides, publishes legacy's, records the comparison.
co route upper shadow --reason "python rewrite ready"
assert_eq "$RC" 0 "route: $OUT"
smk --forcerun upper
assert_eq "$RC" 0 "second snakemake run: $OUT"
assert_eq "$(cat out/b.upper)" "WORLD WIDE" "still the right output"
assert_eq "$(sql "select count(*) from executions where step='upper' and side='new' and role='shadow' and status='succeeded'")" 2 "new side ran in shadow for both"
assert_eq "$(sql "select group_concat(outcome) from (select outcome from comparisons where step='upper' order by sample)")" "match,match" "both compared, both match"
assert_eq "$(sql "select count(*) from tasks where step='upper' and served_by='legacy'")" 4 "legacy served every time so far"

# Cut over: the same workflow now gets the new implementation's output.
co route upper new --force --reason "matches on every sample"
smk --forcerun upper
assert_eq "$RC" 0 "third snakemake run: $OUT"
assert_eq "$(cat out/a.upper)" HELLO "new side's output published"
assert_eq "$(sql "select served_by from tasks where step='upper' order by id desc limit 1")" new "served by new"
assert_eq "$(sql "select count(*) from executions where step='upper' and side='new' and role='serving'")" 2 "new served both samples"
assert_eq "$(sql "select count(*) from executions where step='count'")" 6 "downstream re-ran each time"
co history upper
assert_contains "$OUT" "shadow -> new" "route history"

# Nothing to do when nothing changed: Snakemake does not even call cutover.
smk
assert_eq "$RC" 0 "fourth run"
assert_eq "$(sql "select count(*) from runs")" 12 "no new cutover runs"
pass "Snakemake rules calling cutover step: legacy, shadow, new between runs"
