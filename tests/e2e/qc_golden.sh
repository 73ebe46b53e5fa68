#!/usr/bin/env bash
# cutover qc against the installed FastQC 0.11.9: fastqc_data.txt and summary.txt must be
# byte-identical (the version line apart) on Debian's example reads and on generated quirk files
# (variable lengths, Ns, '.', lower case, Phred+64, Illumina 1.3, long reads, >100,000 distinct
# sequences, CASAVA sets with flagged reads, tile-less names, >1000 tiles, reads shorter than
# the adapters), with the options that change the output. The expected reports are made here,
# now, by FastQC itself.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
EXAMPLES=/usr/share/doc/trim-galore/examples
/usr/bin/python3 "$HERE/../qc/make_quirks.py" quirks

# compare_runs NAME DIR_FASTQC DIR_OURS: every report in DIR_FASTQC has an identical twin.
compare_runs() {
  local label=$1 a=$2 b=$3 n=0 zip base
  for zip in "$a"/*_fastqc.zip; do
    base=$(basename "$zip" .zip)
    assert_file "$b/$base.zip" "$label: our report for $base"
    assert_file "$b/$base.html" "$label: our HTML for $base"
    for f in fastqc_data.txt summary.txt; do
      unzip -p "$zip" "$base/$f" | tail -n +2 > want.txt
      unzip -p "$b/$base.zip" "$base/$f" | tail -n +2 > got.txt
      [ -s want.txt ] || fail "$label: FastQC wrote no $f for $base"
      if ! cmp -s want.txt got.txt; then
        diff want.txt got.txt | head -20 >&2
        fail "$label: $base/$f differs from FastQC's"
      fi
    done
    head -c 19 <(unzip -p "$b/$base.zip" "$base/fastqc_data.txt") | grep -q '^##FastQC' \
      || fail "$label: version line"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || fail "$label: FastQC made no report"
  pass "$label: $n report(s) identical to FastQC's"
}

# run LABEL "OPTIONS FOR FASTQC" "OPTIONS FOR US" FILES...
run() {
  local label=$1 theirs=$2 ours=$3
  shift 3
  rm -rf fq co && mkdir fq co
  # shellcheck disable=SC2086
  fastqc -q -t 2 $theirs -o fq "$@" >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  "$CUTOVER" qc -q -t 2 $ours -o co "$@" || fail "$label: cutover qc failed"
  compare_runs "$label" fq co
}

run "trim-galore examples" "" "" "$EXAMPLES"/*.fastq.gz "$EXAMPLES"/*.fq.gz
run "quirk files" "" "" quirks/*.fq quirks/*.fastq quirks/*.fastq.gz
run "--nogroup" "--nogroup" "--nogroup" quirks/variable.fastq quirks/long.fastq.gz
run "--expgroup and one thread" "--expgroup" "--expgroup -t 1" quirks/variable.fastq "$EXAMPLES"/illumina_10K.fastq.gz
run "--casava" "--casava" "--casava" quirks/sample_L001_R1_00*.fastq.gz
run "--casava --nofilter" "--casava --nofilter" "--casava --nofilter" quirks/sample_L001_R1_00*.fastq.gz
# FastQC's own option parser finds -c ambiguous: it is given the long names.
run "custom adapters, contaminants, limits" \
  "--adapters quirks/adapters.txt --contaminants quirks/contaminants.txt --limits quirks/limits.txt" \
  "-a quirks/adapters.txt -c quirks/contaminants.txt -l quirks/limits.txt" \
  quirks/duplicates.fastq.gz quirks/variable.fastq
# (beyond the longest read FastQC 0.11.9 fails; at it, Adapter Content gains rows)
run "--min_length" "--min_length 150" "--min_length 150" "$EXAMPLES"/illumina_10K.fastq.gz

# --extract: the folder holds the same files as the zip.
rm -rf co && mkdir co
"$CUTOVER" qc -q --extract -o co "$EXAMPLES"/illumina_10K.fastq.gz
cmp <(unzip -p co/illumina_10K_fastqc.zip illumina_10K_fastqc/fastqc_data.txt) \
  co/illumina_10K_fastqc/fastqc_data.txt || fail "--extract: folder and zip differ"
assert_file co/illumina_10K_fastqc/summary.txt "--extract"
assert_file co/illumina_10K_fastqc/Images/per_base_quality.svg "--extract images"
pass "--extract unpacks the report"
