#!/bin/sh
# clang-tidy (the checks in .clang-tidy) on the C++ files that changed: the .cc files changed
# since $CUTOVER_TIDY_BASE (default: the previous commit, HEAD~1) and not yet committed, plus
# the .cc files beside any header that changed (with warnings shown for those headers). Files
# already found clean with the same content and configuration are skipped (a cache under
# ${XDG_CACHE_HOME:-~/.cache}/cutover-tidy). CUTOVER_TIDY=all checks every file;
# CUTOVER_TIDY=0 skips the check. Exits non-zero when any file has a warning.
# Needs build/compile_commands.json (scripts/build.sh writes it); $BUILD_DIR names another.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
mode=${CUTOVER_TIDY:-changed}
[ "$mode" = 0 ] && exit 0
if ! command -v clang-tidy >/dev/null 2>&1; then
  echo "tidy: clang-tidy is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json: build first" >&2; exit 1; }
cd "$root"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/cutover-tidy
mkdir -p "$cache"

if [ "$mode" = all ]; then
  files=$(git ls-files 'src/*.cc')
  headers=""
else
  base=${CUTOVER_TIDY_BASE:-HEAD~1}
  git rev-parse -q --verify "$base^{commit}" >/dev/null || base=$(git hash-object -t tree /dev/null)
  changed=$( (git diff --name-only --diff-filter=d "$base" -- 'src/*'; git ls-files --others --exclude-standard 'src/*') | sort -u)
  headers=$(printf '%s\n' $changed | grep '\.h$' || true)
  files=$( (printf '%s\n' $changed | grep '\.cc$' || true
           for h in $headers; do
             for c in "${h%.h}.cc" "${h%.h}_test.cc"; do [ -f "$c" ] && echo "$c"; done
           done) | sort -u)
fi
[ -n "$files" ] || { echo "tidy: no changed C++ files"; exit 0; }

# Warnings in changed headers are shown; others' headers are not this change's business.
filter='^$'
[ -n "$headers" ] && filter=$(printf '%s\n' $headers | sed 's/[.]/[.]/g' | paste -sd'|')
config=$( (cat .clang-tidy; clang-tidy --version) | sha256sum | cut -c1-16)

todo=""
for f in $files; do
  key=$( (echo "$config $filter"; cat "$f") | sha256sum | cut -c1-32)
  [ -f "$cache/$key" ] || todo="$todo $f"
done
n_all=$(printf '%s\n' $files | wc -l)
n_todo=$(printf '%s\n' $todo | grep -c . || true)
echo "tidy: $n_todo of $n_all changed file(s) to check (the others are cached as clean)"
[ "$n_todo" -gt 0 ] || exit 0

log=$(mktemp)
db=$(mktemp -d)
trap 'rm -rf "$log" "$db"' EXIT
# The compile database without GCC's precompiled headers (clang cannot read a .gch; each file
# then includes its headers itself) and without GCC-only warning options.
python3 - "$build/compile_commands.json" "$db/compile_commands.json" <<'PY'
import json, re, sys
entries = json.load(open(sys.argv[1]))
for e in entries:
    cmd = e["command"]
    cmd = re.sub(r" -include \S*cmake_pch\.hxx", "", cmd)
    cmd = re.sub(r" -Winvalid-pch| -Wno-stringop-overflow| -Wno-stringop-overread", "", cmd)
    e["command"] = cmd
json.dump(entries, open(sys.argv[2], "w"))
PY
# Two at a time; each file's output whole, so that messages do not interleave.
printf '%s\n' $todo | xargs -P "${CUTOVER_TIDY_JOBS:-2}" -I{} sh -c '
  out=$(clang-tidy -p "$1" --quiet --header-filter="$2" "$3" 2>/dev/null)
  if printf "%s" "$out" | grep -q "warning:\|error:"; then
    printf "%s\n" "$out" >>"$4"; echo "tidy: FAIL $3" >&2
  else
    key=$( (echo "$5 $2"; cat "$3") | sha256sum | cut -c1-32); touch "$6/$key"
  fi' tidy "$db" "$filter" {} "$log" "$config" "$cache"
if [ -s "$log" ]; then
  cat "$log"
  echo "tidy: warnings above (fix them, or explain a deliberate exception with NOLINT(check): why)" >&2
  exit 1
fi
echo "tidy: clean"
