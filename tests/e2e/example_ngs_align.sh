#!/usr/bin/env bash
# examples/ngs-align/demo.sh end to end, on smaller simulated data: bwa mem on legacy, minimap2
# -ax sr on shadow, the `bam` comparator's thresholds met on every sample, canary, cut over,
# the caller on legacy throughout; the concordance metrics of every comparison in the ledger,
# printed by `cutover diff`, the latest in `cutover status --json`, drawn per step over time
# with their thresholds in the report, which renders in headless Chromium.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
example=$(cd "$here/../../examples/ngs-align" && pwd)
SCREENSHOTS=${CUTOVER_SCREENSHOT_DIR:-$WORK}
mkdir -p "$SCREENSHOTS"
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

# The evidence by numbers: the ledger's metrics column, diff, status --json, the report.
assert_eq "$(sql "select count(*) from comparisons where step = 'align' and metrics is null")" 0 \
  "every comparison of the aligners has its metrics"
assert_eq "$(sql "select count(*) from comparisons where step = 'align' and
                    json_extract(metrics, '$.same_placement') =
                    json_extract(summary, '$.metrics.same_placement')")" \
  "$(sql "select count(*) from comparisons where step = 'align'")" "the column holds the summary's figures"
latest=$(sql "select max(id) from comparisons where step = 'align'")
latest_placement=$(sql "select json_extract(metrics, '$.same_placement') from comparisons where id = $latest")
assert_eq "$(status_field align '.metrics[0].comparison')" "$latest" "status --json: the latest comparison"
assert_eq "$(status_field align '.metrics[0].output')" bam "status --json: its output"
assert_eq "$(status_field align '.metrics[0].metrics.same_placement')" "$latest_placement" \
  "status --json: its same_placement"
assert_eq "$(status_field call '.metrics | length')" 0 "the caller has no figures (never compared)"
co status
assert_contains "$OUT" "latest concordance figures" "status prints the figures"
co diff "$latest"
assert_contains "$OUT" "metrics: differing" "diff prints the metrics"
assert_contains "$OUT" "same_placement $(printf '%.4f' "$latest_placement")" "diff's same_placement"
assert_contains "$(cat ../demo.log)" "metrics: " "the demo's diff shows them"
html=$(cat report.html)
assert_contains "$html" "<h3>Concordance</h3>" "the report's concordance section"
assert_contains "$html" "align · bam: concordance per comparison (bam)" "every metric over time"
assert_contains "$html" "align · bam: same_placement (threshold ≥ 0.98)" "same_placement with its band"
assert_contains "$html" "<td>same_placement</td><td>≥ 0.98</td><td>compare: min_same_placement, gate: min_metric</td>" \
  "the threshold's sources"
assert_contains "$(cat sprint-summary.md)" '`same_placement` ≥ 0.98 held on all' "the summary says it held"
python3 "$here/browser_check.py" report.html "$SCREENSHOTS/ngs_align_report.png" > browser.json \
  || fail "browser check: $(cat browser.json)"
# Timeline, served, the align step's 4 charts and 5 concordance charts (every metric; only_legacy,
# only_new, mapped_only_legacy, same_placement), the caller's 4.
assert_eq "$(jq -r .charts browser.json)" 15 "charts drawn"
pass "the metrics in the ledger, diff, status and the report (Chromium: $(cat browser.json))"
