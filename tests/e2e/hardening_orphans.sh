#!/usr/bin/env bash
# A side's processes never outlive their run. (1) After a kill -9 of cutover, what its sides
# started in the background (a shell's `&`, a tool's workers) is stopped by the next run before
# it redoes their tasks, instead of writing on beside the redo. (2) A closed output
# (`cutover run 2>&1 | head -1`) interrupts the run like Ctrl-C: exit code 130, the run recorded
# as interrupted, its sides stopped, and the re-run finishes the work.
. "$(dirname "$0")/lib.sh"
MARK="cutover-e2e-orphan-$$-$RANDOM"
alive() { pgrep -f -- "$1" >/dev/null; }
gone_pattern() { local i; for i in $(seq 1 50); do alive "$1" || return 0; sleep 0.1; done; return 1; }
trap 'pkill -9 -f -- "$MARK" 2>/dev/null || true; cleanup' EXIT

# --- 1. kill -9 while a side's background process runs.
mkdir orphans && cd orphans
cat > cutover.yaml <<Y
samples: {list: [a]}
steps:
  s:
    outputs: {o: "out/{sample}.txt"}
    legacy:
      shell: "if [ -e $WORK/quick ]; then echo done > {output.o}; exit 0; fi; bash -c 'exec -a $MARK-{sample} sleep 300' & touch $WORK/started; wait"
Y
"$CUTOVER" run -j 1 > run.log 2>&1 &
pid=$!
wait_for "the side's background process" "[ -e $WORK/started ] && alive $MARK-a"
kill -9 $pid
wait $pid 2>/dev/null || true
sleep 0.3
alive "$MARK-a" || fail "the setting is wrong: the background process should outlive a kill -9 of cutover"
touch "$WORK/quick"
co run -j 1
assert_eq "$RC" 0 "the re-run: $OUT"
assert_contains "$OUT" "stopped 1 process(es) left running by the dead run (pid $pid)" "says what it stopped"
assert_contains "$OUT" "of side s/" "names the side"
gone_pattern "$MARK-a" || fail "the dead run's background process is still running"
assert_eq "$(cat out/a.txt)" done "the task was redone"
assert_eq "$(find .cutover/scratch -name '*.group' | wc -l)" 0 "no process group record left"
# A run that ended normally leaves no record and nothing to stop.
co run -j 1
assert_not_contains "$OUT" "stopped" "nothing to stop after a clean run"
cd "$WORK"

# --- 2. The reader of cutover's output goes away.
mkdir pipe && cd pipe
cat > cutover.yaml <<Y
samples: {list: [a, b, c, d, e, f]}
steps:
  s:
    outputs: {o: "out/{sample}.txt"}
    legacy:
      shell: "bash -c 'exec -a $MARK-pipe-{sample} sleep 0.7'; echo {sample} > {output.o}"
Y
set +e
first=$("$CUTOVER" run -j 1 2>&1 | head -1; exit "${PIPESTATUS[0]}")
rc=$?
set -e
assert_contains "$first" "[1/6] s a: published" "the first line reached the reader"
assert_eq "$rc" 130 "a closed output interrupts the run (not a death by SIGPIPE, 141)"
assert_eq "$(sql "select status from runs order by id desc limit 1")" interrupted "the run is recorded as interrupted"
assert_eq "$(sql "select count(*) from tasks where status='running'")" 0 "no task left running"
published=$(ls out | wc -l)
[ "$published" -ge 1 ] && [ "$published" -lt 6 ] || fail "the run stopped part-way: $published published"
gone_pattern "$MARK-pipe" || fail "a side of the interrupted run is still running"
co run -j 1
assert_eq "$RC" 0 "the re-run: $OUT"
assert_contains "$OUT" "$((6 - published)) published" "the re-run finishes the work"
assert_contains "$OUT" "$published up to date" "and keeps what was published"
pass "background processes of a killed run stopped; a closed output interrupts the run ($published of 6 published first)"
