#!/usr/bin/env bash
# The main job: examples/ngs-qc/demo.sh plays the seed's ten-week migration on the real tools and
# reads. Checked here against the ledger: every stage happened in its week, the regression was
# caught and rolled back, the weekly report never missed a week, and at the end every step runs
# on the new system with legacy retired; the report renders in Chromium.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
SCREENSHOTS=${CUTOVER_SCREENSHOT_DIR:-$WORK}
mkdir -p "$SCREENSHOTS"
example="$here/../../examples/ngs-qc"

set +e
CUTOVER="$CUTOVER" "$example/demo.sh" "$WORK/demo" > demo.log 2>&1
rc=$?
set -e
[ "$rc" = 0 ] || fail "demo.sh exited $rc: $(tail -30 demo.log)"
cd demo
log=$(cat ../demo.log)
assert_contains "$log" "The HTML report: $WORK/demo/report.html" "says where the report is"
assert_contains "$log" "The sprint summary (Markdown): $WORK/demo/sprint-summary.md" "and the summary"
assert_file report.html "the report"
assert_file sprint-summary.md "the summary"

# Weeks are counted from the demo's first Monday (2026-09-07 06:00 UTC).
week="((t.started_ms - strftime('%s','2026-09-07') * 1000) / 604800000 + 1)"
at_week="((at_ms - strftime('%s','2026-09-07') * 1000) / 604800000 + 1)"
assert_eq "$(sql "select group_concat(w) from (select distinct $week as w from tasks t where step='weekly_summary' and status='published' order by w)")" \
  "1,2,3,4,5,6,7,8,9,10" "the weekly report was published every week"
assert_eq "$(sql "select count(*) from tasks where status='failed'")" 0 "no task failed"

# The route history, week by week.
history=$(sql "select $at_week || ' ' || step || ' ' || from_mode || '->' || to_mode from route_changes order by id")
expected="2 fastqc legacy->shadow
4 fastqc shadow->canary
5 fastqc canary->new
6 trim legacy->shadow
6 trim shadow->legacy
6 trim legacy->shadow
7 weekly_summary legacy->shadow
8 trim shadow->canary
9 trim canary->new
9 weekly_summary shadow->new
10 fastqc new->retired
10 trim new->retired
10 weekly_summary new->retired"
assert_eq "$history" "$expected" "the migration's route changes"
assert_eq "$(sql "select count(*) from calibrations where step='fastqc'")" 1 "FastQC calibrated"
pass "every stage in its week; the weekly report every week"

# FastQC vs cutover qc: every report agreed, in shadow and canary.
assert_eq "$(sql "select count(*) from comparisons where step='fastqc' and outcome in ('mismatch','error')")" 0 \
  "cutover qc never disagreed with FastQC"
assert_eq "$(sql "select count(*) from comparisons where step='fastqc' and outcome='match'")" 12 \
  "4 samples x (2 shadow + 1 canary) weekly runs"
# The regression (Q30 instead of Q20) was caught by the comparisons before the rollback.
rollback=$(sql "select id from route_changes where step='trim' and to_mode='legacy'")
assert_contains "$(sql "select reason from route_changes where id=$rollback")" "regression" "the rollback's reason"
caught=$(sql "select count(*) from comparisons c join tasks t on t.id=c.task_id where c.step='trim' and c.output='reads' and c.outcome='mismatch' and t.route_mode='shadow' and $week = 6")
[ "$caught" -ge 1 ] || fail "the regression was not caught ($caught mismatching reads)"
after=$(sql "select count(*) from comparisons where step='trim' and outcome in ('mismatch','error') and id > (select max(c.id) from comparisons c join tasks t on t.id=c.task_id where c.step='trim' and c.outcome='mismatch' and $week = 6 and t.started_ms < (select at_ms from route_changes where id=$rollback))")
assert_eq "$after" 0 "after the fix, trimming agreed every time"
pass "the regression was caught ($caught samples), rolled back, fixed, and agreed afterwards"

# Week 10: the new system serves everything; legacy never runs.
assert_eq "$(sql "select count(*) from tasks t where $week = 10 and served_by != 'new'")" 0 "week 10 served by new"
assert_eq "$(sql "select count(*) from tasks t where $week = 10 and served_by = 'new'")" 9 "4 fastqc + 4 trim + 1 report"
assert_eq "$(sql "select count(*) from executions e join tasks t on t.id=e.task_id where $week = 10 and e.side='legacy'")" 0 \
  "no legacy execution in week 10"
assert_eq "$(CUTOVER_NOW= "$CUTOVER" routes | grep -c retired)" 3 "three steps retired"
pass "week 10: everything on the new system, legacy retired"

# The report and the summary.
html=$(cat report.html)
served=$(sql "select count(*) from tasks where purpose='run' and status='published'")
served_new=$(sql "select count(*) from tasks where purpose='run' and status='published' and served_by='new'")
assert_contains "$html" "($served_new of $served)</div>" "share served by new"
assert_contains "$html" 'regression: the new side trims at Q30' "the rollback's reason on the page"
md=$(cat sprint-summary.md)
assert_contains "$md" "- \`trim\`: canary 50% → new on 2026-11-02" "what moved in the last sprint"
assert_contains "$md" "- \`fastqc\`: new → retired on 2026-11-09" "retired"
assert_contains "$md" "**3 of 3 steps** are cut over" "all cut over"
assert_contains "$md" "| \`fastqc\` |" "speed-up of cutover qc"
python3 "$here/browser_check.py" report.html "$SCREENSHOTS/demo_report.png" > browser.json \
  || fail "browser check: $(cat browser.json)"
pass "the demo's report: $(cat browser.json)"
