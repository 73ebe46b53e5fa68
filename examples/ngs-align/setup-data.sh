#!/bin/sh
# The example's data, simulated (simulate.py): a 500 kb random reference in ref/ (indexed for
# bwa and samtools) and four samples' reads (20,000 read pairs each) with planted variants.
# Seconds per sample to align. $PAIRS and $GENOME change the sizes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/simulate.py" sim --genome-length "${GENOME:-500000}" --pairs "${PAIRS:-20000}" \
  --samples s1,s2,s3,s4
mkdir -p ref reads
mv sim/ref.fa ref/genome.fa
mv sim/truth.vcf ref/truth.vcf
mv sim/reads/* reads/
rm -rf sim
bwa index ref/genome.fa 2>/dev/null
samtools faidx ref/genome.fa
