#!/usr/bin/env bash
# A damaged ledger is refused, not used: pages SQLite finds broken only by its quick check
# (writing commands refuse; `ledger check` lists the damage; a backup taken earlier brings the
# project back), values no cutover writes (a canary of -5 %: refused everywhere but rollback, the
# emergency command), and a ledger on a read-only file system (reading commands work, writing
# ones say why they cannot).
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples: {list: [a, b, c]}
steps:
  s:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "echo {sample} > {output.o}"}
    new: {shell: "echo {sample} > {output.o}"}
Y
co run
assert_eq "$RC" 0 "first run: $OUT"
co route s shadow --reason "try the new side"
assert_eq "$RC" 0 "shadow: $OUT"
co run --force
assert_eq "$RC" 0 "shadow run: $OUT"

# --- A backup, and `ledger check` on a sound ledger.
co ledger backup "$WORK/backup.db"
assert_eq "$RC" 0 "backup: $OUT"
assert_eq "$(sqlite3 "$WORK/backup.db" 'PRAGMA journal_mode')" "delete" "the backup is one file"
assert_eq "$(sqlite3 "$WORK/backup.db" 'SELECT count(*) FROM route_changes')" \
  "$(sql 'SELECT count(*) FROM route_changes')" "the backup has every route change"
co ledger backup "$WORK/backup.db"
[ "$RC" -ne 0 ] || fail "a backup over an existing file must be refused: $OUT"
assert_contains "$OUT" "--replace" "says how to overwrite"
co ledger check
assert_eq "$RC" 0 "a sound ledger checks clean: $OUT"

# --- Values no cutover writes.
cp .cutover/ledger.db "$WORK/sound.db"
sql "UPDATE route_changes SET to_mode = 'canary', to_percent = -5 WHERE id = (SELECT max(id) FROM route_changes)"
for cmd in status routes "route s new --reason x" run; do
  # shellcheck disable=SC2086
  co $cmd
  [ "$RC" -ne 0 ] || fail "$cmd with a canary of -5 % must refuse: $OUT"
  assert_contains "$OUT" "canary -5 %" "$cmd names the value"
  assert_contains "$OUT" "cutover rollback" "$cmd names the way out"
done
co ledger check
assert_eq "$RC" 1 "ledger check finds the impossible route: $OUT"
assert_contains "$OUT" "legacy 0 % -> canary -5 % is not a route" "ledger check lists it"
co rollback s --reason "the route was damaged"
assert_eq "$RC" 0 "rollback works off an impossible route: $OUT"
co routes
assert_eq "$RC" 0 "routes after the rollback: $OUT"
assert_contains "$OUT" "legacy" "back on legacy"
assert_contains "$(sql 'SELECT reason FROM route_changes ORDER BY id DESC LIMIT 1')" \
  "rolled back from an unreadable route" "the rollback records what it replaced"

# A missing table.
cp "$WORK/sound.db" .cutover/ledger.db
sql "DROP TABLE calibrations"
co status
[ "$RC" -ne 0 ] || fail "status without the calibrations table must refuse: $OUT"
assert_contains "$OUT" "calibrations" "names the missing table"

# --- Damaged pages: the quick check refuses them before anything is written.
cp "$WORK/sound.db" .cutover/ledger.db
# Enough rows for a table spread over many pages, then two of its pages overwritten.
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
     INSERT INTO route_changes (step, at_ms, \"user\", from_mode, from_percent, to_mode, to_percent, reason, automatic, last_execution_id, forced)
     SELECT 'filler', i, 'test', 'legacy', 0, 'legacy', 0, printf('%.200c', 'x'), 0, 0, 0 FROM n"
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
pages=$(sql 'PRAGMA page_count'); page_size=$(sql 'PRAGMA page_size')
before=$(sha256sum .cutover/ledger.db)
for p in $((pages / 2)) $((pages / 2 + 1)); do
  printf '\xff%.0s' $(seq 1 16) | dd of=.cutover/ledger.db bs=1 seek=$((p * page_size)) conv=notrunc status=none
done
damaged=$(sha256sum .cutover/ledger.db)
[ "$before" != "$damaged" ] || fail "the damage did not change the file"
for cmd in run "route s new --reason x"; do
  # shellcheck disable=SC2086
  co $cmd
  [ "$RC" -ne 0 ] || fail "$cmd on a damaged ledger must refuse: $OUT"
  assert_contains "$OUT" "$WORK/.cutover/ledger.db is damaged" "$cmd names the file"
  assert_contains "$OUT" "ledger copy" "$cmd says how to salvage"
done
assert_eq "$(sha256sum .cutover/ledger.db)" "$damaged" "nothing was written to the damaged file"
co ledger check
assert_eq "$RC" 1 "ledger check on damaged pages: $OUT"
assert_contains "$OUT" "integrity:" "lists SQLite's findings"
co ledger backup "$WORK/bad-backup.db"
[ "$RC" -ne 0 ] || fail "a damaged ledger must not be backed up as if sound: $OUT"
assert_no_file "$WORK/bad-backup.db" "no backup file from a damaged ledger"
# Restoring the backup brings the project back.
cp "$WORK/backup.db" .cutover/ledger.db
rm -f .cutover/ledger.db-wal .cutover/ledger.db-shm
co run
assert_eq "$RC" 0 "run after restoring the backup: $OUT"
co routes
assert_contains "$OUT" "shadow" "the restored route"

# --- A read-only file system (a full disk remounted read-only, a read-only snapshot).
if [ "$(id -u)" -ne 0 ]; then
  fail "the read-only file-system part mounts a tmpfs and needs root (the tests run as root in CI)"
fi
RO=$WORK/ro
mkdir "$RO"
mount -t tmpfs -o size=20m tmpfs "$RO"
trap 'umount -l "$RO" 2>/dev/null || true; cleanup' EXIT
cp -r cutover.yaml out .cutover "$RO"/
cd "$RO"
"$CUTOVER" routes >/dev/null  # folds the write-ahead log in while still writable
mount -o remount,ro "$RO"
touch probe 2>/dev/null && fail "the tmpfs is still writable"
for cmd in status routes "history s" mismatches "ledger check" "report -o $WORK/report.html"; do
  # shellcheck disable=SC2086
  co $cmd
  assert_eq "$RC" 0 "$cmd on a read-only file system: $OUT"
done
assert_file "$WORK/report.html" "report written elsewhere"
co routes
assert_contains "$OUT" "shadow" "reads the real route"
co rollback s --reason "disk went read-only"
[ "$RC" -ne 0 ] || fail "rollback cannot write on a read-only file system: $OUT"
assert_contains "$OUT" "read-only" "says why"
assert_contains "$OUT" "make the folder writable" "says what to do"
cd "$WORK"
umount "$RO"
pass "damaged ledgers are refused with a way out; a read-only ledger can still be read"
