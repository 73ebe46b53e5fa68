#!/usr/bin/env bash
# A full disk costs a retry, never the pipeline: a publish that runs out of space replaces none
# of the task's outputs and leaves no temporary file behind, and the next run (space freed)
# finishes the work; with the disk holding the ledger completely full, reading commands work
# and `rollback` (the emergency command) still records its route change. Needs root (mounts
# small tmpfs file systems); the tests run as root in CI.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "mounts tmpfs file systems and needs root (the tests run as root in CI)"
MOUNTS=()
trap 'for m in "${MOUNTS[@]}"; do umount -l "$m" 2>/dev/null || true; done; cleanup' EXIT
small_fs() { mkdir -p "$1"; mount -t tmpfs -o "size=$2" tmpfs "$1"; MOUNTS+=("$1"); }
temps() { find "$1" -name '.*cutover-tmp*' | wc -l; }

# --- 1. Publishing onto a full output folder.
mkdir project && cd project
small_fs "$PWD/out" 5m
echo 1000 > "$WORK/big"
cat > cutover.yaml <<'Y'
samples: {list: [a, b]}
steps:
  s:
    outputs: {small: "out/{sample}.small", big: "out/{sample}.big"}
    legacy: {shell: "echo v$(cat ../../../../../../version) {sample} > {output.small}; head -c $(cat ../../../../../../big) /dev/zero > {output.big}"}
Y
echo 1 > "$WORK/version"
co run -j 1
assert_eq "$RC" 0 "first run: $OUT"
assert_eq "$(cat out/a.small)" "v1 a" "first run published"
# The step changes (its command line is part of the fingerprint) and now writes 3 MB per sample:
# sample a fits (3 of 5 MB), sample b's copy does not.
echo 2 > "$WORK/version"
sed -i 's/echo v/echo  v/' cutover.yaml
echo 3000000 > "$WORK/big"
co run -j 1
[ "$RC" -ne 0 ] || fail "a run whose publish hit a full disk must fail: $OUT"
assert_contains "$OUT" "No space left on device" "names the cause"
assert_contains "$OUT" "no output of this task was replaced" "says the outputs are untouched"
assert_eq "$(temps out)" 0 "no temporary file left behind in out/: $(ls -la out)"
assert_eq "$(cat out/a.small)" "v2 a" "sample a was published whole"
assert_eq "$(stat -c %s out/a.big)" 3000000 "sample a's big output"
# Sample b: both outputs still the old ones, never one new and one old.
assert_eq "$(cat out/b.small)" "v1 b" "b's small output was not replaced alone"
assert_eq "$(stat -c %s out/b.big)" 1000 "b's big output is the old one"
# The cause goes away (a's outputs shrink on the next change): the re-run finishes the work.
echo 1000000 > "$WORK/big"
sed -i 's/echo  v/echo   v/' cutover.yaml
echo 3 > "$WORK/version"
co run -j 1
assert_eq "$RC" 0 "the re-run after freeing space: $OUT"
assert_eq "$(cat out/b.small)" "v3 b" "b published"
assert_eq "$(stat -c %s out/b.big)" 1000000 "b's big output"
assert_eq "$(temps out)" 0 "no temporary files"
cd "$WORK"

# --- 2. The disk holding the ledger completely full.
small_fs "$WORK/full" 5m
cd "$WORK/full"
cat > cutover.yaml <<'Y'
samples: {list: [a]}
steps:
  s:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "echo legacy {sample} > {output.o}"}
    new: {shell: "echo new {sample} > {output.o}"}
Y
co run
assert_eq "$RC" 0 "run on the small disk: $OUT"
co route s shadow --reason "try it"
assert_eq "$RC" 0 "shadow: $OUT"
assert_file .cutover/ledger.db-reserve "the emergency reserve is kept beside the ledger"
dd if=/dev/zero of=filler bs=4k status=none 2>/dev/null || true
[ "$(df --output=avail -k . | tail -1 | tr -d ' ')" -eq 0 ] || fail "the disk is not full: $(df -k .)"
for cmd in status routes "history s" mismatches "report -o $WORK/report.html"; do
  # shellcheck disable=SC2086
  co $cmd
  assert_eq "$RC" 0 "$cmd on a full disk: $OUT"
done
assert_file "$WORK/report.html" "the report, written elsewhere"
co route s new --reason "go"
[ "$RC" -ne 0 ] || fail "a promotion cannot be written on a full disk: $OUT"
assert_contains "$OUT" "the disk holding the ledger is full" "says why"
assert_contains "$OUT" "cutover rollback STEP" "points at the emergency command"
co rollback s --reason "disk full, back to legacy"
assert_eq "$RC" 0 "rollback on a full disk: $OUT"
assert_eq "$(sqlite3 .cutover/ledger.db "SELECT to_mode FROM route_changes ORDER BY id DESC LIMIT 1")" \
  legacy "the rollback is recorded"
co routes
assert_contains "$OUT" "legacy" "routes shows the rollback"
# Space comes back: the reserve is made again by the next command.
rm filler
co status
assert_eq "$RC" 0 "status after freeing space: $OUT"
assert_file .cutover/ledger.db-reserve "the reserve is back"
cd "$WORK"
pass "a full disk replaces no output half-way, leaves no temporary files, and rollback works"
