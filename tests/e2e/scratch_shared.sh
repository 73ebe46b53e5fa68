#!/usr/bin/env bash
# Scratch retention with several cutover processes on one project (a workflow engine's jobs):
# a process cleaning old scratch folders never removes one whose task another process is still
# running (it would pull the working folder from under a running side). Retention catches up
# once that task has ended.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<Y
settings:
  retain_scratch: 1
samples:
  list: [slow, a, b, c]
steps:
  mark:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "if [ {sample} = slow ]; then while [ -e '$PWD/hold' ]; do sleep 0.05; done; fi; echo {sample} > {output.out}"}
    new: {shell: "if [ {sample} = slow ]; then while [ -e '$PWD/hold_new' ]; do sleep 0.05; done; fi; echo {sample} > {output.out}"}
Y
touch hold
"$CUTOVER" step mark --sample slow > slow.log 2>&1 &
pid=$!
wait_for "the slow side to start" '[ "$(started_sides mark)" -ge 1 ]'
slow_task=$(sql "select id from tasks where sample='slow'")
# Another process runs three tasks of the same step; each one's end cleans the step's scratch.
co run --samples a,b,c
assert_eq "$RC" 0 "other process: $OUT"
assert_eq "$(cat out/c.txt)" c "the other process's work"
[ -d ".cutover/scratch/mark/$slow_task/legacy" ] || fail "the running task's scratch folder was removed by another process"
rm hold
set +e; wait $pid; rc=$?; set -e
assert_eq "$rc" 0 "the slow task: $(cat slow.log)"
assert_eq "$(cat out/slow.txt)" slow "published"
assert_eq "$(sql "select status from tasks where sample='slow'")" published "recorded"

# In shadow, a task is published when its serving side is done, while its shadow side may still
# run (and then be compared) in the task's folder: still not to be removed.
co route mark shadow --reason "test"
touch hold_new
"$CUTOVER" step mark --sample slow --force > slow.log 2>&1 &
pid=$!
wait_for "the slow task to be published" '[ "$(sql "select count(*) from tasks where sample='"'slow'"' and status='"'published'"'")" = 2 ]'
slow_task=$(sql "select max(id) from tasks where sample='slow'")
co run --samples a,b,c --force
assert_eq "$RC" 0 "other process, shadow: $OUT"
[ -d ".cutover/scratch/mark/$slow_task/new" ] || fail "a published task's running shadow lost its folder"
rm hold_new
set +e; wait $pid; rc=$?; set -e
assert_eq "$rc" 0 "the slow shadow task: $(cat slow.log)"
assert_eq "$(sql "select outcome from comparisons where task_id=$slow_task")" match "its shadow compared"

# Nothing runs any more: the next task's clean-up keeps only the newest folder.
co run --samples a --force
assert_eq "$RC" 0 "last run: $OUT"
assert_eq "$(ls .cutover/scratch/mark | wc -l)" 1 "retention applies once nothing runs"
pass "scratch retention never removes a folder another process is using"
