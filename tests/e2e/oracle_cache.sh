# shellcheck shell=bash
# The reference tools' outputs (FastQC, cutadapt, Trim Galore, MultiQC: the oracles the
# end-to-end tests compare cutover with), kept between test runs by what determines them, as
# ccache keeps objects: a warm CI run does not run a JVM or a Python interpreter again on the
# same input to get the same answer. Sourced by lib.sh. docs/testing.md explains the key.
#
# oracle_run [-i STDIN] [-o STDOUT] [-e STDERR] OUTDIR -- PROGRAM ARG...
#   Runs PROGRAM ARG... in the current folder with standard input from the file STDIN
#   (default /dev/null) and standard output / error into the files STDOUT / STDERR (default:
#   discarded), and returns its exit code. OUTDIR is the folder the program writes its outputs
#   into (it must exist; "." for the current one; "-" when it writes no file): what it holds
#   afterwards is what the cache keeps. When the cache holds a run with the same key, OUTDIR, STDOUT and STDERR get that
#   run's files and its exit code is returned, and PROGRAM does not run.
#
# The key: the program's identity, not its path (its bytes; for a program inside a folder outside /usr, every
# file of that folder, as the FastQC 0.12.1 oracle built by ctest; the Debian versions of the
# packages the oracles consist of), every argument as written, with each argument that names an
# existing file or folder (or ends in =PATH, or in file:PATH) followed by the hash of its
# content, STDIN's content, what OUTDIR holds before the run, and the locale, time-zone and JVM
# settings. An argument under the test's temporary folder counts by its path inside it.
#
# CUTOVER_ORACLE_CACHE: the cache folder (default ~/.cache/cutover/oracles, outside the clone,
# so that a fresh clone on the same machine reuses it); "off" runs every oracle. Entries not
# used for 30 days are removed.

oracle_cache_dir() {
  case ${CUTOVER_ORACLE_CACHE:-} in
    off) return 1 ;;
    "") echo "${XDG_CACHE_HOME:-$HOME/.cache}/cutover/oracles" ;;
    *) echo "$CUTOVER_ORACLE_CACHE" ;;
  esac
}

# The hash of a file, or of a folder's files (names and contents).
oracle_content_hash() {
  if [ -d "$1" ]; then
    (cd "$1" && find . -type f ! -name '*.log' -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum) |
      sha256sum | cut -c1-64
  else
    sha256sum < "$1" | cut -c1-64
  fi
}

# Debian's versions of what the oracles are made of (the same program on another Java or
# Python may print numbers differently).
oracle_packages() {
  local f=$WORK/.oracle-packages
  if [ ! -f "$f" ]; then
    dpkg-query -W -f '${Package}=${Version} ' fastqc trim-galore cutadapt python3-cutadapt \
      python3-dnaio python3-isal multiqc python3 perl openjdk-17-jre-headless \
      default-jre-headless libhtsjdk-java libjbzip2-java libsis-jhdf5-java pigz zlib1g \
      > "$f" 2>/dev/null || true
  fi
  cat "$f"
}

