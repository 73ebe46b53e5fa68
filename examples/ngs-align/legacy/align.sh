#!/bin/sh
# Legacy alignment step, as the lab's cron job ran it: bwa mem, sorted by samtools.
# usage: align.sh REF.fa SAMPLE R1.fastq.gz R2.fastq.gz OUT.bam   (REF indexed by `bwa index`)
set -eu
ref=$1 sample=$2 r1=$3 r2=$4 out=$5
mkdir -p "$(dirname "$out")"
bwa mem -t 1 -R "@RG\tID:$sample\tSM:$sample" "$ref" "$r1" "$r2" 2>/dev/null |
  samtools sort -o "$out" - 2>/dev/null
