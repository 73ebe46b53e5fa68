#!/usr/bin/env bash
# cutover qc --fastqc-version V against the real FastQC V (argument: 0.11.9, Debian's `fastqc`,
# or 0.12.1, the oracle built from upstream's source by the ctest fixture, $FASTQC_0121):
# fastqc_data.txt and summary.txt must be byte-identical (the version line apart) on Debian's
# example reads and on generated quirk files (variable lengths, Ns, '.', lower case, Phred+64,
# Illumina 1.3, long reads, >100,000 distinct sequences, CASAVA sets with flagged reads,
# tile-less names, tile counts and sampling around both versions' limits, reads shorter than the
# adapters, contaminant hits of equal length), with the options that change the output, and
# FastQC's streaming input (stdin, stdin:NAME), and SAM/BAM input (aligned by bwa, and an
# unaligned BAM of real reads). The
# expected reports are made by FastQC itself, here or by an earlier run on the same inputs
# (oracle_cache.sh).
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
VERSION=${1:?usage: qc_golden.sh 0.11.9|0.12.1}
case $VERSION in
  0.11.9) FASTQC=(fastqc) ;;
  0.12.1) FASTQC=("${FASTQC_0121:?run through ctest: its fixture builds FastQC 0.12.1}") ;;
  *) fail "no FastQC $VERSION to compare with" ;;
esac
EXAMPLES=/usr/share/doc/trim-galore/examples
/usr/bin/python3 "$HERE/../qc/make_quirks.py" quirks