oracle_identity() {
  local path
  path=$(command -v "$1") || { echo "missing $1"; return; }
  case $path in
    /usr/*|/bin/*) echo "program $path $(oracle_content_hash "$path")" ;;
    *) echo "program $(basename "$path") $(oracle_content_hash "$(dirname "$path")")" ;;
  esac
  echo "packages $(oracle_packages)"
}

# One argument of the command line as the key sees it.
oracle_describe_arg() {
  local a=$1 path shown
  if [ -e "$a" ]; then path=$a
  elif [[ $a == *=* && -e ${a##*=} ]]; then path=${a##*=}
  elif [[ $a == *file:* && -e ${a##*file:} ]]; then path=${a##*file:}
  fi
  shown=$a
  # shellcheck disable=SC2016 # (the name, literally: the same key whatever the folder)
  if [ -n "${WORK:-}" ]; then shown=${a//"$WORK"/'$WORK'}; fi
  if [ -n "${path:-}" ]; then echo "arg $shown content $(oracle_content_hash "$path")"
  else echo "arg $shown"; fi
}

# Runs PROGRAM ARG... itself: oracle_exec STDIN STDOUT STDERR PROGRAM ARG...; its exit code.
oracle_exec() {
  local stdin=$1 stdout=$2 stderr=$3 rc=0
  shift 3
  echo run >> "$ORACLE_CACHE_LOG"
  "$@" < "$stdin" > "$stdout" 2> "$stderr" || rc=$?
  return $rc
}

oracle_run() {
  local stdin=/dev/null stdout=/dev/null stderr=/dev/null opt OPTIND=1
  while getopts i:o:e: opt; do
    case $opt in
      i) stdin=$OPTARG ;;
      o) stdout=$OPTARG ;;
      e) stderr=$OPTARG ;;
      *) fail "oracle_run: unknown option" ;;
    esac
  done
  shift $((OPTIND - 1))
  local outdir=$1
  [ "${2:-}" = -- ] || fail "oracle_run: expected OUTDIR -- PROGRAM ARG..."
  shift 2
  [ "$outdir" = - ] || [ -d "$outdir" ] || fail "oracle_run: no folder $outdir"
  local cache key entry rc tmp a
  if ! cache=$(oracle_cache_dir); then
    oracle_exec "$stdin" "$stdout" "$stderr" "$@"
    return
  fi
  key=$({
    echo "cutover oracle cache 1"
    oracle_identity "$1"
    echo "env LC_ALL=${LC_ALL-} LANG=${LANG-} TZ=${TZ-} JAVA_TOOL_OPTIONS=${JAVA_TOOL_OPTIONS-}"
    for a in "${@:2}"; do oracle_describe_arg "$a"; done
    echo "stdin $(oracle_content_hash "$stdin")"
    [ "$outdir" = - ] || echo "outdir $outdir $(oracle_content_hash "$outdir")"
  } | sha256sum | cut -c1-64)
  entry=$cache/${key:0:2}/$key
  if [ -f "$entry/rc" ]; then
    [ "$outdir" = - ] || tar -xf "$entry/out.tar" -C "$outdir"
    cat "$entry/stdout" > "$stdout"
    cat "$entry/stderr" > "$stderr"
    touch "$entry"
    echo hit >> "$ORACLE_CACHE_LOG"
    return "$(cat "$entry/rc")"
  fi
  # The run is written beside the entries (the same file system, so that the rename that
  # publishes it is atomic); without a writable cache it runs as if the cache were off.
  if ! mkdir -p "$cache/${key:0:2}" 2>/dev/null ||
     ! tmp=$(mktemp -d "$cache/.new.XXXXXX" 2>/dev/null); then
    oracle_exec "$stdin" "$stdout" "$stderr" "$@"
    return
  fi
  rc=0
  oracle_exec "$stdin" "$tmp/stdout" "$tmp/stderr" "$@" || rc=$?
  cat "$tmp/stdout" > "$stdout"
  cat "$tmp/stderr" > "$stderr"
  echo "$rc" > "$tmp/rc"
  if [ "$outdir" = - ]; then tar -cf "$tmp/out.tar" -T /dev/null; else tar -cf "$tmp/out.tar" -C "$outdir" .; fi
  # Published whole or not at all (another test may have published the same entry meanwhile).
  mv -T "$tmp" "$entry" 2>/dev/null || rm -rf "$tmp"
  find "$cache" -mindepth 2 -maxdepth 2 -type d -mtime +30 -exec rm -rf {} + 2>/dev/null || true
  find "$cache" -maxdepth 1 -name '.new.*' -mmin +120 -exec rm -rf {} + 2>/dev/null || true
  return $rc
}

# What the test's oracle runs did, one line each ("run" or "hit"); subshells append too.
ORACLE_CACHE_LOG=${WORK:?lib.sh sets WORK}/.oracle-cache.log

# A line for the test's log: how many oracle runs came from the cache.
oracle_cache_summary() {
  echo "oracle runs: $(grep -c '^run' "$ORACLE_CACHE_LOG") run, $(grep -c '^hit' "$ORACLE_CACHE_LOG") from the cache ($(oracle_cache_dir || echo off))"
}
