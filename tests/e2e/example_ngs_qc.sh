#!/usr/bin/env bash
# The example legacy NGS QC pipeline (real FastQC and Trim Galore on the real reads Debian ships)
# run through cutover on all-legacy routes produces what the legacy pipeline produces by itself.
. "$(dirname "$0")/lib.sh"
example=$(cd "$(dirname "$0")/../../examples/ngs-qc" && pwd)
cp -r "$example" through-cutover
cp -r "$example" legacy-alone
rm -rf through-cutover/{reads,results,.cutover} legacy-alone/{reads,results,.cutover}
./through-cutover/setup-reads.sh
./legacy-alone/setup-reads.sh

legacy-alone/legacy/pipeline.sh > legacy.log 2>&1 || fail "legacy pipeline failed: $(tail legacy.log)"

cd through-cutover
co validate
assert_eq "$RC" 0 "validate: $OUT"
co run -j 2
assert_eq "$RC" 0 "cutover run: $OUT"
assert_contains "$OUT" "9 tasks: 9 published" "4 fastqc + 4 trim + 1 summary"
for s in illumina_10K nextera_100K smallRNA_100K clock_10K; do
  assert_file "results/qc/${s}_fastqc.html" "FastQC report of $s"
  assert_file "results/qc/${s}_fastqc.zip" "FastQC zip of $s"
  assert_file "results/trimmed/${s}_trimmed.fq.gz" "trimmed reads of $s"
  # Trimmed reads are identical to the legacy pipeline's own run.
  assert_eq "$(zcat "results/trimmed/${s}_trimmed.fq.gz" | md5sum)" \
            "$(zcat "../legacy-alone/results/trimmed/${s}_trimmed.fq.gz" | md5sum)" "trimmed reads of $s"
done
assert_eq "$(cat results/weekly_summary.tsv)" "$(cat ../legacy-alone/results/weekly_summary.tsv)" \
  "weekly summary identical to the legacy pipeline's"
assert_eq "$(wc -l < results/weekly_summary.tsv)" 5 "header + 4 samples"
assert_eq "$(status_field fastqc '.executions.legacy')" 4 "fastqc executions"
assert_eq "$(status_field weekly_summary '.tasks')" 1 "one aggregate task"
co run
assert_contains "$OUT" "9 up to date" "nothing to redo"
pass "example pipeline through cutover == legacy pipeline alone"

# The FastQC step in shadow: FastQC serves, cutover qc runs beside it, the zips are compared
# module by module with the fastqc comparator; the HTML (dated) is not compared.
co route fastqc shadow --reason "cutover qc beside FastQC"
assert_eq "$RC" 0 "route: $OUT"
co run --steps fastqc --force
assert_eq "$RC" 0 "shadow run: $OUT"
assert_eq "$(status_field fastqc '.comparisons.match')" 4 "cutover qc matches FastQC on every sample"
assert_eq "$(status_field fastqc '.comparisons.mismatch')" 0 "no mismatch"
assert_eq "$(sql "select count(*) from comparisons where step='fastqc' and output='html'")" 0 \
  "the HTML is not compared"
assert_eq "$(sql "select count(distinct comparator) from comparisons where step='fastqc'")" 1 \
  "one comparator"
pass "cutover qc in shadow beside FastQC: 4 of 4 reports agree"