# compare_runs NAME DIR_FASTQC DIR_OURS: every report in DIR_FASTQC has an identical twin.
compare_runs() {
  local label="$1 [FastQC $VERSION]" a=$2 b=$3 n=0 zip base
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
    # (sed reads to the end: head would end unzip with SIGPIPE under pipefail)
    [ "$(unzip -p "$zip" "$base/fastqc_data.txt" | sed -n 1p)" = "##FastQC	$VERSION" ] \
      || fail "$label: FastQC's report is not version $VERSION's"
    unzip -p "$b/$base.zip" "$base/fastqc_data.txt" | sed -n 1p | grep -qx "##FastQC	$VERSION+cutover\..*" \
      || fail "$label: our version line"
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
  # (FastQC 0.12.1 prints the gzip content type on stdout.)
  # shellcheck disable=SC2086
  oracle_run fq -- "${FASTQC[@]}" -q -t 2 $theirs -o fq "$@" || true
  # shellcheck disable=SC2086
  "$CUTOVER" qc --fastqc-version "$VERSION" -q -t 2 $ours -o co "$@" || fail "$label: cutover qc failed"
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
# Two hits of the same length: 0.11.9 names the first contaminant, 0.12.1 the exact one.
run "equal-length contaminant hits" "--contaminants quirks/contaminants.txt" \
  "-c quirks/contaminants.txt" quirks/ranking.fq
want_hit=$([ "$VERSION" = 0.11.9 ] && echo "Near miss (97% over 40bp)" || echo "Exact match (100% over 40bp)")
unzip -p fq/ranking_fastqc.zip ranking_fastqc/fastqc_data.txt | grep -qF "$want_hit" \
  || fail "the ranking quirk no longer tells the versions apart (expected '$want_hit')"

if [ "$VERSION" = 0.12.1 ]; then
  # --dup_length (FastQC 0.12.1 hangs on reads shorter than it: every read here is longer).
  run "--dup_length 30" "--dup_length 30" "--dup_length 30" \
    "$EXAMPLES"/illumina_10K.fastq.gz quirks/duplicates.fastq.gz quirks/ranking.fq
  run "--dup_length 100" "--dup_length 100" "--dup_length 100" quirks/long.fastq.gz
  # --extract --delete: the folder and the HTML, no zip (compared from the folders).
  rm -rf fq co && mkdir fq co
  oracle_run fq -- "${FASTQC[@]}" -q --extract --delete -o fq quirks/short.fq || true
  "$CUTOVER" qc -q --extract --delete --svg --memory 1024 -o co quirks/short.fq \
    || fail "--extract --delete failed"
  assert_file fq/short_fastqc/fastqc_data.txt "FastQC --extract --delete"
  assert_no_file fq/short_fastqc.zip "FastQC --delete"
  assert_no_file co/short_fastqc.zip "--delete: the zip"
  assert_file co/short_fastqc.html "--delete: the HTML"
  cmp <(tail -n +2 fq/short_fastqc/fastqc_data.txt) <(tail -n +2 co/short_fastqc/fastqc_data.txt) \
    || fail "--extract --delete: fastqc_data.txt differs from FastQC's"
  pass "--extract --delete --svg --memory: as FastQC 0.12.1"
fi

# Streaming input: the file name "stdin" or "stdin:NAME" reads standard input (plain FASTQ, as
# FastQC reads it); the reports are named after NAME, in -o or the current folder.
zcat "$EXAMPLES"/illumina_10K.fastq.gz > stream.fq
for name in stdin stdin:S1_R1.fastq; do
  rm -rf fq co && mkdir fq co
  oracle_run -i stream.fq fq -- "${FASTQC[@]}" -q -o fq "$name" || true
  "$CUTOVER" qc --fastqc-version "$VERSION" -q -o co "$name" < stream.fq \
    || fail "$name: cutover qc failed"
  compare_runs "$name as the input" fq co
done
rm -rf cwd && mkdir cwd
(cd cwd && "$CUTOVER" qc --fastqc-version "$VERSION" -q stdin:S1_R1.fastq < ../stream.fq) \
  || fail "stdin without -o failed"
assert_file cwd/S1_R1_fastqc.zip "stdin:NAME without -o: the report in the current folder"
pass "stdin:NAME without -o writes NAME's report in the current folder"

# SAM/BAM input as FastQC reads it (docs/qc.md): reads simulated from a small genome and aligned
# by bwa mem -a (both strands, soft clips, secondary records without bases, supplementary and
# unmapped records) as BAM and SAM, and Debian's real reads as an unaligned BAM, by their names
# and by -f, every record and mapped ones only, with the reading thread alone and beside another.
/usr/bin/python3 "$HERE/../qc/make_alignments.py" sim
bwa index sim/ref.fa 2>/dev/null || fail "bwa index"
bwa mem -t 1 -a sim/ref.fa sim/reads.fq 2>/dev/null | samtools view -b -o sim/aligned.bam - \
  || fail "bwa mem"
samtools view -h -o sim/aligned_text.sam sim/aligned.bam || fail "samtools view"
samtools import -0 "$EXAMPLES"/illumina_10K.fastq.gz -O bam -o sim/illumina.ubam 2>/dev/null \
  || fail "samtools import"
cp sim/aligned.bam sim/aligned.data  # a name that says nothing: -f decides
# Edge records by hand: no qualities with a one-base soft clip (the clip takes the quality "*"
# too), a clip on both ends of a reverse read, IUPAC codes, '=' bases, lower case.
{ printf '@HD\tVN:1.6\n@SQ\tSN:c1\tLN:1000\n'
  printf 'e1\t0\tc1\t5\t20\t1S3M\t*\t0\t0\tACGT\t*\n'
  printf 'e2\t16\tc1\t9\t20\t2S4M1S\t*\t0\t0\tACGTRYN\tABCDEFG\n'
  printf 'e3\t0\tc1\t20\t20\t5M\t*\t0\t0\tAC=gt\tIIIII\n'
  printf 'e4\t4\t*\t0\t0\t*\t*\t0\t0\tNNNNN\t#####\n'; } > sim/edges.sam
run "edge records" "" "" sim/edges.sam
run "edge records, -f sam_mapped" "-f sam_mapped" "-f sam_mapped -t 1" sim/edges.sam
run "BAM, SAM and unaligned BAM by their names" "" "" \
  sim/aligned.bam sim/aligned_text.sam sim/illumina.ubam
run "-f bam_mapped" "-f bam_mapped" "-f bam_mapped" sim/aligned.bam sim/aligned_text.sam
run "-f sam_mapped, one thread" "-f sam_mapped" "-f sam_mapped -t 1" sim/aligned.bam
run "-f bam on any name, one thread" "-f bam" "-f bam -t 1" sim/aligned.data
# Decided (FastQC cannot): stdin:NAME.bam reads a BAM from standard input; the report is the
# file's, bar its name.
rm -rf co && mkdir co
"$CUTOVER" qc --fastqc-version "$VERSION" -q -o co stdin:S1.bam < sim/aligned.bam \
  || fail "stdin:S1.bam failed"
"$CUTOVER" qc --fastqc-version "$VERSION" -q -o co sim/aligned.bam || fail "aligned.bam failed"
cmp <(unzip -p co/S1_fastqc.zip S1_fastqc/fastqc_data.txt | grep -v '^Filename') \
  <(unzip -p co/aligned_fastqc.zip aligned_fastqc/fastqc_data.txt | grep -v '^Filename') \
  || fail "stdin:S1.bam: not the report of the same file read by its name"
pass "stdin:NAME.bam reads a BAM from standard input"

# --extract: the folder holds the same files as the zip.
rm -rf co && mkdir co
"$CUTOVER" qc -q --fastqc-version "$VERSION" --extract -o co "$EXAMPLES"/illumina_10K.fastq.gz
cmp <(unzip -p co/illumina_10K_fastqc.zip illumina_10K_fastqc/fastqc_data.txt) \
  co/illumina_10K_fastqc/fastqc_data.txt || fail "--extract: folder and zip differ"
assert_file co/illumina_10K_fastqc/summary.txt "--extract"
assert_file co/illumina_10K_fastqc/Images/per_base_quality.svg "--extract images"
pass "--extract unpacks the report"
oracle_cache_summary
