#!/usr/bin/env bash
# examples/ngs-align/demo.sh end to end, on smaller simulated data: bwa mem on legacy, minimap2
# -ax sr on shadow, the `bam` comparator's thresholds met on every sample, canary, cut over,
# the caller on legacy throughout, and the report written with the concordance metrics stored.
. "$(dirname "$0")/lib.sh"
example=$(cd "$(dirname "$0")/../../examples/ngs-align" && pwd)
PAIRS=5000 CUTOVER="$CUTOVER" sh "$example/demo.sh" "$WORK/demo" > demo.log 2>&1 ||
  fail "demo failed: $(tail -20 demo.log)"
cd demo
assert_contains "$(cat ../demo.log)" "align: shadow -> canary 50%" "promoted to canary"
assert_contains "$(cat ../demo.log)" "align: canary 50% -> new" "cut over"
assert_eq "$(status_field align '.route.mode')" new "align on new"
assert_eq "$(status_field call '.route.mode')" legacy "the caller stays on legacy"
assert_eq "$(status_field align '.comparisons.mismatch')" 0 "no mismatch"
assert_eq "$(status_field align '.comparisons.error')" 0 "no error"
noise=$(status_field align '.comparisons.noise')
assert_eq "$(( noise >= 8 ))" 1 "comparisons within thresholds: $noise"
# Every comparison's metrics are in the ledger, within the thresholds of cutover.yaml.
low=$(sql "select count(*) from comparisons where step = 'align' and
             json_extract(summary, '$.metrics.same_placement') < 0.98")
assert_eq "$low" 0 "same_placement >= 0.98 everywhere"
assert_eq "$(sql "select count(*) from comparisons where step = 'align' and
                    json_extract(summary, '$.metrics.reads_compared') = 10000")" \
  "$(sql "select count(*) from comparisons where step = 'align'")" "10000 reads compared each time"
# The served alignments are minimap2's in the last week, and the calls come from them.
assert_contains "$(samtools view -H results/bam/s1.bam)" "PN:minimap2" "minimap2 serves"
assert_file results/vcf/s1.vcf.gz "calls"
assert_file report.html "the report"
assert_contains "$(cat sprint-summary.md)" "align" "the sprint summary names the step"
pass "the aligner swap: bwa -> minimap2 through shadow, canary and cut over"
