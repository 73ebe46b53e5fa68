#!/usr/bin/env bash
# Prints the FastQC command of version $1 for the qc benchmarks: 0.11.9 is Debian's `fastqc`;
# 0.12.1 is built from ../shared/oracles into the folder $2 (a benchmark's scratch folder).
# usage: bench/fastqc.sh 0.11.9|0.12.1 DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case ${1:-} in
  0.11.9) echo fastqc ;;
  0.12.1) "$root/../shared/oracles/fastqc-0.12.1/build.sh" "${2:?usage: bench/fastqc.sh VERSION DIR}/fastqc-0.12.1" ;;
  *) echo "FASTQC_VERSION: 0.11.9 or 0.12.1" >&2; exit 2 ;;
esac
