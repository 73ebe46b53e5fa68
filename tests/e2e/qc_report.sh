#!/usr/bin/env bash
# cutover qc's reports as their readers see them: MultiQC 1.14 parses ours exactly as it parses
# FastQC's on the same reads, for FastQC 0.11.9 and 0.12.1; the HTML report loads in headless Chromium without console errors,
# with every chart drawn (the screenshot is kept: build/screenshots/qc_report.png under ctest);
# input names are escaped, never run.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
EXAMPLES=/usr/share/doc/trim-galore/examples
files=("$EXAMPLES/illumina_10K.fastq.gz" "$EXAMPLES/smallRNA_100K.fastq.gz" "$EXAMPLES/clock_10K_R1.fastq.gz")
FASTQC_0121=${FASTQC_0121:?run through ctest: its fixture builds FastQC 0.12.1}
for version in 0.11.9 0.12.1; do
  rm -rf fq co mq_fastqc mq_ours && mkdir fq co mq_fastqc mq_ours
  if [ "$version" = 0.11.9 ]; then
    oracle_run fq -- fastqc -q -t 2 -o fq "${files[@]}"
  else
    oracle_run fq -- "$FASTQC_0121" -q -t 2 -o fq "${files[@]}"
  fi
  "$CUTOVER" qc --fastqc-version "$version" -q -t 2 -o co "${files[@]}"

  # MultiQC: the same table of values per sample.
  oracle_run mq_fastqc -- multiqc -q -f -o mq_fastqc fq || fail "multiqc on FastQC $version's reports"
  oracle_run mq_ours -- multiqc -q -f -o mq_ours co || fail "multiqc on ours ($version)"
  for t in multiqc_fastqc.txt multiqc_general_stats.txt; do
    assert_file "mq_ours/multiqc_data/$t" "MultiQC found our reports ($version)"
    if ! cmp -s "mq_fastqc/multiqc_data/$t" "mq_ours/multiqc_data/$t"; then
      diff "mq_fastqc/multiqc_data/$t" "mq_ours/multiqc_data/$t" | head >&2
      fail "MultiQC's $t differs between FastQC $version's reports and ours"
    fi
  done
  samples=$(tail -n +2 mq_ours/multiqc_data/multiqc_fastqc.txt | wc -l)
  assert_eq "$samples" 3 "MultiQC samples ($version)"
  pass "MultiQC 1.14 reads the same values from our reports as from FastQC $version's ($samples samples)"
done

# Chromium: no console errors, every chart present, a screenshot.
SCREENSHOTS=${CUTOVER_SCREENSHOT_DIR:-${TMPDIR:-/tmp}/cutover-screenshots}
mkdir -p "$SCREENSHOTS"
html=co/illumina_10K_fastqc.html
charts=$(grep -o '<svg class="chart"' "$html" | wc -l)
[ "$charts" -ge 9 ] || fail "expected 9 charts in $html, found $charts"
chrome() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$WORK/chrome-profile" --enable-logging=stderr --v=0 "$@"
}
chrome --window-size=1280,6000 --screenshot="$SCREENSHOTS/qc_report.png" "file://$WORK/$html" \
  > chrome.out 2> chrome.err || fail "chromium failed: $(tail -5 chrome.err)"
if grep -E 'CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|Failed to load' chrome.err; then
  fail "console errors loading the report"
fi
[ "$(head -c 8 "$SCREENSHOTS/qc_report.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
  || fail "no PNG screenshot"
size=$(stat -c %s "$SCREENSHOTS/qc_report.png")
[ "$size" -gt 50000 ] || fail "screenshot suspiciously small ($size bytes): nothing drawn?"
chrome --dump-dom "file://$WORK/$html" > dom.html 2>/dev/null || fail "chromium --dump-dom"
rendered=$(grep -o '<svg class="chart"' dom.html | wc -l)
assert_eq "$rendered" "$charts" "charts in the rendered page"
drawn=$(grep -c '<polyline class="series"\|class="box"' dom.html || true)
[ "$drawn" -ge 8 ] || fail "charts without data lines ($drawn)"
pass "the HTML report renders in Chromium: $charts charts, no console errors, screenshot $size bytes"

# Names from the input are escaped: a file called <img src=x onerror=alert(1)>.fq.
evil='<img src=x onerror=alert(1)>.fq'
printf '@r1\nACGTACGTACGT\n+\nIIIIIIIIIIII\n@r2\nACGTACGTACGA\n+\nIIIIIIIIIIII\n' > "$evil"
"$CUTOVER" qc -q -o co "$evil"
page="co/<img src=x onerror=alert(1)>_fastqc.html"
assert_file "$page" "report for the oddly named file"
assert_not_contains "$(cat "$page")" "<img src=x" "raw markup from the file name"
assert_contains "$(cat "$page")" "&lt;img src=x onerror=alert(1)&gt;.fq" "escaped file name"
pass "input names are escaped in the HTML report"
oracle_cache_summary
