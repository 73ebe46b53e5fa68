#!/usr/bin/env bash
# `cutover trim galore` against the installed Trim Galore 0.6.10 (with cutadapt 4.2): the same
# output files under the same names (reads compared decompressed) and the same trimming reports,
# but for lines that name the tool or the time, and for the ones Trim Galore itself words at
# random (the order of tied adapter counts follows Perl's hash order).
source "$(dirname "$0")/lib.sh"

command -v trim_galore >/dev/null || { echo "SKIP: trim_galore is not installed"; exit 0; }
EX=/usr/share/doc/trim-galore/examples
[ -f "$EX/illumina_10K.fastq.gz" ] || { echo "SKIP: trim-galore examples missing"; exit 0; }

mkdir in
cp "$EX"/illumina_10K.fastq.gz "$EX"/clock_10K_R1.fastq.gz "$EX"/clock_10K_R2.fastq.gz \
  "$EX"/4_seqs_with_Ns.fastq.gz in/
zcat "$EX/nextera_100K.fastq.gz" | head -40000 > in/nextera.fastq || true
zcat "$EX/smallRNA_100K.fastq.gz" | head -40000 > in/smallrna.fq || true
zcat "$EX/clock_10K_R2.fastq.gz" > in/clock_R2.fq
# Phred+64 copy of 10K Illumina reads.
zcat "$EX/illumina_10K.fastq.gz" | awk 'BEGIN { for (i = 33; i < 127; i++) ord[sprintf("%c", i)] = i }
  NR % 4 == 0 { s = ""; for (i = 1; i <= length($0); i++) s = s sprintf("%c", 31 + ord[substr($0, i, 1)]); print s; next } { print }' > in/phred64.fq

normalise() {
  sed -e '/^Cutadapt version: /d' -e '/^Python version: /d' -e '/^This is cutadapt /d' -e '/^Finished in /d' \
      -e 's/Second best hit was .*$/Second best hit was .../' \
      -e 's/from the first specified file (count .*)$/from the first specified file (counts ...)/' "$1"
}

# galore NAME ARGS...: runs both in a/NAME and b/NAME (inputs as ../../in/FILE) and compares every
# file Trim Galore wrote.
galore() {
  local name=$1
  shift
  mkdir -p "a/$name" "b/$name"
  (cd "a/$name" && oracle_run -o stdout.txt -e stderr.txt . -- trim_galore "$@") ||
    fail "$name: trim_galore failed: $(tail -5 "a/$name/stderr.txt")"
  (cd "b/$name" && "$CUTOVER" trim galore "$@" > stdout.txt 2> stderr.txt) ||
    fail "$name: cutover trim galore failed: $(cat "b/$name/stderr.txt")"
  local f rel n=0
  while IFS= read -r f; do
    rel=${f#a/$name/}
    case "$rel" in stdout.txt|stderr.txt) continue ;; esac
    [ -e "b/$name/$rel" ] || fail "$name: cutover wrote no $rel"
    case "$rel" in
      *_trimming_report.txt)
        diff <(normalise "$f") <(normalise "b/$name/$rel") > "$name.diff" ||
          fail "$name: $rel differs: $(head -20 "$name.diff")" ;;
      *.gz) cmp <(zcat "$f") <(zcat "b/$name/$rel") || fail "$name: $rel differs (decompressed)" ;;
      *) cmp "$f" "b/$name/$rel" || fail "$name: $rel differs" ;;
    esac
    n=$((n + 1))
  done < <(find "a/$name" -type f | sort)
  local extra
  extra=$(cd "b/$name" && find . -type f ! -name stdout.txt ! -name stderr.txt | sort | while read -r g; do [ -e "../../a/$name/$g" ] || echo "$g"; done)
  [ -z "$extra" ] || fail "$name: cutover wrote files Trim Galore did not: $extra"
  echo "ok: $name ($n files)"
}

I=../../in
galore default $I/illumina_10K.fastq.gz
galore plain_input_nextera $I/nextera.fastq
galore small_rna_autodetect $I/smallrna.fq
galore options -q 25 --length 30 --stringency 3 -e 0.2 --trim-n $I/illumina_10K.fastq.gz
galore max_n --max_n 2 --trim-n $I/4_seqs_with_Ns.fastq.gz $I/illumina_10K.fastq.gz
galore max_n_fraction --max_n 0.1 $I/illumina_10K.fastq.gz
galore clips --clip_R1 5 --three_prime_clip_R1 3 --max_length 120 --illumina $I/illumina_10K.fastq.gz
galore nextseq --nextseq 20 --dont_gzip -o out_dir $I/illumina_10K.fastq.gz
galore adapter --adapter AGATCGGAAGAGCACACG --basename sample $I/illumina_10K.fastq.gz
galore phred64 --phred64 --gzip $I/phred64.fq
galore already_trimmed --consider_already_trimmed 5000 $I/illumina_10K.fastq.gz
galore paired --paired $I/clock_10K_R1.fastq.gz $I/clock_10K_R2.fastq.gz
galore paired_options --paired --retain_unpaired -r1 40 -r2 45 --length 35 --clip_R1 2 --clip_R2 3 \
  --three_prime_clip_R2 1 --max_n 1 -a2 AGATCGGAAGAGCGTCGTG $I/clock_10K_R1.fastq.gz $I/clock_10K_R2.fastq.gz
galore paired_basename --paired --basename pair --nextera --dont_gzip $I/clock_10K_R1.fastq.gz $I/clock_10K_R2.fastq.gz
# A gzip input before plain ones: Trim Galore's gzip flag stays set, so the later outputs are
# gzip too and their reports say so.
galore gzip_then_plain $I/illumina_10K.fastq.gz $I/nextera.fastq $I/smallrna.fq
galore paired_gzip_then_plain --paired $I/clock_10K_R1.fastq.gz $I/clock_R2.fq

# Not implemented: an error, never ignored.
co trim galore --rrbs in/illumina_10K.fastq.gz
assert_eq "$RC" 2 "--rrbs is refused"
assert_contains "$OUT" "option --rrbs: not implemented" "names the option"
pass "trim galore golden: same files and reports as Trim Galore"
oracle_cache_summary
