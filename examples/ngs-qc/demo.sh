#!/bin/sh
# The seed's migration, end to end, played in minutes on the real reads Debian ships:
#   week 1   the routing layer over the legacy pipeline (a script running FastQC, a notebook
#            running Trim Galore, the weekly report notebook), every step on legacy;
#   week 2   the FastQC step on shadow with `cutover qc`; calibration of FastQC;
#   week 2-3 validation: the comparisons accumulate;
#   week 4   the gate holds: promoted to canary; week 5: cut over (new);
#   week 6   adapter trimming on shadow with `cutover trim`; a deliberately introduced regression
#            that the comparison catches; a rollback; the fix; renewed evidence;
#   week 7   the weekly report's rewrite (a tested script) on shadow beside the notebook;
#   week 8-9 trimming promoted to canary, then new; the weekly report cut over;
#   week 10  the whole pipeline on the new system, the legacy steps retired.
# The weekly report runs every Monday throughout and never misses a week.
#
# Time is played with CUTOVER_NOW (docs/evidence.md: an explicit clock override for demos and
# tests, never set in production): each "day" below is a real cutover run whose clock reads
# that day, so gates that need 7 days of evidence see 7 days.
#
# usage: demo.sh [WORKDIR]   (default: ./demo-run beside this script; replaced if it exists)
# $CUTOVER: the cutover binary (default: cutover on PATH). $DEMO_START: the first Monday.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cutover=${CUTOVER:-cutover}
work=${1:-$here/demo-run}
start=${DEMO_START:-2026-09-07}  # a Monday

rm -rf "$work"
mkdir -p "$work"
cp -r "$here/cutover.yaml" "$here/legacy" "$here/new" "$here/setup-reads.sh" "$work/"
cd "$work"
./setup-reads.sh

day() {  # WEEK DAY-OF-WEEK(1=Mon) TEXT: the day's first command runs at 06:00 UTC
  date=$(date -u -d "$start +$(( ($1 - 1) * 7 + $2 - 1 )) days" +%Y-%m-%d)
  minute=0
  printf '\n=== week %s, %s — %s\n' "$1" "$date" "$3"
}
# Each command of the day starts five minutes after the previous one. CUTOVER_NOW is where a
# process's clock starts (it then runs at real speed), so giving every command the same start
# would let a later command's clock read earlier than what an earlier one recorded (a report
# would miss the route change made just before it).
co() {
  CUTOVER_NOW="${date}T$(printf '06:%02d' "$minute"):00Z"
  export CUTOVER_NOW
  minute=$((minute + 5))
  echo "\$ cutover $*"
  "$cutover" "$@"
}
# Monday's cron job: the whole pipeline. The lab re-runs QC and trimming over every sample each
# week, as legacy/pipeline.sh always did (--force: not "skip what is up to date").
cron() { co run -j 2 --force; }

day 1 1 "the routing layer over the legacy pipeline; everything on legacy"
co validate
cron
co status

day 2 1 "the FastQC step on shadow with cutover qc"
co route fastqc shadow --reason "cutover qc (FastQC's command line) beside FastQC"
# How much does FastQC differ from itself? Three runs on one sample.
co calibrate fastqc --sample illumina_10K --runs 3
cron

day 3 1 "validation: the comparisons accumulate"
cron
co status

day 4 1 "the gate holds: FastQC's step is promoted (canary: half of the samples on cutover qc)"
co promote fastqc --reason "14 days of shadow, every report identical"
cron

day 5 1 "FastQC cut over: cutover qc serves every sample, FastQC only as a fallback"
co promote fastqc --reason "canary clean"
cron

day 6 1 "adapter trimming on shadow with cutover trim"
co route trim shadow --reason "cutover trim galore beside Trim Galore"
# A deliberately introduced regression: a developer "tidies" the new side and raises the
# quality cut-off from Trim Galore's default 20 to 30. Monday's run catches it: legacy still
# serves, so the scientists' results are untouched, and every comparison disagrees.
sed -i 's|cutover: "trim galore --output_dir|cutover: "trim galore --quality 30 --output_dir|' cutover.yaml
cron
co mismatches trim
first=$("$cutover" mismatches trim --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
co diff "$first" | head -20

day 6 2 "the rollback, the fix, renewed evidence"
co rollback trim --reason "regression: the new side trims at Q30, Trim Galore at Q20"
# The fix: the default back. Shadowing starts again, with fresh evidence from today.
sed -i 's|trim galore --quality 30 --output_dir|trim galore --output_dir|' cutover.yaml
co route trim shadow --reason "fixed: Q20 as Trim Galore"
co run -j 2 --force --steps trim

day 7 1 "the weekly report's rewrite on shadow beside the notebook"
co route weekly_summary shadow --reason "new/weekly_summary.py beside the notebook"
cron

day 8 1 "trimming promoted to canary"
co promote trim --reason "two weeks of shadow after the fix, clean"
cron

day 9 1 "trimming and the weekly report cut over"
co promote trim --reason "canary clean"
co promote weekly_summary --reason "two weekly reports identical"
cron

day 10 1 "the entire pipeline on the new system; the legacy steps retired"
co route fastqc retired --reason "five weeks on new without a fallback"
co route trim retired --reason "cut over, no fallback needed"
co route weekly_summary retired --reason "cut over"
cron
co status
co plan
co report -o "$work/report.html" --md "$work/sprint-summary.md"

printf '\nThe migration is done. The HTML report: %s\nThe sprint summary (Markdown): %s\n' \
  "$work/report.html" "$work/sprint-summary.md"
