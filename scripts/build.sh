#!/bin/sh
# Configures and builds cutover into build/ (or $BUILD_DIR). Extra arguments go to cmake.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
ninja -C "$build"
