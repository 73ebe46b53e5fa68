#!/usr/bin/env bash
# Golden cases for every concordance metric of the `bam` and `vcf` comparators, built at test
# time with samtools and bcftools from real alignments (bwa mem, minimap2 -ax sr) and real calls
# (bcftools call) of simulated reads, never hand-copied: each case changes a known number of
# records with samtools/bcftools and awk, and the expected figure is computed from the tools'
# own counts. Then the tolerance edges, the two aligners' figures against an independent
# computation from `samtools view`, and order independence (coordinate-sorted, name-sorted and
# shuffled input give the same answer).
source "$(dirname "$0")/lib.sh"
example=$(cd "$(dirname "$0")/../../examples/ngs-align" && pwd)

python3 "$example/simulate.py" sim --genome-length 30000 --pairs 3000 --samples s1 --seed 11 >/dev/null
bwa index sim/ref.fa 2>/dev/null
samtools faidx sim/ref.fa
rg='@RG\tID:s1\tSM:s1'
bwa mem -t 1 -R "$rg" sim/ref.fa sim/reads/s1_R1.fastq.gz sim/reads/s1_R2.fastq.gz 2>/dev/null |
  samtools sort -o bwa.bam - 2>/dev/null
minimap2 -t 1 -ax sr -R "$rg" sim/ref.fa sim/reads/s1_R1.fastq.gz sim/reads/s1_R2.fastq.gz 2>/dev/null |
  samtools sort -o mm2.bam - 2>/dev/null
for a in bwa mm2; do
  bcftools mpileup -f sim/ref.fa $a.bam 2>/dev/null | bcftools call -mv -Oz -o $a.vcf.gz 2>/dev/null
done

