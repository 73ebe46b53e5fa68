#!/bin/sh
# Puts the real reads shipped by Debian's trim-galore package into reads/ (one file per sample).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${TRIM_GALORE_EXAMPLES:-/usr/share/doc/trim-galore/examples}
mkdir -p "$here/reads"
for f in illumina_10K nextera_100K smallRNA_100K; do
  cp "$src/$f.fastq.gz" "$here/reads/$f.fastq.gz"
done
cp "$src/clock_10K_R1.fastq.gz" "$here/reads/clock_10K.fastq.gz"
