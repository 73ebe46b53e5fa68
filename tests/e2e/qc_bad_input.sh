#!/usr/bin/env bash
# cutover qc on broken input: a clear error naming the file and the record, a non-zero exit, no
# report under the final names (nor temporary files), and the other inputs still reported.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
EXAMPLES=/usr/share/doc/trim-galore/examples
mkdir out
good() { printf '@r%s\nACGTACGTAC\n+\nIIIIIIIIII\n' "$1"; }

{ good 1; good 2; printf '@r3\nACGTACGTAC\n+\nIIIII\n'; good 4; } > short_quality.fq
{ good 1; printf '@r2\nACGTACGTAC\nIIIIIIIIII\n'; good 3; } > missing_plus.fq
{ good 1; good 2; printf 'r3\nACGTACGTAC\n+\nIIIIIIIIII\n'; } > no_at.fq
: > empty.fq
{ good 1; printf '@r2\nACGTACGTAC\n+\nIIII\037IIIII\n'; } > low_quality.fq
head -c 3000 /dev/urandom > garbage.fq
head -c 200000 "$EXAMPLES/illumina_10K.fastq.gz" > truncated.fastq.gz

check() {  # check FILE EXPECTED_MESSAGE_PART
  local f=$1 want=$2 base
  co qc -q -o out "$f"
  [ "$RC" -ne 0 ] || fail "$f: exit 0"
  assert_contains "$OUT" "$f" "$f: the message names the file"
  assert_contains "$OUT" "$want" "$f: the message says what is wrong"
  base=${f%.gz}; base=${base%.fq}; base=${base%.fastq}
  assert_no_file "out/${base}_fastqc.zip" "$f"
  assert_no_file "out/${base}_fastqc.html" "$f"
  [ -z "$(ls -A out)" ] || fail "$f: left files in the output folder: $(ls -A out)"
  pass "$f: $(grep -o 'record.*' <<<"$OUT" | head -1)"
}
check short_quality.fq "record 3 (line 12): quality has 5 characters, sequence has 10"
check missing_plus.fq "record 2 (line 7): expected the '+' line"
check no_at.fq "record 3 (line 9): header does not start with '@'"
check empty.fq "no reads: the file is empty"
check low_quality.fq "record 2 (line 8): quality character 0x1f is outside"
check garbage.fq "record 1"
check truncated.fastq.gz "truncated gzip stream"

# SAM/BAM input: a truncated BAM, a malformed SAM record, a CRAM (no reference to decode it),
# and with -f bam_mapped a soft clip longer than the record's bases (FastQC fails on it too).
sam_header=$'@HD\tVN:1.6\n@SQ\tSN:c1\tLN:1000'
printf '%s\n' "$sam_header" $'r1\t0\tc1\t10\t60\t4M\t*\t0\t0\tACGT\tIIII' \
  $'r2\t0\tc1\tten\t60\t4M\t*\t0\t0\tACGT\tIIII' > malformed.sam
printf '%s\n' "$sam_header" $'r1\t0\tc1\t10\t60\t4M\t*\t0\t0\tACGT\tIIII' \
  $'r2\t256\tc1\t10\t60\t3S4M\t*\t0\t0\t*\t*' > clipped.sam
