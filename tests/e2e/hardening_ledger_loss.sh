#!/usr/bin/env bash
# The ledger is never lost silently: deleted or truncated during a run (the run fails loudly,
# nothing more is published without a record), truncated to 0 bytes or deleted between runs (every command
# refuses instead of starting a new, empty ledger with every step back on legacy).
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples: {list: [a, b]}
steps:
  s:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "if [ {sample} = b ]; then while [ ! -e ../../../../../go ]; do sleep 0.05; done; fi; echo {sample} > {output.o}"}
Y
# 1. Deleted during a run: sample a is published, then the ledger goes while b runs.
"$CUTOVER" run -j 1 > run.log 2>&1 &
pid=$!
trap 'touch "$WORK/go"; cleanup' EXIT
wait_for "sample a published" '[ -e out/a.txt ]'
wait_for "sample b running" '[ "$(started_sides s)" -ge 2 ]'
rm -f .cutover/ledger.db .cutover/ledger.db-wal .cutover/ledger.db-shm
touch go
set +e; wait $pid; rc=$?; set -e
[ "$rc" -ne 0 ] || fail "a run whose ledger was deleted must fail: $(cat run.log)"
assert_contains "$(cat run.log)" "was deleted or replaced while this process used it" "says what happened"
assert_no_file out/b.txt "nothing published after the ledger was lost"
# The next command refuses the missing ledger rather than starting a new one.
co status
[ "$RC" -ne 0 ] || fail "status with a deleted ledger should refuse: $OUT"
assert_contains "$OUT" "is missing" "missing ledger"
assert_contains "$OUT" "this project has used it before" "says why it is not a new project"
assert_no_file .cutover/ledger.db "no new ledger was created"

# 2. Truncated during a run (after SQLite had written its pages into the file): the run fails
# before publishing more.
rm -rf .cutover out go
"$CUTOVER" run -j 1 > run.log 2>&1 &
pid=$!
wait_for "sample a published" '[ -e out/a.txt ]'
wait_for "sample b running" '[ "$(started_sides s)" -ge 2 ]'
sqlite3 .cutover/ledger.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
[ -s .cutover/ledger.db ] || fail "the checkpoint should have written the ledger's pages"
: > .cutover/ledger.db
touch go
set +e; wait $pid; rc=$?; set -e
[ "$rc" -ne 0 ] || fail "a run whose ledger was truncated must fail: $(cat run.log)"
assert_contains "$(cat run.log)" "was truncated while this process used it" "says what happened"
assert_no_file out/b.txt "nothing published after the ledger was truncated"

# 3. Truncated to 0 bytes between runs.
rm -rf .cutover out
co run
assert_eq "$RC" 0 "fresh run: $OUT"
co route s shadow --reason x
: > .cutover/ledger.db
rm -f .cutover/ledger.db-wal .cutover/ledger.db-shm
for cmd in status run "rollback s --reason y"; do
  # shellcheck disable=SC2086
  co $cmd
  [ "$RC" -ne 0 ] || fail "$cmd on a truncated ledger should refuse: $OUT"
  assert_contains "$OUT" "is empty" "$cmd: empty ledger"
  assert_contains "$OUT" "truncated" "$cmd: says truncated"
done
[ ! -s .cutover/ledger.db ] || fail "the empty ledger was silently re-initialised"

# 4. Starting over is explicit (the message says how) and works.
assert_contains "$OUT" "remove its line from $WORK/.cutover/ledgers-seen" "says how to start over"
rm -f .cutover/ledgers-seen .cutover/ledger.db
co run
assert_eq "$RC" 0 "a deliberate fresh start: $OUT"
pass "a deleted or truncated ledger is never replaced silently"
