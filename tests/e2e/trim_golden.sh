#!/usr/bin/env bash
# `cutover trim` against the installed cutadapt 4.2 on real reads (Debian trim-galore's
# examples) and on inputs with quirks: the same trimmed reads byte for byte (gzip outputs
# compared decompressed), the same text report (but for the version and timing lines) and the
# same --json report, for many option sets, single- and paired-end, at 1 and 2 threads.
source "$(dirname "$0")/lib.sh"

command -v cutadapt >/dev/null || { echo "SKIP: cutadapt is not installed"; exit 0; }
EX=/usr/share/doc/trim-galore/examples
[ -f "$EX/illumina_10K.fastq.gz" ] || { echo "SKIP: trim-galore examples missing"; exit 0; }

# Inputs: small real files, plus quirks made from them.
mkdir in
zcat "$EX/illumina_100K.fastq.gz" | head -80000 > in/illumina.fq || true
gzip -n -c in/illumina.fq > in/illumina.fq.gz
zcat "$EX/nextera_100K.fastq.gz" | head -40000 > in/nextera.fq || true
zcat "$EX/smallRNA_100K.fastq.gz" | head -40000 > in/smallrna.fq || true
zcat "$EX/clock_10K_R1.fastq.gz" | head -20000 > in/r1.fq || true
zcat "$EX/clock_10K_R2.fastq.gz" | head -20000 > in/r2.fq || true
cp "$EX/4_seqs_with_Ns.fastq.gz" in/ns.fq.gz
# Variable lengths, Ns, lower case, Phred+64, CRLF line ends, '+name' third lines.
head -40000 in/illumina.fq | awk 'NR % 4 == 2 { n = 20 + (NR * 7919) % 131; s = substr($0, 1, n);
                   if (NR % 12 == 2) s = tolower(s); if (NR % 20 == 6) gsub(/C/, "N", s); print s; next }
     NR % 4 == 0 { print substr($0, 1, n); next }
     NR % 4 == 3 && NR % 8 == 7 { print "+" name; next }
     NR % 4 == 1 { name = substr($0, 2) } { print }' > in/quirky.fq
awk 'NR % 4 == 0 { s = ""; for (i = 1; i <= length($0); i++) s = s sprintf("%c", 31 + ord[substr($0, i, 1)]); print s; next } { print }
     BEGIN { for (i = 33; i < 127; i++) ord[sprintf("%c", i)] = i }' in/nextera.fq > in/phred64.fq
head -8000 in/smallrna.fq | sed 's/$/\r/' > in/crlf.fq
# SRA-style headers with a length tag, a "/1" suffix on some, tabs and repeated spaces in others.
awk 'NR > 20000 { exit } NR % 4 == 1 { n = (NR + 3) / 4; sep = (n % 5 == 0) ? "\t" : (n % 7 == 0 ? "  " : " ");
                   printf "@SRR0000%d.%d%s%d%slength=%d%s\n", 42, n, sep, n, sep, 150, (n % 3 == 0 ? "/1" : ""); next }
     { print }' in/illumina.fq > in/sra.fq
printf '>first\nAGATCGGAAGAGC\n>second\nCTGTCTCTTATACACATCT\n>third\nGGAAGAGCACACGTCT\n' > in/adapters.fa

