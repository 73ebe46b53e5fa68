#!/bin/sh
# The whole test suite: install, build, clang-tidy on the changed files (scripts/tidy.sh), run
# unit and end-to-end tests (ctest), then the same unit tests under AddressSanitizer +
# UndefinedBehaviorSanitizer, then a short fuzzing run. Each phase's duration is printed at the
# end (to see where CI time goes).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
timings=""
phase_start=$(date +%s)
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
ctest --test-dir "$root/build" --output-on-failure -j 2
phase_done "tests"
if [ "${CUTOVER_SKIP_SANITIZERS:-0}" != 1 ]; then
  BUILD_DIR="$root/build-asan" "$root/scripts/build.sh" -DCUTOVER_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  phase_done "sanitizer build"
  ctest --test-dir "$root/build-asan" --output-on-failure -j 2 -LE e2e
  phase_done "sanitizer tests"
fi
if [ "${CUTOVER_SKIP_FUZZ:-0}" != 1 ]; then
  "$root/scripts/fuzz.sh" "${CUTOVER_FUZZ_SECONDS:-10}"
  phase_done "fuzzing"
fi
printf 'Time per phase:\n%s' "$timings"
