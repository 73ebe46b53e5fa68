#!/usr/bin/env bash
# kill -9 of cutover at several points of a run: nothing half-published, the ledger stays
# consistent, and re-running completes the work.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples:
  list: [s1, s2, s3, s4, s5, s6]
steps:
  produce:
    outputs:
      a: "out/{sample}.a"
      b: "out/{sample}.b"
    legacy:
      shell: "for i in $(seq 1 20); do echo line $i >> {output.a}; sleep 0.01; done; echo END >> {output.a}; cp {output.a} {output.b}"
    new:
      shell: "for i in $(seq 1 20); do echo line $i >> {output.a}; sleep 0.01; done; echo END >> {output.a}; cp {output.a} {output.b}"
  consume:
    inputs: {a: "out/{sample}.a", b: "out/{sample}.b"}
    outputs: {c: "out/{sample}.c"}
    legacy:
      shell: "cat {input.a} {input.b} > {output.c}; sleep 0.1; echo END >> {output.c}"
Y
co route produce shadow --reason "exercise both sides"
check_published() {
  for f in out/*; do
    [ -e "$f" ] || continue
    [ "$(tail -1 "$f")" = END ] || fail "$1: half-written published file $f"
  done
  assert_eq "$(sqlite3 .cutover/ledger.db 'pragma integrity_check')" ok "$1: ledger integrity"
}
for delay in 0.15 0.4 0.8 1.3; do
  "$CUTOVER" run -j 2 > run.log 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  check_published "after kill -9 at ${delay}s"
done
co run -j 2
assert_eq "$RC" 0 "re-run completes: $OUT"
check_published "after the final run"
assert_eq "$(find out -name '.*cutover-tmp*' | wc -l)" 0 "no stray temporary files after recovery"
for s in s1 s2 s3 s4 s5 s6; do assert_file out/$s.c "final output of $s"; done
assert_eq "$(sql "select count(*) from tasks where status='running'")" 0 "no task left running"
assert_eq "$(sql "select count(*) from runs where status='running'")" 0 "no run left running"
interrupted=$(sql "select count(*) from runs where status='interrupted'")
[ "$interrupted" -ge 1 ] || fail "killed runs are recorded as interrupted"
co run
assert_contains "$OUT" "12 up to date" "everything is done"
pass "kill -9 at 4 points: consistent ledger, $interrupted interrupted runs recovered"
