#!/bin/sh
# The legacy pipeline as cron ran it every Monday: align every sample, then call variants.
set -eu
cd "$(dirname "$0")/.."
for r1 in reads/*_R1.fastq.gz; do
  s=$(basename "$r1" _R1.fastq.gz)
  legacy/align.sh ref/genome.fa "$s" "$r1" "reads/${s}_R2.fastq.gz" "results/bam/$s.bam"
  legacy/call.sh ref/genome.fa "results/bam/$s.bam" "results/vcf/$s.vcf.gz"
done
