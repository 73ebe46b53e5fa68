#!/usr/bin/env bash
# Evidence bound to what ran (implementation identity): editing a script that a step's command
# names re-runs what it produced, and so does a change to a watched file or to the output of a
# declared version command; an unrelated edit does not. Every execution records the identity's
# digest; a change of identity (drift) is announced by the run, recorded in the ledger and shown
# by history and status; a failing version command fails the task with the YAML line, before
# anything runs.
. "$(dirname "$0")/lib.sh"
mkdir -p new lib
cat > new/stats.sh <<'S'
echo "stats v1 $1"
S
echo 'x=1' > lib/common.sh
echo 'v1' > toolversion
cat > cutover.yaml <<'Y'
samples: {list: [a, b]}
steps:
  stats:
    outputs: {o: "out/{sample}.txt"}
    legacy:
      shell: "sh {root}/new/stats.sh {sample} > {output.o}"
      watch: ["lib/*.sh"]
      version: "cat toolversion"
Y
co run
assert_eq "$RC" 0 "first run: $OUT"
assert_contains "$OUT" "2 published" "both samples"
assert_eq "$(cat out/a.txt)" "stats v1 a" "output"
digest=$(sql "select impl_digest from executions order by id desc limit 1")
assert_contains "$digest" "xxh3-128:" "a digest is recorded with the execution"
desc=$(sql "select description from implementation_changes where to_digest = '$digest'")
assert_contains "$desc" "file new/stats.sh" "the identity names the script"
assert_contains "$desc" "watch lib/*.sh" "and the watched files"
assert_contains "$desc" "version v1" "and the version"
assert_not_contains "$OUT" "changed:" "a first identity is no drift"
co run
assert_contains "$OUT" "2 up to date" "nothing changed"

# An unrelated file: still up to date.
echo 'notes' > README.txt
co run
assert_contains "$OUT" "2 up to date" "an unrelated file changes nothing"

# The script is fixed: what it produced is re-run.
sed -i 's/v1/v2/' new/stats.sh
co run
assert_eq "$RC" 0 "after the script edit: $OUT"
assert_contains "$OUT" "2 published" "editing the script re-runs its tasks"
assert_eq "$(cat out/a.txt)" "stats v2 a" "with the fixed script"
[ "$(sql "select impl_digest from executions order by id desc limit 1")" != "$digest" ] || fail "the recorded identity changed"
# The drift is announced once, recorded, and shown by history and status.
assert_contains "$OUT" "legacy of stats changed: file new/stats.sh (was " "the run says what changed"
assert_eq "$(grep -c 'legacy of stats changed' <<<"$OUT")" 1 "announced once per run"
co history stats
assert_contains "$OUT" "stats        legacy changed: file new/stats.sh (was " "history shows the drift"
co status
assert_contains "$OUT" "stats            legacy changed at " "status shows the latest drift"
assert_contains "$(status_field stats '.implementations.legacy.changed')" "file new/stats.sh (was " "status --json"

# A watched file, then the version.
echo 'x=2' > lib/common.sh
co run
assert_contains "$OUT" "2 published" "a watched file re-runs"
echo 'v2' > toolversion
co run
assert_contains "$OUT" "2 published" "a new version re-runs"
assert_contains "$OUT" "legacy of stats changed: version (was v1, now v2)" "the version drift"

# A version command that fails: the task fails, naming where it is declared; nothing runs.
rm toolversion
sed -i 's/v2/v3/' new/stats.sh
co run
[ "$RC" -ne 0 ] || fail "a failing version command must fail the run: $OUT"
assert_contains "$OUT" "cutover.yaml:8:" "names the line of the version command"
assert_contains "$OUT" "the version command 'cat toolversion' failed" "says what failed"
assert_eq "$(cat out/a.txt)" "stats v2 a" "nothing ran"
pass "script, watched file and version edits re-run their tasks; the identity is recorded"
