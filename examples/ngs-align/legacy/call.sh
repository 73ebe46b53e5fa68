#!/bin/sh
# Legacy variant calling step: bcftools mpileup | bcftools call (multiallelic caller, variant
# sites only), bgzipped.
# usage: call.sh REF.fa IN.bam OUT.vcf.gz
set -eu
ref=$1 bam=$2 out=$3
mkdir -p "$(dirname "$out")"
bcftools mpileup -f "$ref" "$bam" 2>/dev/null | bcftools call -mv -Oz -o "$out" 2>/dev/null
