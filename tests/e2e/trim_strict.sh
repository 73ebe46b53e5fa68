#!/usr/bin/env bash
# `cutover trim` rejects exactly the inputs that the installed cutadapt 4.2 rejects. Every
# variant of tests/trim/make_corrupt_fastq.py (corrupted and tricky-but-valid copies of Debian
# trim-galore's example reads: non-ASCII bytes, control characters, broken records, blank lines,
# gzip framing, paired-end mismatches) goes through cutadapt, the oracle, and through cutover
# trim at 1 and 2 threads. When cutadapt rejects, cutover must exit 1 with a message naming the
# file (and the record, where the fault is in one) and giving the same reason, and leave no
# output; when cutadapt accepts, cutover must write the same reads and the same report.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"

command -v cutadapt >/dev/null || { echo "SKIP: cutadapt is not installed"; exit 0; }
EX=/usr/share/doc/trim-galore/examples
[ -f "$EX/illumina_10K.fastq.gz" ] || { echo "SKIP: trim-galore examples missing"; exit 0; }
/usr/bin/python3 "$HERE/../trim/make_corrupt_fastq.py" "$EX" v

ARGS=(-a AGATCGGAAGAGC -q 20 -m 20)

# The reason cutover must give (a fixed string of its message; alternatives separated by '|')
# for a reason cutadapt gave.
# An unknown reason fails the test: a new kind of rejection needs a look.
expected_reason() {
  case "$1" in
    *"Non-ASCII characters found"*) echo "non-ASCII byte" ;;
    *"Length of sequence and qualities differ"*) echo "quality has" ;;
    *"Line expected to start with '+'"*) echo "expected the '+' line" ;;
    # (Four or more blank lines at the end: a blank "record" to dnaio, the end of the file to us.)
    *"Line expected to start with '@', but found '\n'"*)
      echo "empty line where a record header|blank line after the last record" ;;
    *"Line expected to start with '@'"*) echo "header does not start with '@'" ;;
    *"Premature end of file encountered. The incomplete final record was: '"*)
      # The unfinished record, as Python shows it: only line ends, a header, or anything else.
      local rest=${1#*The incomplete final record was: \'}
      rest=${rest%%\'*}
      if [[ $rest =~ ^(\\r|\\n)+$ ]]; then
        echo "blank line after the last record"
      elif [[ $rest == @* ]]; then
        echo "the file ends inside the record"
      else
        echo "header does not start with '@'"
      fi ;;
    *"Sequence descriptions don't match"*) echo "the '+' line" ;;
    # (At the start of the file or after a member: Python says the same.)
    *"Not a gzipped file"*) echo "not a gzip file|trailing garbage after the gzip data" ;;
    *"Compressed file ended before the end-of-stream marker"*) echo "truncated gzip stream" ;;
    *"CRC check failed"* | *"Incorrect length of data produced"*) echo "CRC or length check failed" ;;
    *"Error -3 while decompressing"*) echo "corrupt gzip data" ;;
    *"Reads are improperly paired"*) echo "reads are improperly paired" ;;
    *) echo "UNKNOWN" ;;
  esac
}