# metric NAME: the figure from the last `co compare --json`.
metric() { jq -r ".metrics.$1" <<<"$OUT"; }
# assert_near GOT EXPECTED WHAT: equal within 1e-9.
assert_near() {
  awk -v g="$1" -v e="$2" 'BEGIN { d = g - e; exit !(g != "null" && d < 1e-9 && d > -1e-9) }' ||
    fail "$3: expected $2, got $1"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.12f", a / b }'; }
# SAM flag bits for awk programs (Debian's awk, mawk, has no bitwise operators): bit(f, 4) is
# 1 when the flag has 0x4; primary(f): neither secondary nor supplementary; placed(f): primary
# and mapped; first(f): the first mate.
AWK_FLAGS='function bit(f, b) { return int(f / b) % 2 }
  function primary(f) { return !bit(f, 256) && !bit(f, 2048) }
  function placed(f) { return primary(f) && !bit(f, 4) }
  function first(f) { return bit(f, 64) }
  function flip(f, b) { return bit(f, b) ? f - b : f + b }'
# A BAM from bwa.bam's SAM text through an awk program over its records (the header kept);
# the program writes how many records it changed to the file k.
edit_bam() {  # OUT.bam 'AWK PROGRAM'
  samtools view -h bwa.bam | awk -F'\t' -v OFS='\t' "$AWK_FLAGS /^@/ { print; next } $2" |
    samtools view -b -o "$1" - 2>/dev/null
}
primary=$(samtools view -c -F 0x900 bwa.bam)         # reads (mate by mate) of bwa.bam
mapped=$(samtools view -c -F 0x904 bwa.bam)          # of them mapped
notags=(-O 'tags=[]')                                  # tags aside: each case changes one field

# --- bam: one metric at a time ---------------------------------------------------------
# Every 10th mapped primary record of a read's first mate moved 500 bases: placement.
edit_bam moved.bam 'placed($2) && first($2) && ++n % 10 == 0 { $4 = $4 > 1000 ? $4 - 500 : $4 + 500; k++ } { print } END { print k > "k" }'
k=$(cat k)
co compare --as bam --json "${notags[@]}" bwa.bam moved.bam
assert_eq "$(metric reads_compared)" "$primary" "reads compared"
assert_near "$(metric same_placement)" "$(ratio $((primary - k)) "$primary")" "same_placement ($k moved)"
assert_near "$(metric differing)" "$(ratio "$k" "$primary")" "differing ($k moved)"
assert_near "$(metric same_mapq)" 1 "same_mapq untouched"
assert_eq "$(jq -r .outcome <<<"$OUT")" mismatch "no thresholds: any difference is a mismatch"

edit_bam mapq.bam 'placed($2) && ++n % 7 == 0 { $5 = ($5 == 60 ? 59 : 60); k++ } { print } END { print k > "k" }'
k=$(cat k)
co compare --as bam --json "${notags[@]}" bwa.bam mapq.bam
assert_near "$(metric same_mapq)" "$(ratio $((mapped - k)) "$mapped")" "same_mapq ($k of $mapped)"
assert_near "$(metric same_placement)" 1 "same_placement untouched"

edit_bam dropped.bam 'primary($2) && ++n % 13 == 0 { k++; next } { print } END { print k > "k" }'
k=$(cat k)
co compare --as bam --json "${notags[@]}" bwa.bam dropped.bam
assert_near "$(metric only_legacy)" "$(ratio "$k" "$primary")" "only_legacy ($k dropped)"
assert_near "$(metric only_new)" 0 "only_new"
assert_eq "$(metric reads_compared)" $((primary - k)) "reads compared"
co compare --as bam --json "${notags[@]}" dropped.bam bwa.bam
assert_near "$(metric only_new)" "$(ratio "$k" "$primary")" "only_new ($k added)"

edit_bam unmapped.bam 'placed($2) && ++n % 11 == 0 { $2 += 4; k++ } { print } END { print k > "k" }'
k=$(cat k)
co compare --as bam --json "${notags[@]}" bwa.bam unmapped.bam
assert_near "$(metric mapped_only_legacy)" "$(ratio "$k" "$primary")" "mapped_only_legacy ($k)"
co compare --as bam --json "${notags[@]}" unmapped.bam bwa.bam
assert_near "$(metric mapped_only_new)" "$(ratio "$k" "$primary")" "mapped_only_new ($k)"

edit_bam proper.bam 'primary($2) && ++n % 9 == 0 { $2 = flip($2, 2); k++ } { print } END { print k > "k" }'
k=$(cat k)
co compare --as bam --json "${notags[@]}" bwa.bam proper.bam
assert_near "$(metric properly_paired_changes)" "$(ratio "$k" "$primary")" "properly_paired_changes ($k)"

# A compared tag: NM changed on every 8th mapped read counts as differing; ignored, it does not.
edit_bam nm.bam 'placed($2) && ++n % 8 == 0 { for (i = 12; i <= NF; i++) if ($i ~ /^NM:i:/) { $i = "NM:i:" (substr($i, 6) + 1); k++ } } { print } END { print k > "k" }'
k=$(cat k)
co compare --as bam --json bwa.bam nm.bam
assert_near "$(metric differing)" "$(ratio "$k" "$primary")" "differing ($k NM changed)"
co compare --as bam --json -O 'ignore_tags=[NM]' bwa.bam nm.bam
assert_eq "$(jq -r .outcome <<<"$OUT")" match "NM ignored: a match"
pass "bam: each metric from a known change"

# --- bam: tolerance edges ----------------------------------------------------------------
edit_bam by5.bam 'placed($2) && first($2) && ++n % 10 == 0 { $4 = $4 > 100 ? $4 - 5 : $4 + 5; k++ } { print } END { print k > "k" }'
co compare --as bam --json "${notags[@]}" -O position_tolerance=5 bwa.bam by5.bam
assert_eq "$(jq -r .outcome <<<"$OUT")" noise "5 bases within position_tolerance 5: noise"
assert_near "$(metric same_placement)" 1 "within the tolerance: the same placement"
co compare --as bam --json "${notags[@]}" -O position_tolerance=4 bwa.bam by5.bam
assert_near "$(metric same_placement)" "$(ratio $((primary - $(cat k))) "$primary")" "5 bases beyond position_tolerance 4"
# Thresholds exactly at the figure hold; a hair above fails.
co compare --as bam --json "${notags[@]}" bwa.bam moved.bam
placement=$(metric same_placement)
co compare --as bam "${notags[@]}" -O "min_same_placement=$placement" bwa.bam moved.bam
assert_eq "$RC" 0 "min_same_placement at the figure ($placement): noise"
co compare --as bam "${notags[@]}" -O "min_same_placement=$(awk -v p="$placement" 'BEGIN { printf "%.12f", p + 1e-9 }')" bwa.bam moved.bam
assert_eq "$RC" 1 "a hair above the figure: mismatch"
pass "bam: tolerance and threshold edges"

# --- bam: two aligners against an independent computation from samtools view ------------
# The primary records of each side by read and mate: placement (contig, strand, position),
# mapped, MAPQ and the proper-pair flag.
table() {
  samtools view -F 0x900 "$1" | awk -F'\t' -v OFS='\t' "$AWK_FLAGS"'
    { print $1 "/" bit($2, 64) bit($2, 128), bit($2, 4) ? "*" : $3 ":" bit($2, 16) ":" $4,
            bit($2, 4) ? 0 : 1, $5, bit($2, 2) }' | LC_ALL=C sort
}
table bwa.bam > bwa.tsv
table mm2.bam > mm2.tsv
LC_ALL=C join -t $'\t' bwa.tsv mm2.tsv | awk -F'\t' '
  { n++; if ($2 == $6) same++; if ($3 && $7) { both++; if ($4 == $8) mapq++ }
    if ($3 && !$7) lost++; if (!$3 && $7) gained++; if ($5 != $9) proper++ }
  END { printf "%d %.12f %.12f %.12f %.12f %.12f\n", n, same / n, mapq / both, lost / n, gained / n, proper / n }' > expected
read -r n same mapq lost gained proper < expected
co compare --as bam --json bwa.bam mm2.bam
assert_eq "$(metric reads_compared)" "$n" "reads compared"
assert_near "$(metric same_placement)" "$same" "same_placement of bwa vs minimap2"
assert_near "$(metric same_mapq)" "$mapq" "same_mapq of bwa vs minimap2"
assert_near "$(metric mapped_only_legacy)" "$lost" "mapped_only_legacy of bwa vs minimap2"
assert_near "$(metric mapped_only_new)" "$gained" "mapped_only_new of bwa vs minimap2"
assert_near "$(metric properly_paired_changes)" "$proper" "properly_paired_changes of bwa vs minimap2"
# Not degenerate: the aligners agree on most reads, yet not all. (position_tolerance 0: where
# they soft-clip a read end differently, POS moves; on this small genome about 88 % agree.)
assert_eq "$(awk -v s="$same" 'BEGIN { print (s > 0.8 && s < 1) }')" 1 "the aligners differ a little ($same)"
pass "bam: bwa vs minimap2 as samtools view counts it"

# --- bam: order independence -------------------------------------------------------------
samtools sort -n -o bwa.byname.bam bwa.bam 2>/dev/null
{ samtools view -H mm2.bam; samtools view mm2.bam | shuf --random-source=<(yes); } |
  samtools view -b -o mm2.shuffled.bam - 2>/dev/null
samtools collate -o mm2.collated.bam mm2.bam 2>/dev/null
co compare --as bam --json bwa.bam mm2.bam
want=$(jq -c '[.outcome, .metrics, (.counts | del(.passes))]' <<<"$OUT")
for pair in "bwa.byname.bam mm2.shuffled.bam" "bwa.byname.bam mm2.collated.bam" "bwa.bam mm2.shuffled.bam"; do
  # shellcheck disable=SC2086
  co compare --as bam --json $pair
  got=$(jq -c '[.outcome, .metrics, (.counts | del(.passes))]' <<<"$OUT")
  assert_eq "$got" "$want" "the same answer for $pair"
done
pass "bam: coordinate-sorted, name-sorted, collated and shuffled give the same answer"

# --- vcf: one metric at a time -----------------------------------------------------------
norm() { bcftools norm -m- -f sim/ref.fa "$1" 2>/dev/null | bcftools view -H; }
sites=$(norm bwa.vcf.gz | wc -l)
snvs=$(bcftools norm -m- bwa.vcf.gz 2>/dev/null | bcftools view -H -v snps | wc -l)
indels=$((sites - snvs))
assert_eq "$(( snvs > 10 && indels > 0 ))" 1 "SNVs ($snvs) and indels ($indels) called"
vopts=(-O reference=sim/ref.fa)
edit_vcf() {  # OUT.vcf.gz 'AWK PROGRAM over records'
  bcftools view bwa.vcf.gz | awk -F'\t' -v OFS='\t' "/^#/ { print; next } $2" |
    bcftools view -Oz -o "$1" 2>/dev/null
}
# Every 5th SNV record dropped: recall and snv_recall fall, precision stays.
edit_vcf fewer.vcf.gz 'length($4) == 1 && length($5) == 1 && ++n % 5 == 0 { k++; next } { print } END { print k > "k" }'
k=$(cat k)
co compare --as vcf --json "${vopts[@]}" bwa.vcf.gz fewer.vcf.gz
assert_eq "$(metric sites_both)" $((sites - k)) "sites in both"
assert_eq "$(metric sites_only_legacy)" "$k" "sites only in legacy"
assert_near "$(metric recall)" "$(ratio $((sites - k)) "$sites")" "recall ($k SNVs dropped)"
assert_near "$(metric snv_recall)" "$(ratio $((snvs - k)) "$snvs")" "snv_recall"
assert_near "$(metric indel_recall)" 1 "indel_recall untouched"
assert_near "$(metric precision)" 1 "precision untouched"
co compare --as vcf --json "${vopts[@]}" fewer.vcf.gz bwa.vcf.gz
assert_near "$(metric precision)" "$(ratio $((sites - k)) "$sites")" "precision ($k SNVs added)"
assert_near "$(metric snv_precision)" "$(ratio $((snvs - k)) "$snvs")" "snv_precision"
assert_eq "$(metric sites_only_new)" "$k" "sites only in new"
# Every indel dropped: indel_recall 0.
edit_vcf noindel.vcf.gz 'length($4) != length($5) { next } { print }'
co compare --as vcf --json "${vopts[@]}" bwa.vcf.gz noindel.vcf.gz
assert_near "$(metric indel_recall)" 0 "indel_recall, every indel dropped"
co compare --as vcf --json "${vopts[@]}" noindel.vcf.gz bwa.vcf.gz
assert_near "$(metric indel_precision)" 0 "indel_precision, every indel added"
# Every 4th genotype changed (0/1 <-> 1/1): genotype concordance and differing.
edit_vcf gt.vcf.gz '++n % 4 == 0 { if (sub(/^0\/1/, "1/1", $10) || sub(/^1\/1/, "0/1", $10)) k++ } { print } END { print k > "k" }'
k=$(cat k)
co compare --as vcf --json "${vopts[@]}" bwa.vcf.gz gt.vcf.gz
assert_near "$(metric genotype_concordance)" "$(ratio $((sites - k)) "$sites")" "genotype_concordance ($k changed)"
assert_near "$(metric differing)" "$(ratio "$k" "$sites")" "differing ($k genotypes)"
assert_near "$(metric recall)" 1 "recall untouched"
pass "vcf: each metric from a known change"

# --- vcf: tolerance edges ----------------------------------------------------------------
edit_vcf qual.vcf.gz '++n % 3 == 0 { $6 = $6 + 2 } { print }'
# (QUAL is a 32-bit float: +2 is exact to a few thousandths.)
co compare --as vcf --json "${vopts[@]}" -O qual_tolerance=2.001 bwa.vcf.gz qual.vcf.gz
assert_eq "$(jq -r .outcome <<<"$OUT")" noise "QUAL +2 within qual_tolerance 2.001: noise"
co compare --as vcf --json "${vopts[@]}" -O qual_tolerance=1.999 bwa.vcf.gz qual.vcf.gz
assert_eq "$(jq -r .outcome <<<"$OUT")" mismatch "QUAL +2 beyond qual_tolerance 1.999"
co compare --as vcf --json "${vopts[@]}" bwa.vcf.gz fewer.vcf.gz
recall=$(metric recall)
co compare --as vcf "${vopts[@]}" -O "min_recall=$recall" bwa.vcf.gz fewer.vcf.gz
assert_eq "$RC" 0 "min_recall at the figure ($recall): noise"
co compare --as vcf "${vopts[@]}" -O "min_recall=$(awk -v p="$recall" 'BEGIN { printf "%.12f", p + 1e-9 }')" bwa.vcf.gz fewer.vcf.gz
assert_eq "$RC" 1 "a hair above the figure: mismatch"
pass "vcf: tolerance and threshold edges"

# --- vcf: two call sets against bcftools isec ------------------------------------------------
for a in bwa mm2; do
  bcftools norm -m- -f sim/ref.fa $a.vcf.gz 2>/dev/null | bcftools view -Oz -o $a.norm.vcf.gz 2>/dev/null
  bcftools index $a.norm.vcf.gz
done
bcftools isec -p isec bwa.norm.vcf.gz mm2.norm.vcf.gz 2>/dev/null
only_bwa=$(grep -vc '^#' isec/0000.vcf || true)
only_mm2=$(grep -vc '^#' isec/0001.vcf || true)
both=$(grep -vc '^#' isec/0002.vcf || true)
co compare --as vcf --json "${vopts[@]}" bwa.vcf.gz mm2.vcf.gz
assert_eq "$(metric sites_both)" "$both" "sites in both (bcftools isec)"
assert_eq "$(metric sites_only_legacy)" "$only_bwa" "only in bwa's calls (bcftools isec)"
assert_eq "$(metric sites_only_new)" "$only_mm2" "only in minimap2's calls (bcftools isec)"
assert_near "$(metric recall)" "$(ratio "$both" $((both + only_bwa)))" "recall"
assert_near "$(metric precision)" "$(ratio "$both" $((both + only_mm2)))" "precision"
pass "vcf: bwa's calls vs minimap2's as bcftools isec counts them"

# --- vcf: order independence ---------------------------------------------------------------
{ bcftools view -h mm2.vcf.gz; bcftools view -H mm2.vcf.gz | shuf --random-source=<(yes); } > mm2.shuffled.vcf
bcftools view -Ob -o mm2.bcf mm2.vcf.gz
co compare --as vcf --json "${vopts[@]}" bwa.vcf.gz mm2.vcf.gz
want=$(jq -c '[.outcome, .metrics, (.counts | del(.passes))]' <<<"$OUT")
for pair in "bwa.vcf.gz mm2.shuffled.vcf" "bwa.vcf.gz mm2.bcf"; do
  # shellcheck disable=SC2086
  co compare --as vcf --json "${vopts[@]}" $pair
  got=$(jq -c '[.outcome, .metrics, (.counts | del(.passes))]' <<<"$OUT")
  assert_eq "$got" "$want" "the same answer for $pair"
done
pass "vcf: sorted, shuffled and BCF give the same answer"
