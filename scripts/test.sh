#!/bin/sh
# The whole test suite: install, build, clang-tidy on the changed files (scripts/tidy.sh), run
# unit and end-to-end tests (ctest), then the same unit tests under AddressSanitizer +
# UndefinedBehaviorSanitizer, then a short fuzzing run.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
"$root/scripts/tidy.sh"
ctest --test-dir "$root/build" --output-on-failure -j 2
if [ "${CUTOVER_SKIP_SANITIZERS:-0}" != 1 ]; then
  BUILD_DIR="$root/build-asan" "$root/scripts/build.sh" -DCUTOVER_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  ctest --test-dir "$root/build-asan" --output-on-failure -j 2 -LE e2e
fi
if [ "${CUTOVER_SKIP_FUZZ:-0}" != 1 ]; then
  "$root/scripts/fuzz.sh" "${CUTOVER_FUZZ_SECONDS:-10}"
fi
