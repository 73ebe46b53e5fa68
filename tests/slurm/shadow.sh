#!/usr/bin/env bash
# Shadow through Slurm: both sides of each task are submitted as two jobs that run at the same
# time; the new side is compared and never published.
. "$(dirname "$0")/lib.sh"
mkdir -p in
for s in s1 s2; do printf 'line one %s\nline two\n' "$s" > in/$s.txt; done
cat > cutover.yaml <<'Y'
settings:
  executor: slurm
samples:
  glob: "in/{sample}.txt"
steps:
  same:
    inputs: {text: "in/{sample}.txt"}
    outputs: {out: "out/{sample}.same"}
    legacy:
      shell: "date +%s.%N >&2; sleep 2; sed 's/one/ONE/' {input.text} > {output.out}; date +%s.%N >&2"
    new:
      shell: "date +%s.%N >&2; sleep 2; sed 's/one/ONE/' {input.text} > {output.out}; date +%s.%N >&2"
  differ:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      out:
        path: "out/{sample}.differ"
        compare: {kind: text}
    legacy: {shell: "cat {input.text} > {output.out}"}
    new: {shell: "sed 's/two/TWO/' {input.text} > {output.out}"}
Y
co route same shadow --reason "new sed is ready"
co route differ shadow --reason "try it"
co run -j 2
assert_eq "$RC" 0 "run: $OUT"
assert_eq "$(job_count)" 8 "two jobs per task (2 steps x 2 samples)"
assert_eq "$(cat out/s1.differ)" "$(cat in/s1.txt)" "legacy output published, not new"
assert_eq "$(status_field same '.comparisons.match')" 2 "matching new side"
assert_eq "$(status_field differ '.comparisons.mismatch')" 2 "mismatching new side"
assert_contains "$(sql "select summary from comparisons where step='differ' and sample='s2'")" "TWO" "diff content"
# The two jobs of a task ran concurrently: each started before the other ended.
for task in .cutover/scratch/same/*/; do
  read -r l_start l_end < <(tr '\n' ' ' < "$task/legacy.stderr"; echo)
  read -r n_start n_end < <(tr '\n' ' ' < "$task/new.stderr"; echo)
  [ "$(echo "$l_start < $n_end && $n_start < $l_end" | bc)" = 1 ] ||
    fail "sides of $task did not overlap: legacy $l_start-$l_end, new $n_start-$n_end"
  [ "$(cat "$task/legacy.job/job_id")" != "$(cat "$task/new.job/job_id")" ] || fail "one job for two sides"
done
no_jobs_left
pass "shadow through Slurm: two concurrent jobs per task, compared, legacy published"