# Compares one run of both tools: golden NAME ARGS...; ARGS name outputs relative to the run's
# folder and inputs as ../../in/FILE, so that both command lines are identical.
golden() {
  local name=$1
  shift
  mkdir -p "a/$name" "b/$name"
  (cd "a/$name" && oracle_run -o report.txt -e stderr.txt . -- cutadapt "$@") ||
    fail "$name: cutadapt failed: $(cat "a/$name/stderr.txt")"
  (cd "b/$name" && "$CUTOVER" trim "$@" > report.txt 2> stderr.txt) ||
    fail "$name: cutover trim failed: $(cat "b/$name/stderr.txt")"
  local f base
  for f in a/"$name"/*; do
    base=$(basename "$f")
    [ -e "b/$name/$base" ] || fail "$name: cutover wrote no $base"
    case "$base" in
      stderr.txt) ;;
      report.txt)
        diff <(grep -v -e '^This is cutadapt' -e '^Finished in' "$f") \
             <(grep -v -e '^This is cutadapt' -e '^Finished in' "b/$name/$base") > "$name.report.diff" ||
          fail "$name: reports differ: $(head -20 "$name.report.diff")" ;;
      *.gz)
        cmp <(zcat "$f") <(zcat "b/$name/$base") || fail "$name: $base differs (decompressed)" ;;
      *.json)
        # The same document but for the version of Python (cutover has none).
        cmp <(jq 'del(.python_version)' "$f") <(jq 'del(.python_version)' "b/$name/$base") ||
          fail "$name: $base differs" ;;
      *)
        cmp "$f" "b/$name/$base" || fail "$name: $base differs" ;;
    esac
  done
  local count
  count=$(grep -c '' "a/$name/out.fq" 2>/dev/null || zcat "a/$name/out.fq.gz" 2>/dev/null | grep -c '' || true)
  echo "ok: $name ($count output lines)"
}

A=AGATCGGAAGAGC       # Illumina
N=CTGTCTCTTATA        # Nextera
S=TGGAATTCTCGG        # small RNA
I=../../in

golden default -a $A -q 20 -m 20 -o out.fq $I/illumina.fq
golden json -a $A -g ACACGACGCTCTTCCGATCT -q 20 -m 20 --json r.json -o out.fq $I/illumina.fq
golden gz_in_gz_out -a $A -q 20 -o out.fq.gz $I/illumina.fq.gz
golden two_threads -j 2 -a $A -q 20 -m 20 --json r.json -o out.fq.gz $I/illumina.fq.gz
golden errors_no_indels -a $A -e 0.2 -O 1 --no-indels -o out.fq $I/illumina.fq
golden error_count -b $A -e 2 -o out.fq $I/illumina.fq
golden several_times -a $N -a $A -n 2 -O 5 -m 10 -o out.fq $I/nextera.fq
golden anchored -g ^TCGTCGGCAGCG -a GGAAGAGC\$ -o out.fq $I/nextera.fq
golden non_internal -g XCGTCGGCAG -a AGATCGGAAGX -o out.fq $I/nextera.fq
golden linked -a ^TCGTCGG...$N -o out.fq $I/nextera.fq
golden linked_front -g "GTCGG;optional...$A" -o out.fq $I/illumina.fq
golden rightmost -g "AGATCGG;rightmost" -o out.fq $I/illumina.fq
golden wildcards -a AGATCGGANGAGC --match-read-wildcards -o out.fq $I/quirky.fq
golden no_wildcards -a AGATCGGANGAGC -N -o out.fq $I/quirky.fq
golden adapter_file -a file:$I/adapters.fa -g "file:$I/adapters.fa;e=0.15" -O 4 -o out.fq $I/illumina.fq
golden modifications --nextseq-trim 20 -u 5 -u -3 --trim-n -l 90 -M 100 --max-n 2 -a $A -o out.fq $I/quirky.fq
golden five_prime_quality -q 15,10 -a $S --discard-untrimmed -o out.fq $I/smallrna.fq
golden discard_trimmed -a $A --discard-trimmed --max-ee 1 -m 5 -o out.fq $I/illumina.fq
golden max_n_fraction --trim-n --max-n 0.1 -a $A -o out.fq $I/ns.fq.gz
golden phred64 --quality-base 64 -q 20 -a $N -m 15 -o out.fq $I/phred64.fq
golden crlf -a $S -q 20 -o out.fq $I/crlf.fq
golden minimal --report=minimal -a $A -q 20 -m 20 -o out.fq $I/illumina.fq
golden quiet --quiet -a $A -o out.fq $I/quirky.fq
golden paired -a $A -A $A -q 20 -m 20 --json r.json -o out.fq -p out2.fq $I/r1.fq $I/r2.fq
golden paired_both -a $A -A $A -q 20,20 -m 30:40 --pair-filter=both -o out.fq.gz -p out2.fq.gz $I/r1.fq $I/r2.fq
golden paired_first -a $A -G ^AATGATACGG -U 3 -Q 10 -M 140 --pair-filter first -o out.fq -p out2.fq $I/r1.fq $I/r2.fq
golden paired_untrimmed_r1_only -a $A --discard-untrimmed -o out.fq -p out2.fq $I/r1.fq $I/r2.fq
# --action: what a found adapter does to the read.
golden action_retain --action retain -a $A -g ^TCGTCGGCAGCG -m 10 --json r.json -o out.fq $I/nextera.fq
golden action_retain_linked --action=retain -a ^TCGTCGG...$N -o out.fq $I/nextera.fq
golden action_mask --action mask -a $N -g XCGTCGGCAG -n 2 -q 20 --trim-n -o out.fq $I/nextera.fq
golden action_lowercase --action=lowercase -a $A -b GGGGGGGGGG -n 2 -m 15 -o out.fq $I/quirky.fq
golden action_none_filter --action none -a $S --discard-untrimmed --json r.json -o out.fq.gz $I/smallrna.fq
golden action_paired_threads -j 2 --action=mask -a $A -A $A -q 20 -o out.fq -p out2.fq $I/r1.fq $I/r2.fq
golden action_deprecated --no-trim --mask-adapter -a $A -o out.fq $I/illumina.fq
# Outputs of their own for the reads a filter rejects (the report counts them as filtered).
golden rejected_outputs -a $A -q 20 -m 30 -M 90 --too-short-output short.fq --too-long-output long.fq.gz --untrimmed-output untrimmed.fq -o out.fq $I/quirky.fq
golden rejected_no_m -a $A --too-short-output short.fq -o out.fq $I/illumina.fq
golden rejected_paired -j 2 -a $A -A $A -m 40:30 --pair-filter both --too-short-output s1.fq --too-short-paired-output s2.fq.gz --untrimmed-output u1.fq --untrimmed-paired-output u2.fq --json r.json -o out.fq -p out2.fq $I/r1.fq $I/r2.fq
# FASTA outputs: by a plain output's name (cutadapt at its default -j 1), or --fasta for any.
golden fasta_by_name -a $A -q 20 -m 30 --too-short-output short.fna -o out.fa $I/illumina.fq
golden fasta_gz_name -a $A -o out.fa.gz $I/illumina.fq
golden fasta_forced --fasta -a $A -A $A -o out.fq.gz -p out2.fq $I/r1.fq $I/r2.fq
# An adapter given twice: cutadapt warns in its log, before "Processing".
golden duplicate_adapters -a $A -a "${A,,}" -g ^TCGTCGG...$N -g ^TCGTCGG...$N -o out.fq $I/nextera.fq
co trim --action retain -n 2 -a $A -o out.fq in/illumina.fq
assert_eq "$RC" 2 "--action retain with -n 2"
assert_contains "$OUT" "'retain' cannot be combined with times > 1" "cutadapt's reason"
# Six anchored adapters: cutadapt indexes them unless --no-index; cutover needs --no-index.
printf '>b1\nACGTAC\n>b2\nCGTACG\n>b3\nGTACGT\n>b4\nTACGTA\n>b5\nAACCGG\n>b6\nTTGGCC\n' > in/barcodes.fa
golden no_index --no-index -g ^file:$I/barcodes.fa -o out.fq $I/illumina.fq
co trim -g ^file:in/barcodes.fa -o out.fq in/illumina.fq
assert_eq "$RC" 2 "six anchored adapters without --no-index"
assert_contains "$OUT" "--no-index" "the error says what to do"
golden paired_threads -j 2 -a $A -A $A -q 20 -m 20 --report minimal -o out.fq -p out2.fq $I/r1.fq $I/r2.fq

# Read names and qualities: --length-tag, --strip-suffix, -x/-y, --zero-cap, --rename.
golden names -a ill=$A -u 3 -u -2 -q 20 -m 20 --length-tag length= --strip-suffix /1 --strip-suffix 150 -x "{name}_" -y ":{name}:x" -z -o out.fq $I/sra.fq
golden names_threads -j 2 -a ill=$A -g ^TCGTCGG...$N --length-tag length= -x "pre{name}" -o out.fq.gz $I/sra.fq
golden zero_cap_phred64 --quality-base 64 -z -q 20 -a $N -o out.fq $I/phred64.fq
golden rename -a $A -g "front=GTCGG;optional...$A" -n 2 -u 4 -u -2 --rename "{id} {adapter_name} {match_sequence} {cut_prefix} {cut_suffix} {rc} {comment} {header}" -o out.fq $I/sra.fq
golden rename_threads_gz -j 2 -a $N -a $A --length-tag length= --rename "{header};{adapter_name}" -o out.fq.gz $I/nextera.fq
golden rename_lowercase --action=lowercase -a $A -m 10 --rename "{id} {match_sequence}" --too-short-output short.fq -o out.fq $I/quirky.fq
golden rename_paired -a a=$A -A b=$A -U 2 -u -3 --rename "{id} rn={rn} {r1.adapter_name} {r2.match_sequence} {comment} {r2.cut_prefix} {r1.cut_suffix} {r2.header}" -o out.fq -p out2.fq $I/r1.fq $I/r2.fq
golden rename_paired_threads -j 2 -a $A -A $A -q 20 -z --rename "{id} {r2.comment}" --json r.json -o out.fq.gz -p out2.fq $I/r1.fq $I/r2.fq
golden rename_header_only --rename "{header}" -a $A -o out.fq $I/sra.fq
golden strip_empty_suffix --strip-suffix "" -a $A -o out.fq $I/illumina.fq

# Every file of the examples folder, whole, with Trim Galore's default cutadapt parameters.
for f in "$EX"/*.f*q.gz; do
  base=$(basename "$f")
  ln -s "$f" "in/$base"
  golden "all_${base%%.*}" -e 0.1 -q 20 -O 1 -a $A -o out.fq.gz "$I/$base"
done

# Standard input and output.
oracle_run -i in/illumina.fq -o a.stdout.fq - -- cutadapt -a $A -q 20 -
"$CUTOVER" trim -a $A -q 20 - < in/illumina.fq > b.stdout.fq 2> b.stderr
cmp a.stdout.fq b.stdout.fq || fail "stdin/stdout output differs"
assert_contains "$(cat b.stderr)" "=== Summary ===" "the report goes to stderr when reads go to stdout"
pass "trim golden: same reads and reports as cutadapt"
oracle_cache_summary
