#!/usr/bin/env bash
# Builds (once) the realistic benchmark corpus of ../shared/data/make-corpus.sh into
# $CUTOVER_BENCH_DIR/corpus (default /tmp/cutover-bench/corpus) and prints its path.
# Installs the simulator and pigz from Debian when missing. ~3 GB, a few minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${CUTOVER_BENCH_DIR:-/tmp/cutover-bench}/corpus
recipe=${CUTOVER_CORPUS_RECIPE:-$root/../shared/data/make-corpus.sh}
if [ ! -s "$dir/se150_2M.fastq.gz" ]; then
  need=""
  for p in art-nextgen-simulation-tools pigz python3; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
  done
  if [ -n "$need" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get install -y -qq --no-install-recommends $need >/dev/null
  fi
  [ -f "$recipe" ] || { echo "corpus recipe not found: $recipe (set CUTOVER_CORPUS_RECIPE)" >&2; exit 2; }
  mkdir -p "$dir"
  sh "$recipe" "$dir" >&2
fi
echo "$dir"