accepted=0
rejected=0
while IFS=$'\t' read -r name r1 r2 record description; do
  if [ "$r2" = - ]; then
    io=(-o out.fq ../../v/"$r1")
  else
    io=(-o out.fq -p out2.fq ../../v/"$r1" ../../v/"$r2")
  fi
  mkdir -p "a/$name"
  set +e
  (cd "a/$name" && oracle_run -o report.txt -e stderr.txt . -- cutadapt "${ARGS[@]}" "${io[@]}")
  ca_rc=$?
  set -e
  ca_error=$(cat "a/$name/stderr.txt" "a/$name/report.txt")
  for j in 1 2; do
    b="b$j/$name"
    mkdir -p "$b"
    set +e
    (cd "$b" && "$CUTOVER" trim -j $j "${ARGS[@]}" "${io[@]}" > report.txt 2> stderr.txt)
    co_rc=$?
    set -e
    co_error=$(cat "$b/stderr.txt" "$b/report.txt")
    what="$name ($description), -j $j"
    if [ $ca_rc -eq 0 ]; then
      [ $co_rc -eq 0 ] || fail "$what: cutadapt accepts, cutover rejects: $co_error"
      for f in out.fq out2.fq; do
        [ -e "a/$name/$f" ] || continue
        cmp -s "a/$name/$f" "$b/$f" || fail "$what: $f differs from cutadapt's"
      done
      # (The command line and the number of cores differ by cutover's "-j N".)
      diff <(grep -v -e '^This is cutadapt' -e '^Finished in' -e '^Command line' -e '^Processing' "a/$name/report.txt") \
           <(grep -v -e '^This is cutadapt' -e '^Finished in' -e '^Command line' -e '^Processing' "$b/report.txt") > report.diff ||
        fail "$what: reports differ: $(head -20 report.diff)"
    else
      [ $co_rc -ne 0 ] || fail "$what: cutadapt rejects ($(grep -m1 -e ERROR -e Error <<<"$ca_error")), cutover accepts"
      assert_eq "$co_rc" 1 "$what: exit status"
      reason=$(expected_reason "$ca_error")
      [ "$reason" != UNKNOWN ] || fail "$what: no known cutover reason for cutadapt's: $ca_error"
      found=0
      IFS='|' read -ra alternatives <<<"$reason"
      for r in "${alternatives[@]}"; do grep -qF -- "$r" <<<"$co_error" && found=1; done
      [ $found = 1 ] || fail "$what: expected the reason '$reason' in: $co_error"
      if [ "$r2" = - ]; then
        assert_contains "$co_error" "$r1" "$what: the file"
      else
        grep -qF -e "$r1" -e "$r2" <<<"$co_error" || fail "$what: no file named in: $co_error"
      fi
      [ "$record" = - ] || assert_contains "$co_error" "record $record " "$what: the record"
      # cutadapt logs the error into its report on stdout (nothing on stderr): so must cutover,
      # as the report's last line, after the same header lines.
      if grep -q '^ERROR: ' "a/$name/report.txt"; then
        co_line=$(tail -n 1 "$b/report.txt")
        [[ $co_line == "ERROR: "* ]] || fail "$what: cutadapt's report on stdout ends with its error, cutover's with: $co_line"
        # (cutadapt's message may go on over a second line: the lines before the error are compared.)
        diff <(sed '/^ERROR: /,$d' "a/$name/report.txt" | grep -v -e '^This is cutadapt' -e '^Command line' -e '^Processing') \
             <(sed '/^ERROR: /,$d' "$b/report.txt" | grep -v -e '^This is cutadapt' -e '^Command line' -e '^Processing') > report.diff ||
          fail "$what: reports of the failed run differ: $(head -20 report.diff)"
        assert_eq "$(grep -c '^ERROR: ' "$b/report.txt")" 1 "$what: one error line in the report"
        # cutadapt says nothing on stderr; cutover repeats the error there when the report went
        # elsewhere (here a file), so whoever ran it sees why it failed.
        assert_eq "$(cat "$b/stderr.txt")" "$(grep '^ERROR: ' "$b/report.txt")" "$what: the error on stderr too, once"
      fi
      assert_no_file "$b/out.fq" "$what"
      assert_no_file "$b/out2.fq" "$what"
      [ -z "$(ls -A "$b" | grep cutover-tmp || true)" ] || fail "$what: temporary files left"
    fi
  done
  if [ $ca_rc -eq 0 ]; then accepted=$((accepted + 1)); else rejected=$((rejected + 1)); fi
  echo "ok: $name: $([ $ca_rc -eq 0 ] && echo accepted || echo "rejected: $(grep -h -m1 '^ERROR' "b1/$name/report.txt" "b1/$name/stderr.txt" | head -1)")"
done < v/manifest.tsv

# Standard input: xopen never decompresses it, so gzip data there is rejected by cutadapt (not
# FASTQ); decompressed first, both read it.
for j in 1 2; do
  set +e
  ca_error=$(cutadapt "${ARGS[@]}" -o /dev/null - < v/ok_gzip.fq.gz 2>&1)
  ca_rc=$?
  co_error=$("$CUTOVER" trim -j $j "${ARGS[@]}" -o stdin.fq - < v/ok_gzip.fq.gz 2>&1)
  co_rc=$?
  set -e
  [ $ca_rc -ne 0 ] || fail "cutadapt now reads gzip from standard input: update cutover"
  assert_eq "$co_rc" 1 "gzip on standard input, -j $j"
  assert_contains "$co_error" "<stdin>: gzip data from standard input" "gzip on standard input, -j $j"
  assert_no_file stdin.fq "gzip on standard input, -j $j"
  zcat v/ok_gzip.fq.gz | cutadapt "${ARGS[@]}" -o ca_stdin.fq - > /dev/null 2>&1
  zcat v/ok_gzip.fq.gz | "$CUTOVER" trim -j $j "${ARGS[@]}" -o co_stdin.fq - > /dev/null 2>&1 ||
    fail "decompressed standard input, -j $j: cutover failed"
  cmp -s ca_stdin.fq co_stdin.fq || fail "decompressed standard input, -j $j: reads differ"
done
echo "ok: standard input (gzip rejected, decompressed accepted)"

[ $accepted -ge 30 ] && [ $rejected -ge 50 ] || fail "too few variants: $accepted accepted, $rejected rejected"
pass "trim strictness: $rejected variants rejected and $accepted accepted, as by cutadapt 4.2"
oracle_cache_summary
