#!/bin/sh
# Legacy adapter-trimming step: Trim Galore with its defaults (adapter auto-detection,
# Q20 quality trimming, 20 bp length filter).
# usage: trim.sh READS.fastq.gz OUTDIR
set -eu
reads=$1
outdir=$2
mkdir -p "$outdir"
trim_galore --output_dir "$outdir" "$reads"
