#!/usr/bin/env bash
# Fills an SQLite ledger (already created at the current schema, e.g. by `cutover status`) with
# TASKS tasks spread over the given steps, with SQL alone (recursive CTEs: seconds, not hours).
# Each task: a legacy serving and a new shadow execution (2 x TASKS executions), two outputs per
# execution, one comparison; sample 's<i / number of steps>'; every step routed to shadow; one
# task in 97 failed, one new side in 53 failed, one comparison in 11 a mismatch.
# Usage: bench/ledger_fill.sh LEDGER.db TASKS STEP [STEP...]
set -euo pipefail
db=$1 tasks=$2
shift 2
n=$#
steps_union="" case_step="CASE i % $n"
k=0
for s in "$@"; do
  steps_union+="${steps_union:+ UNION ALL }SELECT '$s' AS s"
  case_step+=" WHEN $k THEN '$s'"
  k=$((k + 1))
done
case_step+=" END"
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO runs (id, command, "user", host, pid, started_ms, finished_ms, status)
  VALUES (1, 'bench', 'bench', 'bench', 1, 1700000000000, 1700000000001, 'succeeded');
INSERT INTO route_changes (step, at_ms, "user", from_mode, from_percent, to_mode, to_percent,
                           reason, automatic, last_execution_id, forced, evidence)
  SELECT s, 1700000000000, 'bench', 'legacy', 0, 'shadow', 0, 'bench', 0, 0, 0, 'null'
  FROM ($steps_union);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $tasks)
INSERT INTO tasks (id, run_id, step, sample, route_mode, route_percent, serving, served_by,
                   fallback, status, fingerprint, error, started_ms, finished_ms, purpose)
  SELECT i, 1, $case_step,
         's' || (i / $n), 'shadow', 0, 'legacy', 'legacy', 0,
         CASE WHEN i % 97 = 0 THEN 'failed' ELSE 'published' END, printf('xxh3:%016x', i), '',
         1700000000000 + i * 1000, 1700000000000 + i * 1000 + 900, 'run'
  FROM n;
INSERT INTO executions (id, task_id, step, sample, side, role, argv, scratch_dir, status,
                        exit_code, signal, wall_ms, cpu_ms, max_rss_kb, stderr_tail, error,
                        started_ms, finished_ms, purpose)
  SELECT t.id * 2 - 1 + k, t.id, t.step, t.sample, CASE k WHEN 0 THEN 'legacy' ELSE 'new' END,
         CASE k WHEN 0 THEN 'serving' ELSE 'shadow' END, '["sh","-c","true"]',
         '/scratch/' || t.id, CASE WHEN k = 1 AND t.id % 53 = 0 THEN 'failed' ELSE 'succeeded' END,
         CASE WHEN k = 1 AND t.id % 53 = 0 THEN 1 ELSE 0 END, 0, 800 + k * 100, 700, 20000,
         CASE WHEN k = 1 AND t.id % 53 = 0 THEN 'Traceback: boom' ELSE '' END, '',
         t.started_ms, t.finished_ms, 'run'
  FROM tasks t, (SELECT 0 AS k UNION ALL SELECT 1);
INSERT INTO execution_outputs (execution_id, position, name, path, size, digest)
  SELECT e.id, k, 'out' || k, 'out/' || e.sample || '.' || k, 1000 + k, printf('xxh3:%016x', e.id)
  FROM executions e, (SELECT 0 AS k UNION ALL SELECT 1);
INSERT INTO comparisons (id, task_id, step, sample, output, comparator, outcome, summary,
                         legacy_execution_id, new_execution_id, at_ms, purpose)
  SELECT t.id, t.id, t.step, t.sample, 'out', 'text',
         CASE WHEN t.id % 53 = 0 THEN 'error' WHEN t.id % 11 = 0 THEN 'mismatch' ELSE 'match' END,
         '{"lines":1}', t.id * 2 - 1, t.id * 2, t.finished_ms, 'run'
  FROM tasks t;
COMMIT;
SQL
