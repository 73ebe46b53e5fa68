#!/usr/bin/env bash
# MultiQC 1.14's cutadapt module reads cutover trim's text report to the same values as
# cutadapt's own report on the same input (single- and paired-end; general stats, filtered
# reads and the trimmed-length data).
source "$(dirname "$0")/lib.sh"

command -v cutadapt >/dev/null || { echo "SKIP: cutadapt is not installed"; exit 0; }
command -v multiqc >/dev/null || { echo "SKIP: multiqc is not installed"; exit 0; }
EX=/usr/share/doc/trim-galore/examples
[ -f "$EX/illumina_10K.fastq.gz" ] || { echo "SKIP: trim-galore examples missing"; exit 0; }

A=AGATCGGAAGAGC
mkdir -p in a b
cp "$EX/illumina_10K.fastq.gz" in/sampleA.fastq.gz
cp "$EX/clock_10K_R1.fastq.gz" in/sampleB_R1.fastq.gz
cp "$EX/clock_10K_R2.fastq.gz" in/sampleB_R2.fastq.gz
for side in a b; do
  if [ $side = a ]; then tool=(cutadapt); else tool=("$CUTOVER" trim); fi
  (cd $side &&
    "${tool[@]}" -a $A -q 20 -m 20 -o A.fq.gz ../in/sampleA.fastq.gz > sampleA.log &&
    "${tool[@]}" -a $A -A $A -q 20 -m 30 --max-n 3 -o B1.fq -p B2.fq \
      ../in/sampleB_R1.fastq.gz ../in/sampleB_R2.fastq.gz > sampleB.log) ||
    fail "$side: trimming failed"
  (cd $side && multiqc -q -m cutadapt -f . > multiqc.out 2>&1) || fail "$side: multiqc failed: $(cat $side/multiqc.out)"
done
for f in multiqc_cutadapt.txt multiqc_general_stats.txt; do
  assert_file "a/multiqc_data/$f" "cutadapt's MultiQC data"
  assert_file "b/multiqc_data/$f" "cutover's MultiQC data"
  diff a/multiqc_data/$f b/multiqc_data/$f > diff.txt || fail "$f differs: $(cat diff.txt)"
done
assert_contains "$(cat b/multiqc_data/multiqc_cutadapt.txt)" "sampleB" "both samples parsed"
# The trimmed-length plots' data (counts and obs/exp per length) are in the report's JSON.
jq -S '.report_plot_data' a/multiqc_data/multiqc_data.json > a.plots.json
jq -S '.report_plot_data' b/multiqc_data/multiqc_data.json > b.plots.json
diff a.plots.json b.plots.json > plots.diff || fail "plot data differ: $(head -20 plots.diff)"
pass "MultiQC reads cutover trim's reports as cutadapt's"
