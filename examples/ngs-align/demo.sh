#!/bin/sh
# The aligner swap, end to end, played in a few minutes on simulated reads (simulate.py):
#   week 1   the routing layer over the legacy pipeline (bwa mem | samtools sort, then
#            bcftools mpileup | call), every step on legacy;
#   week 2   the alignment step on shadow with minimap2 -ax sr: both aligners run on every
#            sample, bwa's alignments still serve, the `bam` comparator measures concordance;
#   week 3   the evidence accumulates (same placement >= 98 %, no read lost);
#   week 4   the gate holds: promoted to canary (half of the samples aligned by minimap2);
#   week 5   cut over: minimap2 serves every sample, bwa only as a fallback;
#   week 6   the report: the routes over time, agreement, speed old vs new.
# The variant caller stays on legacy throughout, and calls from whichever alignment serves.
#
# Time is played with CUTOVER_NOW (docs/evidence.md: an explicit clock override for demos and
# tests, never set in production), as in examples/ngs-qc/demo.sh.
#
# usage: demo.sh [WORKDIR]   (default: ./demo-run beside this script; replaced if it exists)
# $CUTOVER: the cutover binary (default: cutover on PATH). $DEMO_START: the first Monday.
# $PAIRS, $GENOME: the simulated data's size (setup-data.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cutover=${CUTOVER:-cutover}
work=${1:-$here/demo-run}
start=${DEMO_START:-2026-09-07}  # a Monday

rm -rf "$work"
mkdir -p "$work"
cp -r "$here/cutover.yaml" "$here/legacy" "$here/new" "$here/setup-data.sh" "$here/simulate.py" \
  "$work/"
cd "$work"
./setup-data.sh

day() {  # WEEK DAY-OF-WEEK(1=Mon) TEXT: the day's first command runs at 06:00 UTC
  date=$(date -u -d "$start +$(( ($1 - 1) * 7 + $2 - 1 )) days" +%Y-%m-%d)
  minute=0
  printf '\n=== week %s, %s — %s\n' "$1" "$date" "$3"
}
co() {  # each command of the day five minutes after the previous one
  CUTOVER_NOW="${date}T$(printf '06:%02d' "$minute"):00Z"
  export CUTOVER_NOW
  minute=$((minute + 5))
  echo "\$ cutover $*"
  "$cutover" "$@"
}
# Monday's cron job: the whole pipeline over every sample (--force: the lab re-runs it weekly).
cron() { co run -j 2 --force; }

day 1 1 "the routing layer over the legacy pipeline; everything on legacy"
co validate
cron
co status

day 2 1 "the aligner swap begins: minimap2 on shadow beside bwa"
co route align shadow --reason "minimap2 -ax sr beside bwa mem"
cron
# Alignments are never identical across aligners: each comparison is judged by its figures.
# `cutover status` shows the latest figures; `cutover diff` one comparison in full.
co status
latest=$("$cutover" status --json | python3 -c '
import json, sys
for step in json.load(sys.stdin):
    for m in step["metrics"]:
        if step["step"] == "align":
            print(m["comparison"])')
[ -n "$latest" ] && co diff "$latest" | head -8

day 3 1 "the evidence accumulates"
cron
co status

day 4 1 "the gate holds: the aligner swap is promoted (canary: half of the samples on minimap2)"
co promote align --reason "two weeks of shadow, same placement >= 98 % on every sample"
cron

day 5 1 "cut over: minimap2 serves every sample, bwa only as a fallback"
co promote align --reason "canary within thresholds"
cron
co status

day 6 1 "the report"
co report -o "$work/report.html" --md "$work/sprint-summary.md"

printf '\nThe aligner is swapped. The HTML report: %s\nThe sprint summary (Markdown): %s\n' \
  "$work/report.html" "$work/sprint-summary.md"
