#!/bin/sh
# The new aligner: minimap2's short-read preset, sorted by samtools as before.
# usage: align.sh REF.fa SAMPLE R1.fastq.gz R2.fastq.gz OUT.bam
set -eu
ref=$1 sample=$2 r1=$3 r2=$4 out=$5
mkdir -p "$(dirname "$out")"
minimap2 -t 1 -ax sr -R "@RG\tID:$sample\tSM:$sample" "$ref" "$r1" "$r2" 2>/dev/null |
  samtools sort -o "$out" - 2>/dev/null
