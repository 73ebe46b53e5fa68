#!/usr/bin/env bash
# `cutover report` and `cutover plan` on a migration played over three weeks (CUTOVER_NOW): the
# numbers in the HTML page and the Markdown summary are the ledger's; the page renders in headless
# Chromium with every chart drawn and no console message; a sample named
# <img src=x onerror=alert(1)> and a reason with a <script> show as text and run nothing.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
SCREENSHOTS=${CUTOVER_SCREENSHOT_DIR:-$WORK}
mkdir -p "$SCREENSHOTS" in
evil='<img src=x onerror=alert(1)>'
for s in s1 s2 "$evil"; do printf 'line one %s\nline two\n' "$s" > "in/$s.txt"; done
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  upper:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      out: {path: "out/{sample}.up", compare: text}
    legacy: {shell: "tr a-z A-Z < {input.text} > {output.out}"}
    # The rewrite: right, except for samples whose name has a '<' (it mangles their text), and it
    # crashes when $BREAK_S2 is set and the sample is s2.
    new:
      shell: "if [ -n \"$BREAK_S2\" ] && [ {sample} = s2 ]; then exit 3; fi; case {sample} in *'<'*) echo '<b>bold</b>' > {output.out};; *) sed 's/.*/\\U&/' {input.text} > {output.out};; esac"
    policy: {min_comparisons: 3, min_samples: 3, min_days: 7}
  count:
    scope: all
    inputs: {up: "out/{sample}.up"}
    outputs: {n: "count.txt"}
    legacy: {shell: "cat {input.up} | wc -l > {output.n}"}
Y
export CUTOVER_NOW=2026-03-02T06:00:00Z   # Monday, week 1
co run -j 2
assert_eq "$RC" 0 "week 1: $OUT"
export CUTOVER_NOW=2026-03-09T06:00:00Z   # week 2
co route upper shadow --reason '<script>alert("reason")</script> try the rewrite'
co run -j 2 --force
assert_eq "$RC" 0 "week 2: $OUT"
export CUTOVER_NOW=2026-03-16T06:00:00Z   # week 3: the new side crashes on s2
BREAK_S2=1 co run -j 2 --force
assert_eq "$RC" 0 "week 3: $OUT"
export CUTOVER_NOW=2026-03-18T06:00:00Z

co report -o page.html --md summary.md
assert_eq "$RC" 0 "report: $OUT"
assert_contains "$OUT" "report: $WORK/page.html" "where the page is"
assert_contains "$OUT" "summary: $WORK/summary.md" "where the summary is"
html=$(cat page.html)

# Numbers: the page's against the ledger's.
served=$(sql "select count(*) from tasks where purpose='run' and status='published'")
served_new=$(sql "select count(*) from tasks where purpose='run' and status='published' and served_by='new'")
assert_eq "$served" 12 "3 runs x (3 upper + 1 count)"
assert_contains "$html" "of step executions served by the new system ($served_new of $served)" "share served by new"
comparisons=$(sql "select count(*) from comparisons where purpose='run'")
mismatches=$(sql "select count(*) from comparisons where purpose='run' and outcome in ('mismatch','error') and accepted_ms=0")
assert_eq "$comparisons" 5 "3 in week 2, 2 in week 3 (s2's new side crashed)"
assert_eq "$mismatches" 2 "the evil sample, twice"
assert_contains "$html" "<b>$comparisons</b>comparisons, $mismatches unexplained" "comparison card"
upper_tasks=$(sql "select count(*) from tasks where step='upper' and purpose='run'")
new_failures=$(sql "select count(*) from executions where step='upper' and side='new' and status='failed'")
assert_eq "$new_failures" 1 "s2 in week 3"
matches=$(sql "select count(*) from comparisons where step='upper' and outcome='match'")
row="<tr><td class=\"num\">$upper_tasks</td><td class=\"num\">$upper_tasks</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">$new_failures</td>"
assert_contains "$html" "$row" "upper's numbers"
assert_contains "$html" "<td class=\"num\">$comparisons</td><td class=\"num\">$matches</td><td class=\"num\">0</td><td class=\"num\">$mismatches</td>" "upper's comparisons"
last=$(sql "select max(id) from comparisons where outcome='mismatch'")
assert_contains "$html" "<code>cutover diff $last</code>" "the diff command of the latest mismatch"
# Three weeks on the timeline, each step a row: 6 cells.
assert_contains "$html" 'data-marks="6"' "route timeline: 2 steps x 3 weeks"
pass "the page's numbers are the ledger's"

# Escaping: names, reasons and diff excerpts are text.
assert_not_contains "$html" "$evil" "raw sample name"
assert_not_contains "$html" '<script>' "raw reason"
assert_not_contains "$html" '<b>bold</b>' "raw diff excerpt"
assert_contains "$html" '&lt;img src=x onerror=alert(1)&gt;' "escaped sample name"
assert_contains "$html" '&lt;script&gt;alert(&quot;reason&quot;)&lt;/script&gt; try the rewrite' "escaped reason"

# The browser: every chart drawn, no console message, no dialog, no injected element.
python3 "$here/browser_check.py" page.html "$SCREENSHOTS/migration_report.png" > browser.json \
  || fail "browser check: $(cat browser.json)"
charts=$(jq -r .charts browser.json)
assert_eq "$charts" 10 "timeline + served + 4 per step"
pass "the page renders in Chromium: $(cat browser.json)"

# The sprint summary.
md=$(cat summary.md)
assert_contains "$md" "# Migration update, 2026-03-04 to 2026-03-18" "the last 14 days"
assert_contains "$md" "- \`upper\`: legacy → shadow on 2026-03-09 by" "what moved"
assert_contains "$md" "try the rewrite" "the reason"
assert_contains "$md" "the gate is missing" "what blocks"
assert_contains "$md" "2 unexplained mismatches (latest on sample \\<img src=x onerror=alert\\(1\\)\\>: \`cutover diff $last\`)" "mismatches, escaped"
assert_contains "$md" "- \`upper\`: 1 new-side failure, 0 fallbacks" "failures"
assert_contains "$md" "| \`upper\` |" "speed-up row"
assert_contains "$md" "- \`count\`: on legacy, no new implementation yet." "not started"
co report -o since.html --since 2026-03-16 --md -
assert_contains "$OUT" "# Migration update, 2026-03-16 to 2026-03-18" "--since sets the summary's period"
assert_contains "$OUT" "- No route or implementation changed." "nothing moved in week 3"
co report --since yesterday
assert_eq "$RC" 2 "a bad date is a usage error"
assert_contains "$OUT" "--since" "names the option"
pass "the sprint summary says what moved, what blocks, the speed-ups"

# The planner: count (a leaf, on legacy) is the only candidate; upper is in validation.
co plan
assert_eq "$RC" 0 "plan: $OUT"
assert_contains "$OUT" "1. count  (ease" "count ranked"
assert_contains "$OUT" "no other step reads its outputs" "why"
assert_contains "$OUT" "In validation: upper (shadow)" "upper in validation"
co plan --json
assert_eq "$(jq -r '.ranked[0].step' <<<"$OUT")" count "json"
assert_eq "$(jq -r '.ranked[0].legacy_runs' <<<"$OUT")" 3 "count ran 3 times"
pass "cutover plan ranks what is left on legacy"
