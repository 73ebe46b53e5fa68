#!/usr/bin/env bash
# `cutover run -j N` keeps at most 2N jobs in the queue: N serving sides and at most N shadows,
# even when the shadow side is the slow one (a shadow outlives its task; the next task with a
# shadow waits for one to end).
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
settings:
  executor: {kind: slurm, partition: debug, cpus: 1, mem: 50M}
samples:
  list: [a, b, c, d, e, f, g, h]
steps:
  work:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo {sample} > {output.out}"}
    new: {shell: "sleep 3; echo {sample} > {output.out}"}
Y
co route work shadow --reason "compare"
assert_eq "$RC" 0 "route: $OUT"
"$CUTOVER" run -j 1 >run.log 2>&1 &
pid=$!
most=0
while kill -0 "$pid" 2>/dev/null; do
  n=$(active_jobs | wc -l)
  [ "$n" -gt "$most" ] && most=$n
  sleep 0.2
done
wait "$pid" || fail "run: $(cat run.log)"
assert_contains "$(cat run.log)" "8 tasks: 8 published" "every task published"
assert_eq "$(sql "select count(*) from comparisons")" 8 "every shadow compared"
[ "$most" -le 2 ] || fail "-j 1 had $most jobs in the queue at once (at most 2: one serving side, one shadow)"
[ "$most" -ge 1 ] || fail "no job seen in the queue"
no_jobs_left
pass "-j 1 kept at most $most job(s) in the queue (bound: 2)"
