#!/usr/bin/env bash
# All-legacy run: two steps, a dependency between them, an aggregate step, resume skips.
. "$(dirname "$0")/lib.sh"
mkdir -p in
printf 'hello\n' > in/a.txt
printf 'world\n' > in/b.txt
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  upper:
    inputs: {text: "in/{sample}.txt"}
    outputs: {up: "out/{sample}.upper"}
    legacy:
      shell: "tr a-z A-Z < {input.text} > {output.up}"
  count:
    inputs: {up: "out/{sample}.upper"}
    outputs: {n: "out/{sample}.count"}
    legacy:
      command: "sh -c 'wc -c < \"$0\" > \"$1\"' {input.up} {output.n}"
  total:
    scope: all
    inputs: {counts: "out/{sample}.count"}
    outputs: {sum: "out/total.txt"}
    legacy:
      shell: "cat {input.counts} | paste -sd+ | bc > {output.sum}"
Y
co validate
assert_eq "$RC" 0 "validate"
assert_contains "$OUT" "2 samples, 3 steps" "validate summary"
co run -j 2
assert_eq "$RC" 0 "run exit code: $OUT"
assert_eq "$(cat out/a.upper)" "HELLO" "upper a"
assert_eq "$(cat out/b.upper)" "WORLD" "upper b"
assert_eq "$(cat out/a.count)" "6" "count a"
assert_eq "$(cat out/total.txt)" "12" "total"
assert_contains "$OUT" "5 tasks: 5 published" "run summary"
assert_eq "$(status_field upper '.executions.legacy')" 2 "legacy executions of upper"
assert_eq "$(status_field upper '.executions.new')" 0 "no new executions"
assert_eq "$(status_field upper '.route.mode')" legacy "default route"
# No stray temporary files next to published outputs.
assert_eq "$(ls -A out | sort | tr '\n' ' ')" "a.count a.upper b.count b.upper total.txt " "published files"

# Resume: nothing changed -> everything skipped, nothing executed again.
co run
assert_eq "$RC" 0 "second run"
assert_contains "$OUT" "5 up to date" "second run skips"
assert_eq "$(status_field upper '.executions.legacy')" 2 "no new executions on resume"

# Change one input: only its chain and the aggregate re-run.
printf 'hello there\n' > in/a.txt
co run
assert_contains "$OUT" "3 published, 2 up to date" "changed input re-runs its chain: $OUT"
assert_eq "$(cat out/total.txt)" "18" "total after change"

# A published output edited by hand is noticed and rebuilt.
echo junk > out/b.upper
co run
assert_eq "$(cat out/b.upper)" "WORLD" "hand-edited output rebuilt"

# --force re-runs everything.
co run --force
assert_contains "$OUT" "5 published" "force"

# `cutover step` is the same routing for one task; its exit code is the serving side's.
co step upper --sample a --force
assert_eq "$RC" 0 "step exit"
co step upper --sample nosuch
assert_eq "$RC" 2 "unknown sample is a usage error"
assert_contains "$OUT" "unknown sample 'nosuch'" "unknown sample message"
# An aggregate runs once over all samples: running it "for" one sample is refused, and it
# does not run.
before=$(sql "select count(*) from tasks where step='total'")
co step total --sample a
assert_eq "$RC" 2 "an aggregate with --sample is a usage error: $OUT"
assert_contains "$OUT" "step total runs once over all samples (scope: all): leave out --sample" "says so"
assert_eq "$(sql "select count(*) from tasks where step='total'")" "$before" "and runs nothing"
pass "legacy run, resume, aggregate, step"
