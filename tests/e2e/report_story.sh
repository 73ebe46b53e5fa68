#!/usr/bin/env bash
# The report tells the whole story of a step played over four weeks (CUTOVER_NOW): an accepted
# mismatch has its own colour and its reason, the legacy script's edit (drift) is marked on the
# timeline, the automatic rollback (red) and the manual one (dark) are marked apart from the
# forward moves; the summary's wording follows the numbers. The page renders in headless
# Chromium with no overlapping legend entries; the screenshot is kept.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
SCREENSHOTS=${CUTOVER_SCREENSHOT_DIR:-$WORK}
mkdir -p "$SCREENSHOTS" in legacy new
for s in s1 s2 s3; do printf 'line one %s\nline two\n' "$s" > "in/$s.txt"; done
printf '#!/bin/sh\ntr a-z A-Z < "$1"\n' > legacy/upper.sh
# The rewrite: right, except that it adds a blank line for s3; it crashes when $BREAK is set.
cat > new/upper.sh <<'S'
#!/bin/sh
[ -n "$BREAK" ] && exit 3
sed 's/.*/\U&/' "$1"
case "$1" in *s3.txt) echo;; esac
S
chmod +x legacy/upper.sh new/upper.sh
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  upper:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      out: {path: "out/{sample}.up", compare: text}
    legacy: {shell: "{root}/legacy/upper.sh {input.text} > {output.out}"}
    new: {shell: "{root}/new/upper.sh {input.text} > {output.out}"}
    max_consecutive_failures: 2
    policy: {min_comparisons: 3, min_samples: 3, min_days: 7}
  count:
    scope: all
    inputs: {up: "out/{sample}.up"}
    outputs: {n: "count.txt"}
    legacy: {shell: "cat {input.up} | wc -l > {output.n}"}
Y
export CUTOVER_NOW=2026-03-02T06:00:00Z   # Monday, week 1: legacy only
co run
assert_eq "$RC" 0 "week 1: $OUT"
export CUTOVER_NOW=2026-03-09T06:00:00Z   # week 2: shadow; s3 differs and is accepted
co route upper shadow --reason "try the rewrite"
co run --force
assert_eq "$RC" 0 "week 2: $OUT"
id=$(sql "select id from comparisons where outcome='mismatch'")
assert_eq "$(wc -w <<<"$id")" 1 "one mismatch: s3"
export CUTOVER_NOW=2026-03-10T06:00:00Z
co accept "c$id" --reason "the rewrite's trailing blank line; agreed with <the lab>"
assert_eq "$RC" 0 "accept: $OUT"
export CUTOVER_NOW=2026-03-16T06:00:00Z   # week 3: legacy edited (drift), then cut over and broken
printf '#!/bin/sh\n# now with a comment\ntr a-z A-Z < "$1"\n' > legacy/upper.sh
co run
assert_contains "$OUT" "legacy of upper changed" "the drift is announced: $OUT"
export CUTOVER_NOW=2026-03-17T06:00:00Z
co route upper new --force --reason "try it for real"
assert_eq "$RC" 0 "route new: $OUT"
export CUTOVER_NOW=2026-03-18T06:00:00Z
BREAK=1 co run -j 1 --force
assert_eq "$(status_field upper '.route.mode')" legacy "rolled back by itself"
export CUTOVER_NOW=2026-03-23T06:00:00Z   # week 4: shadow again, then rolled back by hand
co route upper shadow --reason "again, fixed"
export CUTOVER_NOW=2026-03-24T06:00:00Z
co rollback upper --reason "the lab needs the old output this week"
assert_eq "$RC" 0 "rollback: $OUT"
export CUTOVER_NOW=2026-03-25T06:00:00Z

co report -o page.html --md summary.md --since 2026-03-02
assert_eq "$RC" 0 "report: $OUT"
html=$(cat page.html)
# Accepted: a colour of its own in the comparisons chart, and the reason listed.
assert_contains "$html" '<rect class="mark accepted"' "accepted drawn apart"
# Week 2's mismatch was accepted: drawn as accepted; week 3's (after the drift, not accepted) in red.
assert_contains "$html" '<title>03-09: accepted 1</title>' "week 2: accepted"
assert_not_contains "$html" '<title>03-09: mismatch' "week 2: no unexplained mismatch"
assert_contains "$html" '<title>03-16: mismatch 1</title>' "week 3: the unexplained one"
assert_contains "$html" "<h3>Accepted differences</h3>" "accepted listed"
assert_contains "$html" "agreed with &lt;the lab&gt;" "with its reason, escaped"
# The timeline: the moves as dots, the automatic rollback red, the manual one dark, the drift.
assert_eq "$(grep -o 'class="marker rollback-auto"' page.html | wc -l)" 1 "automatic rollback marked"
assert_eq "$(grep -o 'class="marker rollback"' page.html | wc -l)" 1 "manual rollback marked"
assert_eq "$(grep -o 'class="marker drift"' page.html | wc -l)" 1 "drift marked"
assert_contains "$html" "new → legacy: automatic rollback" "what the red mark is"
assert_contains "$html" "shadow → legacy: rollback by" "what the dark mark is"
assert_contains "$html" "legacy changed: file legacy/upper.sh" "what the diamond is"
assert_contains "$html" "<h3>Implementation changes</h3>" "drift listed"
# Wording that follows the numbers.
assert_contains "$html" "1 automatic rollback</div>" "singular"
assert_contains "$html" "Run time (successful runs; no new side yet)" "count has no rewrite"
assert_not_contains "$html" "new is –" "no empty speed-up"

python3 "$here/browser_check.py" page.html "$SCREENSHOTS/report_story.png" > browser.json \
  || fail "browser check: $(cat browser.json)"
assert_eq "$(jq -r '.failures | length' browser.json)" 0 "rendered: $(cat browser.json)"
[ -s "$SCREENSHOTS/report_story.png" ] || fail "no screenshot"

md=$(cat summary.md)
assert_contains "$md" "- \`upper\`: legacy changed on 2026-03-16: file legacy/upper.sh" "drift in what moved"
assert_contains "$md" "## Accepted differences" "accepted in the summary"
assert_contains "$md" "agreed with \\<the lab\\>" "its reason, escaped"
pass "report_story: $(cat browser.json)"
