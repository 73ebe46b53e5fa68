#!/bin/sh
# Builds every libFuzzer target with clang (ASan + UBSan) into build-fuzz/ and runs each for $1
# seconds (default 60), two at a time: the FASTQ reader with gzip and the pipeline-file loader (fuzz/), in src/trim/ the prefiltered
# aligner against the whole DP, the cutadapt command line and adapter parser, and chunked FASTQ
# parsing against FastqReader, in src/compare/ the bam and vcf comparators' record pairing
# (one pass against many, and against the records reversed), and in src/qc/ the reads of SAM/BAM
# input. A crash, leak or hang leaves its
# input as build-fuzz/crash-* (leak-*, timeout-*) and fails the script.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=${BUILD_DIR:-$root/build-fuzz}
# ccache as in scripts/build.sh: a warm CI run recompiles nothing of the fuzz build either.
launcher=""
if command -v ccache >/dev/null 2>&1; then
  ccache_env="env;CCACHE_BASEDIR=$root;CCACHE_NOHASHDIR=1;ccache"
  launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=$ccache_env -DCMAKE_C_COMPILER_LAUNCHER=$ccache_env"
fi
# shellcheck disable=SC2086
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCUTOVER_FUZZ=ON $launcher \
  -DCUTOVER_BUILD_TESTS=OFF -DCUTOVER_STATIC_DEPS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets="fuzz/fastq_reader_fuzzer fuzz/pipeline_loader_fuzzer src/trim/trim_aligner_fuzzer src/trim/trim_command_line_fuzzer
  src/trim/trim_chunk_parser_fuzzer src/compare/compare_record_pairing_fuzzer src/qc/qc_alignment_reads_fuzzer"
# shellcheck disable=SC2086
ninja -C "$build" $(for t in $targets; do basename "$t"; done)
# Seeds for the reader: the start of real read files, CRLF and a record without a final newline.
seeds=$build/corpus/fastq_reader_fuzzer
mkdir -p "$seeds"
for f in /usr/share/doc/trim-galore/examples/4_seqs_with_Ns.fastq.gz /usr/share/doc/fastqc/examples/example.fastq; do
  [ -f "$f" ] && head -c 4096 "$f" > "$seeds/seed-$(basename "$f")"
done
printf '@r1 x\r\nACGT\r\n+\r\nIIII\r\n@r2\nAC\n+r2\nII' > "$seeds/seed-crlf.fq"
# Seeds for the loader: the starter pipeline, the example, an alias bomb and a self-reference.
seeds=$build/corpus/pipeline_loader_fuzzer
mkdir -p "$seeds"
cp "$root/examples/ngs-qc/cutover.yaml" "$seeds/seed-example.yaml" 2>/dev/null || true
cat > "$seeds/seed-alias-bomb.yaml" <<'Y'
samples: {list: [a]}
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
steps:
  s:
    outputs: {o: "out/{sample}", compare: {kind: text, ignore: [*d, *d, *d, *d]}}
    legacy: {shell: "true"}
