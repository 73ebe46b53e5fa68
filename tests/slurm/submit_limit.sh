#!/usr/bin/env bash
# sbatch refusing a job because a limit on queued jobs is reached (here a stand-in sbatch first
# on PATH answers as Slurm does for QOSMaxSubmitJobPerUserLimit, then hands over to the real
# one): cutover says so, waits and submits again, and the side runs; Ctrl-C ends the wait.
. "$(dirname "$0")/lib.sh"
real_sbatch=$(command -v sbatch)
mkdir -p fakebin
cat > fakebin/sbatch <<S
#!/bin/sh
n=\$(cat "$WORK/sbatch.count" 2>/dev/null || echo 0)
n=\$((n + 1))
echo \$n > "$WORK/sbatch.count"
if [ "\$n" -le "\${REFUSE:-2}" ]; then
  echo "sbatch: error: QOSMaxSubmitJobPerUserLimit" >&2
  echo "sbatch: error: Batch job submission failed: Job violates accounting/QOS policy (job submit limit, user's size and/or time limits)" >&2
  exit 1
fi
exec "$real_sbatch" "\$@"
S
chmod +x fakebin/sbatch
cat > cutover.yaml <<'Y'
settings:
  executor: {kind: slurm, partition: debug, cpus: 1, mem: 100M}
samples:
  list: [a]
steps:
  work:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo job=$SLURM_JOB_ID > {output.out}"}
Y
export PATH="$WORK/fakebin:$PATH"
co run
assert_eq "$RC" 0 "the run succeeds once Slurm accepts the job: $OUT"
assert_eq "$(cat sbatch.count)" 3 "two refusals, then the job"
assert_contains "$OUT" "work a (legacy): Slurm refused the job for now: sbatch: error: Batch job submission failed: Job violates accounting/QOS policy" "the wait is said"
assert_contains "$OUT" "submitting again in 5.0s (try 2)" "first wait"
assert_contains "$OUT" "submitting again in 10.0s (try 3)" "the next wait is longer"
assert_contains "$OUT" "work a (legacy): submitted to Slurm at try 3" "the end of the wait is said"
grep -q '^job=[0-9]' out/a.txt || fail "the side ran as a Slurm job: $(cat out/a.txt)"
no_jobs_left

# Always refused: Ctrl-C ends the wait at once; nothing was queued.
rm -f sbatch.count
REFUSE=1000 "$CUTOVER" run --force >run.log 2>&1 &
pid=$!
wait_for "the first refusal" 'grep -q "Slurm refused the job for now" run.log'
kill -INT "$pid"
set +e
wait "$pid"
rc=$?
set -e
assert_eq "$rc" 130 "interrupted while waiting: $(cat run.log)"
assert_eq "$(sql "select status from executions order by id desc limit 1")" interrupted "the side is recorded interrupted"
no_jobs_left
pass "a full queue is waited for with a message, then the job is submitted; Ctrl-C ends the wait"
