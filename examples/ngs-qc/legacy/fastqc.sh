#!/bin/sh
# Legacy QC step, as it ran from cron for years: FastQC on one FASTQ file.
# usage: fastqc.sh READS.fastq.gz OUTDIR
set -eu
reads=$1
outdir=$2
mkdir -p "$outdir"
fastqc --quiet --outdir "$outdir" "$reads"
