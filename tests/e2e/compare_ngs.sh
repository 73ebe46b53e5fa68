#!/usr/bin/env bash
# `cutover compare --as bam|vcf` on the real outputs of two aligners (bwa mem, minimap2 -ax sr)
# and of bcftools call on each: concordance metrics, thresholds, exit codes, bad input.
source "$(dirname "$0")/lib.sh"

# A random 20 kb reference with a 1 kb repeat (reads there map twice: the aligners choose
# differently), 2000 read pairs simulated from it with 11 SNVs planted and 0.5% read errors.
python3 - <<'PY'
import random
rng = random.Random(7)
ref = "".join(rng.choice("ACGT") for _ in range(20000))
ref = ref[:15000] + ref[5000:6000] + ref[16000:]
open("ref.fa", "w").write(">chr1\n" + "\n".join(ref[i:i + 60] for i in range(0, len(ref), 60)) + "\n")
sample = list(ref)
for pos in [p for p in range(1000, 20000, 1500) if not 4900 < p < 6100 and not 14900 < p < 16100]:
    sample[pos] = {"A": "G", "C": "T", "G": "A", "T": "C"}[sample[pos]]
sample = "".join(sample)
comp = {"A": "T", "C": "G", "G": "C", "T": "A"}
with open("r1.fq", "w") as f1, open("r2.fq", "w") as f2:
    for i in range(2000):
        start = rng.randrange(0, len(sample) - 400)
        frag = sample[start:start + rng.randrange(250, 400)]
        a, b = frag[:100], "".join(comp[c] for c in reversed(frag[-100:]))
        a, b = ["".join(c if rng.random() > 0.005 else rng.choice("ACGT") for c in r) for r in (a, b)]
        f1.write(f"@p{i}/1\n{a}\n+\n{'I' * 100}\n")
        f2.write(f"@p{i}/2\n{b}\n+\n{'I' * 100}\n")
PY
bwa index ref.fa 2>/dev/null
samtools faidx ref.fa
bwa mem -t 1 -R '@RG\tID:s1\tSM:s1' ref.fa r1.fq r2.fq 2>/dev/null | samtools sort -o bwa.bam - 2>/dev/null
minimap2 -ax sr -R '@RG\tID:s1\tSM:s1' ref.fa r1.fq r2.fq 2>/dev/null | samtools sort -o mm2.bam - 2>/dev/null
samtools sort -n -o bwa.byname.bam bwa.bam

co compare --as bam bwa.bam bwa.byname.bam
assert_eq "$RC" 0 "coordinate- vs name-sorted: the same alignments"
assert_contains "$OUT" "match: identical alignments (4000 reads)" "match message"

co compare --as bam --json -O 'ignore_tags=[XS, XA, MD, NM, AS, MC, ms, nn, tp, cm, s1, s2, de, rl, SA]' bwa.bam mm2.bam
assert_eq "$RC" 1 "two aligners without thresholds: mismatch"
same=$(jq -r .metrics.same_placement <<<"$OUT")
assert_eq "$(awk -v v="$same" 'BEGIN { print (v > 0.95 && v <= 1) }')" 1 "same_placement $same is high"
assert_eq "$(jq -r .metrics.reads_compared <<<"$OUT")" 4000 "reads compared"

co compare --as bam -O min_same_placement=0.9 -O 'ignore_tags=[XS, XA, MD, NM, AS, MC, ms, nn, tp, cm, s1, s2, de, rl, SA]' -O 'ignore_header=[PG, CO]' bwa.bam mm2.bam
assert_eq "$RC" 0 "within the threshold: noise"
assert_contains "$OUT" "noise: within thresholds" "noise message"
assert_contains "$OUT" "metrics: " "metrics printed"

co compare --as bam -O min_same_placement=1 bwa.bam mm2.bam
assert_eq "$RC" 1 "beyond the threshold: mismatch"

# Variant calls from each alignment.
for a in bwa mm2; do
  bcftools mpileup -f ref.fa $a.bam 2>/dev/null | bcftools call -mv -Oz -o $a.vcf.gz 2>/dev/null
done
co compare --as vcf bwa.vcf.gz bwa.vcf.gz
assert_eq "$RC" 0 "a call set against itself"
assert_contains "$OUT" "match: identical variants" "vcf match"
co compare --as vcf --json -O 'ignore_header=["*"]' -O min_recall=0.9 -O min_precision=0.9 -O 'ignore_info=[DP, DP4, MQ, MQ0F, MQSBZ, BQBZ, RPBZ, SCBZ, SGB, VDB, MQB, RPB, BQB, FS, MQSB]' -O 'ignore_format=[PL]' -O 'qual_tolerance={relative: 0.5}' bwa.vcf.gz mm2.vcf.gz
recall=$(jq -r .metrics.recall <<<"$OUT")
assert_eq "$(awk -v v="$recall" 'BEGIN { print (v >= 0.9) }')" 1 "recall $recall of the planted SNVs"
both=$(jq -r '.counts.snv.both' <<<"$OUT")
assert_eq "$(( both >= 11 ))" 1 "the 11 planted SNVs (at least) called from both alignments: $both"

# Bad input: a truncated BAM, an undeclared FORMAT key.
head -c 3000 bwa.bam > cut.bam
co compare --as bam bwa.bam cut.bam
assert_eq "$RC" 2 "truncated BAM exits 2"
assert_contains "$OUT" "cut.bam" "names the file"
zcat bwa.vcf.gz | sed 's/\tGT:PL\t/\tGT:XX\t/' > undeclared.vcf
co compare --as vcf bwa.vcf.gz undeclared.vcf
assert_eq "$RC" 2 "undeclared FORMAT exits 2"
assert_contains "$OUT" "undeclared.vcf: record 1" "names the file and record"
pass "compare --as bam|vcf"
