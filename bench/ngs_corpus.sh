#!/usr/bin/env bash
# Builds (once) the alignment benchmark corpus and prints its folder: a simulated genome
# (examples/ngs-align/simulate.py: the size of E. coli MG1655 by default, random because the
# real genome is not available offline), PAIRS read pairs of one sample, aligned by
# `bwa mem | samtools sort` and `minimap2 -ax sr | samtools sort` (coordinate-sorted BAMs),
# the same two BAMs collated by name, and variant calls from each (`bcftools mpileup | call`).
# usage: bench/ngs_corpus.sh   (PAIRS=2000000 GENOME=4641652 THREADS=2 by default)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${PAIRS:-2000000}
genome=${GENOME:-4641652}
threads=${THREADS:-2}
dir=${CUTOVER_BENCH_DIR:-/tmp/cutover-bench}/ngs-${genome}-${pairs}
if [ ! -s "$dir/mm2.vcf.gz" ]; then
  mkdir -p "$dir"
  cd "$dir"
  python3 "$root/examples/ngs-align/simulate.py" . --genome-length "$genome" --pairs "$pairs" >&2
  bwa index ref.fa 2>/dev/null
  samtools faidx ref.fa
  rg='@RG\tID:s1\tSM:s1'
  bwa mem -t "$threads" -R "$rg" ref.fa reads/s1_R1.fastq.gz reads/s1_R2.fastq.gz 2>/dev/null |
    samtools sort -@ "$threads" -o bwa.bam - 2>/dev/null
  minimap2 -t "$threads" -ax sr -R "$rg" ref.fa reads/s1_R1.fastq.gz reads/s1_R2.fastq.gz 2>/dev/null |
    samtools sort -@ "$threads" -o mm2.bam - 2>/dev/null
  for a in bwa mm2; do
    samtools collate -@ "$threads" -o "$a.collated.bam" "$a.bam" 2>/dev/null
    bcftools mpileup --threads "$threads" -f ref.fa "$a.bam" 2>/dev/null |
      bcftools call --threads "$threads" -mv -Oz -o "$a.vcf.gz.tmp" 2>/dev/null
    mv "$a.vcf.gz.tmp" "$a.vcf.gz"
  done
fi
echo "$dir"
