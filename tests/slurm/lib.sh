# Helpers for the Slurm end-to-end tests: the e2e helpers (e2e/lib.sh) plus the test cluster
# that the ctest fixture started (tests/slurm/cluster.sh; $SLURM_TEST_CLUSTER is its folder).
. "$(dirname "$0")/../e2e/lib.sh"
if [ ! -f "${SLURM_TEST_CLUSTER:-}/env" ]; then
  echo "SKIP [$TEST_NAME]: no test Slurm cluster (see tests/slurm/cluster.sh)"
  exit 77
fi
. "$SLURM_TEST_CLUSTER/env"

# The Slurm job ids of this test's executions, comma-separated (each side's job folder keeps it).
our_jobs() { find .cutover/scratch -name job_id -exec cat {} + 2>/dev/null | sort -n | paste -sd, -; }
# How many jobs this test submitted.
job_count() { find .cutover/scratch -name job_id 2>/dev/null | wc -l; }
# "ID STATE" of this test's jobs that Slurm still has pending, running or completing.
active_jobs() {
  local ids
  ids=$(our_jobs)
  [ -n "$ids" ] || return 0
  squeue -h -j "$ids" -o '%i %T' 2>/dev/null || true
}
# After a successful side cutover does not wait for its job's last moments (the wrapper has
# written its result; the job may still be COMPLETING for a moment): every job of this test
# must be gone from the queue shortly after cutover returns.
no_jobs_left() { wait_for "this test's jobs to leave the queue" '[ -z "$(active_jobs)" ]'; }
# The job id of the side that wrote the given job folder's job_id once it exists.
wait_job_running() {  # wait_job_running SIDE  -> prints the id of the first running job of SIDE
  local f id i
  for i in $(seq 1 300); do
    for f in $(find .cutover/scratch -path "*/$1.job/job_id" 2>/dev/null); do
      id=$(cat "$f")
      if [ "$(squeue -h -j "$id" -o %T 2>/dev/null)" = RUNNING ]; then echo "$id"; return 0; fi
    done
    sleep 0.1
  done
  fail "no running Slurm job for side $1"
}
