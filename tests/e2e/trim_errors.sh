#!/usr/bin/env bash
# `cutover trim` on bad input: a clear error naming the file and the record, a non-zero exit,
# and nothing left under the output names (not even a partial file), at 1 and 2 threads.
source "$(dirname "$0")/lib.sh"

EX=/usr/share/doc/trim-galore/examples
good() { printf '@r%d/%d\nACGTACGTAGATCGGAAGAGC\n+\nIIIIIIIIIIIIIIIIIIIII\n' "$1" "$2"; }
for i in $(seq 1 3000); do good "$i" 1; done > r1.fq
for i in $(seq 1 3000); do good "$i" 2; done > r2.fq
head -n 8000 r2.fq > r2_short.fq
cat r2.fq r2.fq > r2_long.fq
sed '4001s/^@r1001/@x1001/' r2.fq > r2_renamed.fq
printf '@a\nACGT\n+b\nIIII\n' > plus.fq
sed '4002s/^.*$/ACGTACGTACGTACGTACGTA/' r2.fq > r2_no_adapter.fq
sed '6002s/^.*$/ACGT/' r1.fq > malformed.fq
gzip -c r1.fq > r1.fq.gz
head -c 4000 r1.fq.gz > truncated.fq.gz

# run_fails WHAT EXPECTED_TEXT ARGS...: exit non-zero, the message, no outputs.
run_fails() {
  local what=$1 expected=$2
  shift 2
  for j in 1 2; do
    rm -f out.fq out2.fq out.fq.gz
    co trim -j $j "$@"
    [ "$RC" -ne 0 ] || fail "$what (-j $j): exit 0"
    assert_contains "$OUT" "$expected" "$what (-j $j)"
    assert_no_file out.fq "$what (-j $j)"
    assert_no_file out2.fq "$what (-j $j)"
    assert_no_file out.fq.gz "$what (-j $j)"
    [ -z "$(ls -A | grep cutover-tmp || true)" ] || fail "$what (-j $j): temporary files left"
  done
}

run_fails "R2 shorter" "r2_short.fq has 2000 reads" -a AGATCGGAAGAGC -o out.fq -p out2.fq r1.fq r2_short.fq
run_fails "R1 shorter" "r1.fq has 3000 reads" -a AGATCGGAAGAGC -o out.fq -p out2.fq r1.fq r2_long.fq
run_fails "mismatched names" "record 1001 is 'r1001/1'" -a AGATCGGAAGAGC -o out.fq -p out2.fq r1.fq r2_renamed.fq
run_fails "malformed record" "malformed.fq: record 1501 (line 6004): quality has 21 characters, sequence has 4" -a AGATCGGAAGAGC -o out.fq malformed.fq
run_fails "truncated gzip" "truncated.fq.gz" -a AGATCGGAAGAGC -o out.fq.gz truncated.fq.gz
run_fails "missing input" "nonexistent.fq" -a AGATCGGAAGAGC -o out.fq nonexistent.fq
run_fails "unreadable adapter file" "nonexistent.fa" -a file:nonexistent.fa -o out.fq r1.fq
run_fails "invalid adapter" "'J'" -a AGATCJJ -o out.fq r1.fq
run_fails "unsupported option" "--info-file" -a AGATCGGAAGAGC --info-file info.txt -o out.fq r1.fq
run_fails "unknown option" "unrecognized arguments: --frobnicate" --frobnicate -o out.fq r1.fq
run_fails "renamed mates apart" "IDs are no longer identical: 'ad_r1001/1' != 'no_adapter_r1001/2'. Original read ID: 'r1001/1'. (record 1001 in r1.fq" -a ad=AGATCGGAAGAGC -A ad=AGATCGGAAGAGC --rename "{adapter_name}_{id}" -o out.fq -p out2.fq r1.fq r2_no_adapter.fq
run_fails "length tag as a regular expression" "option --length-tag: 'len.*'" --length-tag "len.*" -o out.fq r1.fq
run_fails "plus line" "plus.fq: record 1 (line 3): the '+' line" -o out.fq plus.fq

# An existing output is left alone when the run fails.
echo "old" > out.fq
co trim -a AGATCGGAAGAGC -o out.fq malformed.fq
[ "$RC" -ne 0 ] || fail "malformed: exit 0"
assert_eq "$(cat out.fq)" "old" "the previous output survives a failed run"

# Exit codes: usage errors 2 (as cutadapt), data errors 1.
co trim -a AGATCGGAAGAGC -q x r1.fq
assert_eq "$RC" 2 "bad -q value"
assert_contains "$OUT" "Quality cutoff value not recognized" "-q message"
co trim -a AGATCGGAAGAGC -o out.fq malformed.fq
assert_eq "$RC" 1 "malformed input"
pass "trim errors: clear, non-zero, no partial outputs"
