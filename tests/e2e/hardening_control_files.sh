#!/usr/bin/env bash
# Sample names and output templates can never make a run write over the project's control
# files (the pipeline file, the ledger and the rest of the state folder, the sample sheet) or a
# sample's raw input: the paths are checked when they are resolved, and the message names the
# sample and the template.
. "$(dirname "$0")/lib.sh"
mkdir reads
echo raw-a > reads/a.fq
step() {
  cat <<Y
steps:
  copy:
    inputs: {reads: "reads/x.fq"}
    outputs: {out: "$1"}
    legacy: {shell: "echo overwritten > {output.out}"}
Y
}
echo raw-x > reads/x.fq

# A sample named after the pipeline file, the ledger, the sheet.
for bad in ../cutover.yaml ../.cutover/ledger.db; do
  { echo "samples: {list: ['$bad']}"; step 'out/{sample}'; } > cutover.yaml
  cp cutover.yaml expected.yaml
  co run
  [ "$RC" -ne 0 ] || fail "sample '$bad' should be refused: $OUT"
  assert_contains "$OUT" "sample '$bad'" "names the sample"
  assert_contains "$OUT" "out/{sample}" "names the template"
  cmp -s cutover.yaml expected.yaml || fail "the pipeline file was changed by sample '$bad'"
done
[ -s .cutover/ledger.db ] || [ ! -e .cutover/ledger.db ] || fail "the ledger was destroyed"

printf 'sample\nok\n../samples.tsv\n' > samples.tsv
{ echo "samples: {sheet: samples.tsv}"; step 'out/{sample}'; } > cutover.yaml
co validate
[ "$RC" -ne 0 ] || fail "a sample named after the sheet should be refused: $OUT"
assert_contains "$OUT" "sample '../samples.tsv'" "names the sample"
{ echo "samples: {sheet: samples.tsv}"; step '{sample}'; } > cutover.yaml
printf 'sample\nok\nsamples.tsv\n' > samples.tsv
co validate
[ "$RC" -ne 0 ] || fail "an output on the sample sheet should be refused: $OUT"
assert_contains "$OUT" "the sample sheet" "says what it would overwrite"
assert_eq "$(tail -1 samples.tsv)" samples.tsv "sheet intact"

# An output template inside the state folder, and a pipeline-file template.
{ echo "samples: {list: [a]}"; step '.cutover/{sample}.txt'; } > cutover.yaml
co validate
[ "$RC" -ne 0 ] || fail "an output inside the state folder should be refused: $OUT"
assert_contains "$OUT" "inside the state folder" "says why"
{ echo "samples: {list: [cutover]}"; step '{sample}.yaml'; } > cutover.yaml
co validate
[ "$RC" -ne 0 ] || fail "an output on the pipeline file should be refused: $OUT"
assert_contains "$OUT" "the pipeline file" "says why"

# One sample's output on another sample's raw input.
mkdir -p reads/reads && echo raw > reads/reads/a.fq
cat > cutover.yaml <<'Y'
samples: {list: [a, reads/a]}
steps:
  trim:
    inputs: {reads: "reads/{sample}.fq"}
    outputs: {out: "{sample}.fq"}
    legacy: {shell: "echo trimmed > {output.out}"}
Y
co run
[ "$RC" -ne 0 ] || fail "an output over another sample's raw reads should be refused: $OUT"
assert_contains "$OUT" "would be overwritten by output out of step trim for sample 'reads/a'" "names both"
assert_eq "$(cat reads/a.fq)" raw-a "raw reads intact"

# Step names that are path components.
cat > cutover.yaml <<'Y'
samples: {list: [a]}
steps:
  "..":
    outputs: {out: "out/{sample}"}
    legacy: {shell: "true"}
Y
co validate
[ "$RC" -ne 0 ] || fail "a step named '..' should be refused: $OUT"
assert_contains "$OUT" "cannot name a step" "says why"
assert_contains "$OUT" "cutover.yaml:3" "with its line"
pass "sample names and templates cannot land on control files or raw inputs"