Y
printf 'samples: {list: [a]}\nsteps:\n  s:\n    outputs: {o: x}\n    legacy: {shell: "true"}\n    policy: &x [*x]\n' > "$seeds/seed-self-alias.yaml"
# Seeds for the pairing: a byte choosing the comparator (even: bam, odd: vcf), then legacy and new
# separated by a line "--": paired reads, secondary and unmapped records, a moved read; calls
# with a multi-allelic record, an indel to trim and a changed genotype.
seeds=$build/corpus/compare_record_pairing_fuzzer
mkdir -p "$seeds"
sam_header='@HD	VN:1.6	SO:unsorted
@SQ	SN:c1	LN:1000
@SQ	SN:c2	LN:500'
sam_reads='p1	99	c1	10	60	4M	=	30	24	ACGT	IIII	NM:i:0
p1	147	c1	30	60	4M	=	10	-24	ACGT	IIII	NM:i:1
p2	0	c2	5	20	2S2M	*	0	0	ACGT	IIII
p2	256	c1	400	0	4M	*	0	0	*	*
u1	4	*	0	0	*	*	0	0	ACGT	IIII'
printf '0%s
%s
--
%s
%s
' "$sam_header" "$sam_reads" "$sam_header" "$(printf '%s
' "$sam_reads" | sed 's/^p2	0	c2	5/p2	16	c2	9/')" > "$seeds/seed-sam-pair"
printf '0%s
%s
' "$sam_header" "$sam_reads" > "$seeds/seed-sam-same"
vcf_header='##fileformat=VCFv4.2
##contig=<ID=c1,length=1000>
##INFO=<ID=DP,Number=1,Type=Integer,Description="d">
##INFO=<ID=AF,Number=A,Type=Float,Description="f">
##FORMAT=<ID=GT,Number=1,Type=String,Description="g">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="a">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	s1	s2'
vcf_calls='c1	10	.	A	G,T	50	PASS	DP=9;AF=0.5,0.1	GT:AD	1/2:0,4,5	0/1:3,3,0
c1	20	.	ACT	ACTT	30	PASS	DP=4;AF=1	GT:AD	1/1:0,4	./.:.
c1	5	.	C	T	.	.	.	GT	0|1	1|1'
printf '1%s
%s
--
%s
%s
' "$vcf_header" "$vcf_calls" "$vcf_header" "$(printf '%s
' "$vcf_calls" | sed 's/0|1/1|1/')" > "$seeds/seed-vcf-pair"
# Seeds for cutover qc's SAM/BAM reads: a byte choosing the mode (odd: mapped only), then a SAM
# file (both strands, clips, a record without bases or qualities, an unmapped one) or the same
# as BAM.
seeds=$build/corpus/qc_alignment_reads_fuzzer
mkdir -p "$seeds"
printf '1%s\n%s\n' "$sam_header" "$sam_reads" > "$seeds/seed-sam"
printf '%s\n%s\n' "$sam_header" "$sam_reads" | sed 's/^p2\t0\tc2\t5\t20\t2S2M/p2\t16\tc2\t5\t20\t1S2M1S/' \
  > "$build/seed.sam"
if command -v samtools >/dev/null 2>&1; then
  { printf '0'; samtools view -b "$build/seed.sam" 2>/dev/null; } > "$seeds/seed-bam"
fi
# Seeds for cutadapt command lines (arguments separated by 0 bytes): the read-name options and
# --rename templates, single- and paired-end.
seeds=$build/corpus/trim_command_line_fuzzer
mkdir -p "$seeds"
printf -- '-a\0n1=AGATCGGAAGAGC\0-u\0-2\0--length-tag\0length=\0--strip-suffix\0/1\0-x\0{name}_\0-y\0:{name}\0-z\0in.fq' > "$seeds/seed-names"
printf -- '-a\0A...TTT\0-n\0002\0--rename\0{id} {adapter_name} {match_sequence} {cut_prefix} {rc} {comment}\0in.fq' > "$seeds/seed-rename"
printf -- '-a\0AGATCGGAAGAGC\0-A\0ACGT\0-U\0003\0--rename\0{id} {rn} {r1.comment} {r2.match_sequence}\0-o\0a\0-p\0b\0i1\0i2' > "$seeds/seed-rename-paired"
cd "$build"
# Two targets at a time ($FUZZ_JOBS), one per core: each keeps its own log, printed when it ends,
# and a crash in any of them fails the script (its input is left as crash-* in build-fuzz/).
jobs=${FUZZ_JOBS:-2}
failed=""
run_target() {  # TARGET: runs it; its output goes to fuzz-NAME.log, its status to fuzz-NAME.rc
  name=$(basename "$1")
  mkdir -p "corpus/$name"
  set +e
  "./$1" -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$build/" "corpus/$name" > "fuzz-$name.log" 2>&1
  echo $? > "fuzz-$name.rc"
}
report_target() {  # TARGET: prints the end of its log; remembers a failure
  name=$(basename "$1")
  echo "== $name ($seconds s)"
  tail -3 "fuzz-$name.log"
  rc=$(cat "fuzz-$name.rc")
  if [ "$rc" != 0 ]; then
    echo "$name FAILED (exit $rc): the whole log is $build/fuzz-$name.log" >&2
    failed="$failed $name"
  fi
}
# shellcheck disable=SC2086
set -- $targets
while [ $# -gt 0 ]; do
  batch=""
  i=0
  while [ $# -gt 0 ] && [ "$i" -lt "$jobs" ]; do
    run_target "$1" &
    batch="$batch $1"
    shift
    i=$((i + 1))
  done
  wait
  for t in $batch; do report_target "$t"; done
done
[ -z "$failed" ] || { echo "fuzzing found a failure in:$failed" >&2; exit 1; }
