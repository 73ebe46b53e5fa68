#!/usr/bin/env bash
# `cutover compare`: any comparator on two files, exit codes like diff(1).
source "$(dirname "$0")/lib.sh"

printf 'h\tv\nr1\t10\n# run at 2026-01-01\n' > a.tsv
printf 'h\tv\nr1\t11\n# run at 2026-11-24\n' > b.tsv
gzip -c a.tsv > a.tsv.gz

co compare a.tsv a.tsv.gz
assert_eq "$RC" 0 "plain vs gzip of the same content"
assert_contains "$OUT" "match: identical" "match message"

co compare a.tsv b.tsv
assert_eq "$RC" 1 "mismatch exits 1"
assert_contains "$OUT" "@@ line 2 @@" "diff location"
assert_contains "$OUT" "- r1	10" "legacy line"
assert_contains "$OUT" "+ r1	11" "new line"
assert_not_contains "$OUT" $'\033[' "no colour when not a terminal"

co compare -O 'ignore=^#' -O 'replace=[{pattern: "\t1[01]$", with: "\tN"}]' a.tsv b.tsv
assert_eq "$RC" 0 "noise exits 0"
assert_contains "$OUT" "noise: differ only in ignored lines (2) and replaced values" "noise message"

co compare --json --options '{ignore: "^#"}' a.tsv b.tsv
assert_eq "$RC" 1 "json mismatch"
assert_eq "$(jq -r .outcome <<<"$OUT")" mismatch "json outcome"
assert_eq "$(jq -r '.differences[0].location' <<<"$OUT")" "line 2" "json location"
assert_eq "$(jq -r '.counts.ignored_new' <<<"$OUT")" 1 "json counts"

head -c 40 a.tsv.gz > cut.gz
co compare a.tsv cut.gz
assert_eq "$RC" 2 "truncated gzip exits 2"
assert_contains "$OUT" "error:" "error outcome"
assert_contains "$OUT" "cut.gz" "names the file"

co compare --as nosuch a.tsv b.tsv
assert_eq "$RC" 2 "unknown kind exits 2"
assert_contains "$OUT" "unknown comparator 'nosuch'" "names the kind"
co compare -O 'bogus=1' a.tsv b.tsv
assert_eq "$RC" 2 "unknown option exits 2"
assert_contains "$OUT" "unknown option 'bogus'" "names the option"

co compare --as bytes --color always a.tsv b.tsv
assert_eq "$RC" 1 "bytes mismatch"
assert_contains "$OUT" $'\033[31m' "colour on request"
# Format-aware kinds through the binary: real reads from Debian's trim-galore examples.
reads=/usr/share/doc/trim-galore/examples/illumina_10K.fastq.gz
if [ -f "$reads" ]; then
  (zcat "$reads" || true) | head -4000 > r.fq
  awk 'NR == 402 { $0 = "N" substr($0, 2) } 1' r.fq | gzip -c > r2.fq.gz
  co compare --as fastq r.fq r2.fq.gz
  assert_eq "$RC" 1 "fastq mismatch: $OUT"
  assert_contains "$OUT" "1 record differs (1 sequence), first at record 101 (line 401)" "fastq location"
  awk 'NR % 4 == 1 { print; getline; s = $0; getline; p = $0; getline; print s; print p; print $0 }' r.fq \
    | paste - - - - | sort | tr '\t' '\n' > shuffled.fq
  co compare --as fastq -O order=any r.fq shuffled.fq
  assert_eq "$RC" 0 "same reads in another order: $OUT"
  assert_contains "$OUT" "noise: same reads; differ only in read order" "fastq any order"
fi
printf 'id,reads,gc\ns1,100,40.1\ns2,200,41.0\n' > a.csv
printf 'id,gc,reads\ns2,41.04,200\ns1,40.1,101\n' > b.csv
co compare --as table -O key=id -O 'tolerance={gc: {absolute: 0.05}}' a.csv b.csv
assert_eq "$RC" 1 "table mismatch: $OUT"
assert_contains "$OUT" "1 changed row (reads 1), first at key s1" "table summary"
co compare --as json -O 'ignore_paths=[/meta]' <(echo '{"meta": 1, "n": [1, 2]}') <(echo '{"meta": 2, "n": [1, 2]}')
assert_eq "$RC" 0 "json noise: $OUT"
assert_contains "$OUT" "noise: differ only in ignored paths (1)" "json ignore"
co compare --as command -O 'run=cmp -s {legacy} {new}' a.csv b.csv
assert_eq "$RC" 1 "command comparator mismatch: $OUT"
pass "compare CLI"
