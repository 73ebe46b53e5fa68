#!/usr/bin/env bash
# All-legacy run through Slurm: each execution is one job (SLURM_JOB_ID is set inside), outputs
# are published as for local runs, resource use is measured inside the job, a step with
# `executor: local` still runs here, and resume skips without submitting anything.
. "$(dirname "$0")/lib.sh"
mkdir -p in
printf 'hello\n' > in/a.txt
printf 'world\n' > in/b.txt
cat > cutover.yaml <<'Y'
settings:
  executor: {kind: slurm, partition: debug, cpus: 1, mem: 100M}
samples:
  glob: "in/{sample}.txt"
steps:
  upper:
    inputs: {text: "in/{sample}.txt"}
    outputs: {up: "out/{sample}.upper"}
    legacy:
      shell: "echo job=$SLURM_JOB_ID >&2; tr a-z A-Z < {input.text} > {output.up}"
  count:
    inputs: {up: "out/{sample}.upper"}
    outputs: {n: "out/{sample}.count"}
    executor: local
    legacy:
      shell: "echo job=$SLURM_JOB_ID >&2; wc -c < {input.up} > {output.n}"
  total:
    scope: all
    inputs: {counts: "out/{sample}.count"}
    outputs: {sum: "out/total.txt"}
    legacy:
      shell: "cat {input.counts} | paste -sd+ | bc > {output.sum}"
Y
co validate
assert_eq "$RC" 0 "validate: $OUT"
start=$(date +%s.%N)
co run -j 2
assert_eq "$RC" 0 "run exit code: $OUT"
took=$(echo "$(date +%s.%N) - $start" | bc)
assert_eq "$(cat out/a.upper)" "HELLO" "upper a"
assert_eq "$(cat out/b.count)" "6" "count b"
assert_eq "$(cat out/total.txt)" "12" "total"
assert_contains "$OUT" "5 tasks: 5 published" "run summary"
assert_eq "$(job_count)" 3 "one job per Slurm execution (upper a, upper b, total)"
assert_eq "$(find .cutover/scratch/count -name job_id | wc -l)" 0 "the local step submitted nothing"
for f in .cutover/scratch/upper/*/legacy.stderr; do
  assert_contains "$(cat "$f")" "job=" "stderr kept"
  [[ "$(cat "$f")" =~ job=[0-9]+ ]] || fail "upper ran outside Slurm: $(cat "$f")"
done
assert_eq "$(cat .cutover/scratch/count/*/legacy.stderr | sort -u)" "job=" "count ran locally"
# Exit status and resource use are recorded as for local runs (measured inside the job).
assert_eq "$(sql "select count(*) from executions where step='upper' and status='succeeded' and exit_code=0 and wall_ms > 0 and max_rss_kb > 0")" 2 "exit and resources recorded"
no_jobs_left

co run
assert_contains "$OUT" "5 up to date" "resume skips"
assert_eq "$(job_count)" 3 "resume submitted nothing"
pass "legacy through Slurm: 3 jobs, local step, resources, resume (first run ${took}s)"