samtools import -0 "$EXAMPLES/illumina_10K.fastq.gz" -O bam -o whole.bam 2>/dev/null || fail "samtools import"
head -c 150000 whole.bam > truncated.bam
printf '>c1\n%s\n' "$(printf 'ACGT%.0s' $(seq 250))" > ref.fa
head -n 3 malformed.sam | samtools view -C -T ref.fa -o reads.cram - || fail "samtools view -C"
check_alignments() {  # FILE EXPECTED_MESSAGE_PART [OPTIONS]
  local f=$1 want=$2
  co qc -q -o out ${3:-} "$f"  # (options split into words)
  [ "$RC" -ne 0 ] || fail "$f: exit 0"
  assert_contains "$OUT" "$f" "$f: the message names the file"
  assert_contains "$OUT" "$want" "$f: the message says what is wrong"
  [ -z "$(ls -A out)" ] || fail "$f: left files in the output folder: $(ls -A out)"
  pass "$f: $(grep -o "$f.*" <<<"$OUT" | head -1)"
}
check_alignments truncated.bam "truncated: the file ends"
check_alignments malformed.sam "record 2 (line 4): cannot read it"
check_alignments reads.cram "a CRAM file needs its reference: cutover qc, like FastQC, takes no reference" "-f bam"
check_alignments clipped.sam "record 2 (line 4): read r2: its soft clip of 3 bases is longer" "-f sam_mapped"
co qc -q -o out stdin:piped.sam < malformed.sam
[ "$RC" -ne 0 ] || fail "stdin:piped.sam: exit 0"
assert_contains "$OUT" "stdin: record 2 (line 4): cannot read it" "a SAM file on standard input"
[ -z "$(ls -A out)" ] || fail "stdin:piped.sam: left files in the output folder: $(ls -A out)"
pass "stdin:piped.sam: the error names standard input and the record"
co qc -q -o out clipped.sam
assert_eq "$RC" 0 "clipped.sam, every record: nothing is cut, so it reads"
rm -f out/*

# One bad file among good ones: the good ones get their reports, the exit status says failure.
co qc -q -o out "$EXAMPLES/illumina_10K.fastq.gz" short_quality.fq "$EXAMPLES/4_seqs_with_Ns.fastq.gz"
assert_eq "$RC" 1 "mixed inputs: exit status"
assert_contains "$OUT" "failed to process short_quality.fq" "mixed inputs: names the bad file"
assert_file out/illumina_10K_fastqc.zip "mixed inputs: the file before the bad one"
assert_file out/4_seqs_with_Ns_fastqc.html "mixed inputs: the file after the bad one"
assert_no_file out/short_quality_fastqc.zip "mixed inputs"
pass "a bad input does not lose the others' reports"

# A missing file and a bad flag.
co qc -q -o out no_such.fq
[ "$RC" -ne 0 ] || fail "missing file: exit 0"
assert_contains "$OUT" "no_such.fq" "missing file"
co qc --bogus x.fq
assert_eq "$RC" 2 "unknown flag: usage exit"
assert_contains "$OUT" "Unknown option: bogus" "unknown flag"
pass "missing files and unknown flags are errors"

# What a killed earlier run left (temporary names of a dead process) is cleaned up, and the
# reports under the final names are whole; another live process's temporary files are kept.
mkdir kill && printf 'partial' > "kill/.illumina_10K_fastqc.zip.cutover-tmp-999999-0"
mkdir "kill/.illumina_10K_fastqc.cutover-tmp-999999-1"
live=$$  # this test's shell: alive throughout
printf 'busy' > "kill/.illumina_10K_fastqc.html.cutover-tmp-$live-0"
"$CUTOVER" qc -q --extract -o kill "$EXAMPLES/illumina_10K.fastq.gz"
assert_no_file "kill/.illumina_10K_fastqc.zip.cutover-tmp-999999-0" "stale temporary zip"
assert_no_file "kill/.illumina_10K_fastqc.cutover-tmp-999999-1" "stale temporary folder"
assert_file "kill/.illumina_10K_fastqc.html.cutover-tmp-$live-0" "a live process's file"
unzip -tq kill/illumina_10K_fastqc.zip >/dev/null || fail "the report zip is whole"
pass "a killed run's leftovers are removed, live ones kept"

# kill -9 in the middle of a run: nothing half-written under the final names; a re-run finishes.
big=$(mktemp -p "$WORK" big.XXXX.fq)
for i in 1 2 3 4 5 6; do zcat "$EXAMPLES/illumina_100K.fastq.gz"; done > "$big"
mkdir k9
"$CUTOVER" qc -q -o k9 "$big" & qc=$!
sleep 0.2
kill -9 "$qc" 2>/dev/null || true
wait "$qc" 2>/dev/null || true
base=$(basename "$big" .fq)_fastqc
for f in k9/"$base".zip k9/"$base".html; do
  [ ! -e "$f" ] || unzip -tq k9/"$base".zip >/dev/null || fail "half-written $f after kill -9"
done
"$CUTOVER" qc -q -o k9 "$big"
unzip -tq "k9/$base.zip" >/dev/null || fail "re-run after kill -9"
[ -z "$(find k9 -name '.*cutover-tmp*')" ] || fail "temporary files left after the re-run"
pass "kill -9 leaves no half-written report; the re-run completes and cleans up"
