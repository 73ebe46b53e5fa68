#!/bin/sh
# Configures and builds cutover into build/ (or $BUILD_DIR). Extra arguments go to cmake;
# $BUILD_TARGETS (default: everything, tests included) names what ninja builds.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
# ccache (Debian `ccache`), when installed, with its cache outside the clone (ccache's default,
# ~/.cache/ccache, unless $CCACHE_DIR says otherwise): a fresh clone on the same machine (CI)
# reuses the objects of earlier builds.
# The settings below are part of the compiler launcher that cmake stores in the build folder,
# so a plain `ninja -C build` later (as developers run it) caches the same way: otherwise its
# entries, keyed by absolute paths, are of no use to a clone and push the clone's out.
launcher=""
if command -v ccache >/dev/null 2>&1; then
  # Paths relative to the clone, and the working directory left out of the hash, so that a
  # clone in another folder hits the same cache (debug info may then name the first folder).
  # The test binaries' precompiled header (CMakeLists.txt, CUTOVER_TEST_PCH): ccache caches it
  # and the files that use it only with these relaxations.
  launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=env;CCACHE_BASEDIR=$root;CCACHE_NOHASHDIR=1;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;ccache"
  # Three build folders (plain, sanitizers, fuzzing); the plain one holds 1.4 GB of objects.
  ccache --max-size=8G >/dev/null 2>&1 || true
fi
# shellcheck disable=SC2086
cmake -S "$root" -B "$build" -G Ninja $launcher "$@" >/dev/null
# shellcheck disable=SC2086
ninja -C "$build" ${BUILD_TARGETS:-}
