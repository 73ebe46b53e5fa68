#!/usr/bin/env bash
# Bad alignment and variant files on the new side of a shadowed pipeline: a truncated BGZF
# stream, a BAM whose header lacks a contig its records use, SAM with a malformed CIGAR, a VCF
# with an undeclared FORMAT key, a VCF with other sample columns. Each comparison is recorded
# with outcome `error` and a message naming the file and the record (the #CHROM line for the
# samples); the run goes on (a shadow's trouble is never fatal) and `cutover compare` exits 2
# on each. Inputs built with samtools and bcftools at test time.
source "$(dirname "$0")/lib.sh"

# Good files: a few reads on two contigs, and calls for two samples.
cat > good.sam <<'S'
@HD	VN:1.6	SO:coordinate
@SQ	SN:chr1	LN:10000
@SQ	SN:chr2	LN:5000
r1	0	chr1	100	60	10M	*	0	0	ACGTACGTAC	IIIIIIIIII	NM:i:0
r2	16	chr1	200	60	10M	*	0	0	ACGTACGTAC	IIIIIIIIII	NM:i:0
r3	0	chr2	50	60	10M	*	0	0	ACGTACGTAC	IIIIIIIIII	NM:i:0
S
# More reads, so that the BAM spans several BGZF blocks.
awk 'BEGIN { OFS = "\t"; for (i = 4; i <= 20000; i++) print "r" i, 0, "chr1", i % 9000 + 1, 60, "10M", "*", 0, 0, "ACGTACGTAC", "IIIIIIIIII", "NM:i:0" }' >> good.sam
samtools view -b -o good.bam good.sam
cat > good.vcf <<'V'
##fileformat=VCFv4.2
##contig=<ID=chr1,length=10000>
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	a	b
chr1	10	.	A	G	50	PASS	.	GT:DP	0/1:10	1/1:12
chr1	20	.	C	T	40	PASS	.	GT:DP	0/0:9	0/1:11
V
bcftools view -Oz -o good.vcf.gz good.vcf 2>/dev/null
mkdir -p bad
# Truncated: the BGZF stream cut in its middle.
head -c "$(( $(stat -c %s good.bam) / 2 ))" good.bam > bad/cut.bam
# The header without chr2, the records kept (samtools reheader).
grep -v 'SN:chr2' good.sam | grep '^@' > short_header.sam
samtools reheader short_header.sam good.bam > bad/contig.bam
# A CIGAR with an unknown operation in record 2.
sed 's/^r2\t16\tchr1\t200\t60\t10M/r2\t16\tchr1\t200\t60\t4Q6M/' good.sam > bad/cigar.bam
# A FORMAT key the header does not declare, in record 2.
sed 's/^chr1\t20\t\(.*\)\tGT:DP\t/chr1\t20\t\1\tGT:XX\t/' good.vcf > bad/format.vcf.gz
# Other sample columns.
sed 's/\ta\tb$/\ta\tc/' good.vcf > bad/samples.vcf.gz

cat > cutover.yaml <<'Y'
samples: {list: [ok, cut, contig, cigar, format, samples]}
steps:
  align:
    outputs:
      bam: {path: "out/{sample}.bam", compare: {kind: bam}}
    legacy: {shell: "cp {root}/good.bam {output.bam}"}
    new: {shell: "if [ -f {root}/bad/{sample}.bam ]; then cp {root}/bad/{sample}.bam {output.bam}; else cp {root}/good.bam {output.bam}; fi"}
  call:
    outputs:
      vcf: {path: "out/{sample}.vcf.gz", compare: {kind: vcf}}
    legacy: {shell: "cp {root}/good.vcf.gz {output.vcf}"}
    new: {shell: "if [ -f {root}/bad/{sample}.vcf.gz ]; then cp {root}/bad/{sample}.vcf.gz {output.vcf}; else cp {root}/good.vcf.gz {output.vcf}; fi"}
Y
co route align shadow --reason "bad input"
co route call shadow --reason "bad input"
co run -j 2
assert_eq "$RC" 0 "the run goes on: $OUT"
assert_eq "$(status_field align '.comparisons.error')" 3 "three bad alignments: error"
assert_eq "$(status_field align '.comparisons.match')" 3 "the others match"
assert_eq "$(status_field call '.comparisons.error')" 2 "two bad call sets: error"
assert_eq "$(status_field call '.comparisons.match')" 4 "the others match"
message() { sql "select json_extract(summary, '$.message') from comparisons where step = '$1' and sample = '$2'"; }
assert_contains "$(message align cut)" "truncated" "truncated BGZF"
assert_contains "$(message align cut)" "cut.bam: record " "names the file and the record"
assert_contains "$(message align contig)" "contig.bam: record 3: read r3 is placed on a contig the header does not declare" "header lacking a contig"
assert_contains "$(message align cigar)" "cigar.bam: record 2 (line 5): cannot read it" "malformed CIGAR"
assert_contains "$(message call format)" "format.vcf.gz: record 2 (chr1:20): a FORMAT or INFO key is not declared in the header" "undeclared FORMAT"
assert_contains "$(message call samples)" "mismatched sample columns" "other samples"
assert_contains "$(message call samples)" "[a, c]" "names the samples"
# No metrics for an error: nothing was measured.
assert_eq "$(sql "select count(*) from comparisons where outcome = 'error' and metrics is not null")" 0 "errors carry no figures"
pass "bad input in a pipeline: outcome error naming the file and record, the run goes on"

# The same files through `cutover compare`: exit 2, the same messages.
for f in cut contig cigar; do
  co compare --as bam good.bam bad/$f.bam
  assert_eq "$RC" 2 "compare --as bam on $f"
  assert_contains "$OUT" "bad/$f.bam: record" "names bad/$f.bam and the record"
done
co compare --as vcf good.vcf.gz bad/format.vcf.gz
assert_eq "$RC" 2 "compare --as vcf, undeclared FORMAT"
assert_contains "$OUT" "bad/format.vcf.gz: record 2 (chr1:20)" "names the file and record"
co compare --as vcf good.vcf.gz bad/samples.vcf.gz
assert_eq "$RC" 2 "compare --as vcf, other samples"
assert_contains "$OUT" "bad/samples.vcf.gz" "names the file"
pass "cutover compare: exit 2 on each bad file"
