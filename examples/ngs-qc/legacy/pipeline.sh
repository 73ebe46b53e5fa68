#!/bin/sh
# The legacy pipeline as it ran before cutover: every Monday at 06:00 (see crontab), QC and trim
# every FASTQ in reads/, then write the weekly summary. No isolation, no comparison, no record:
# exactly what cutover.yaml now wraps, step by step.
set -eu
cd "$(dirname "$0")/.."
for reads in reads/*.fastq.gz; do
  legacy/fastqc.sh "$reads" results/qc
  legacy/trim.sh "$reads" results/trimmed
done
legacy/weekly_summary.py results/weekly_summary.tsv \
  --qc results/qc/*_fastqc.zip --trim results/trimmed/*_trimming_report.txt
