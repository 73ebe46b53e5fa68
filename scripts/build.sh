#!/bin/sh
# Configures and builds cutover into build/ (or $BUILD_DIR). Extra arguments go to cmake;
# $BUILD_TARGETS (default: everything, tests included) names what ninja builds.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
# shellcheck disable=SC2086
ninja -C "$build" ${BUILD_TARGETS:-}
