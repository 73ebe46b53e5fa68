#!/bin/sh
# The whole test suite: install, build, clang-tidy on the changed files (scripts/tidy.sh), run
# the unit tests, then the end-to-end tests with the AddressSanitizer + UndefinedBehaviorSanitizer
# build beside them, the unit tests again in that build, then a short fuzzing run. Each phase's duration
# is printed at the end (to see where CI time goes).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
timings=""
phase_start=$(date +%s)
# (Printed on the way out, failed or not: where the time went is most wanted after a failure.)
trap 'printf "Time per phase:\n%s" "$timings"' EXIT
phase_done() {
  now=$(date +%s)
  timings="$timings$1: $((now - phase_start)) s
"
  phase_start=$now
}
"$root/scripts/install-deps.sh"
phase_done "install"
"$root/scripts/build.sh"
phase_done "build"
"$root/scripts/tidy.sh"
phase_done "clang-tidy"
ctest --test-dir "$root/build" --output-on-failure -j 2 -LE "e2e|slurm"
phase_done "unit tests"
# The sanitizer build runs beside the end-to-end tests, at the lowest CPU priority: those tests
# leave a third of the two cores idle (sleeping Slurm scenarios, JVM and Jupyter start-ups),
# which the build fills; its output goes to build-asan.log. Its unit tests run afterwards, on
# the whole machine: starved beside the end-to-end tests, a test with a wall-clock bound failed.
sanitizer_pid=""
if [ "${CUTOVER_SKIP_SANITIZERS:-0}" != 1 ]; then
  # (Each test binary one ctest test: an instrumented process per test cost more than the tests.)
  BUILD_DIR="$root/build-asan" nice -n 19 "$root/scripts/build.sh" -DCUTOVER_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=Debug -DCUTOVER_CTEST_PER_BINARY=ON > "$root/build-asan.log" 2>&1 &
  sanitizer_pid=$!
fi
e2e_rc=0
ctest --test-dir "$root/build" --output-on-failure -j 2 -L "e2e|slurm" || e2e_rc=$?
phase_done "end-to-end tests (the sanitizer build beside)"
if [ -n "$sanitizer_pid" ]; then
  if ! wait "$sanitizer_pid"; then
    tail -n 100 "$root/build-asan.log"
    echo "the sanitizer build failed: $root/build-asan.log" >&2
    exit 1
  fi
  phase_done "the sanitizer build's rest"
fi
[ "$e2e_rc" = 0 ] || { echo "end-to-end tests failed" >&2; exit 1; }
if [ -n "$sanitizer_pid" ]; then
  ctest --test-dir "$root/build-asan" --output-on-failure -j 2 -LE e2e
  phase_done "sanitizer tests"
fi
if [ "${CUTOVER_SKIP_FUZZ:-0}" != 1 ]; then
  "$root/scripts/fuzz.sh" "${CUTOVER_FUZZ_SECONDS:-10}"
  phase_done "fuzzing"
fi
