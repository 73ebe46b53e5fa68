#!/usr/bin/env bash
# Notebook steps with the real `jupyter nbconvert` (Debian jupyter-nbconvert + python3-ipykernel):
# parameters injected after the `parameters` cell (typed values, lists, a subprocess), the
# executed notebook kept, an aggregate notebook over every sample, a failing cell named in the
# ledger and in `cutover status`, nothing published from a failed notebook, fallback to legacy
# when the failing notebook is the new side, resume fingerprints following the notebook's
# content, and clear errors for a missing or broken notebook before anything runs.
. "$(dirname "$0")/lib.sh"
command -v jupyter >/dev/null || fail "jupyter is not installed (scripts/install-deps.sh)"

mkdir -p in nb
printf 'ACGT\n' > in/a.fq
printf 'ACGTACGT\n' > in/b.fq

# nb: one cell per list item; a cell is a list of source lines.
notebook() {
  python3 - "$@" <<'PY'
import json, sys
path, cells = sys.argv[1], json.loads(sys.argv[2])
out = []
for i, c in enumerate(cells):
    tags = c.get("tags", [])
    out.append({"cell_type": "code", "execution_count": None, "id": f"c{i}",
                "metadata": {"tags": tags} if tags else {}, "outputs": [],
                "source": c["src"]})
json.dump({"cells": out, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
           "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}, open(path, "w"), indent=1)
PY
}

notebook nb/count.ipynb '[
 {"src": "import os, subprocess"},
 {"tags": ["parameters"], "src": "reads = None\nreport = None\nsample = \"default\"\nthreads = 1\nlabel = \"\"\nall_inputs = []"},
 {"src": "n = int(subprocess.run([\"wc\", \"-c\", reads], check=True, capture_output=True, text=True).stdout.split()[0])"},
 {"src": "with open(report, \"w\") as f:\n    f.write(f\"{sample} {n} threads={threads!r} {type(threads).__name__} label={label} inputs={len(all_inputs)} cwd={os.getcwd()}\\n\")"}
]'
notebook nb/total.ipynb '[
 {"tags": ["parameters"], "src": "reports = []\ntotal = \"\""},
 {"src": "rows = [open(p).read().split() for p in reports]\nopen(total, \"w\").write(f\"{len(reports)} samples, {sum(int(r[1]) for r in rows)} bytes\\n\")"}
]'
notebook nb/broken.ipynb '[
 {"tags": ["parameters"], "src": "out = None"},
 {"src": "open(out, \"w\").write(\"partial\\n\")"},
 {"src": "def ratio(x):\n    return x / 0\n\nratio(1)"},
 {"src": "print(\"still runs\")"}
]'

cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.fq"
steps:
  count:
    inputs: {reads: "in/{sample}.fq"}
    outputs: {report: "out/{sample}.count", notebook: "out/{sample}.count.ipynb"}
    timeout: 2m
    legacy:
      notebook: nb/count.ipynb
      parameters:
        reads: "{input.reads}"
        report: "{output.report}"
        sample: "{sample}"
        threads: 3
        label: "it's \"quoted\" \\ naïve"
        all_inputs: "{input}"
  total:
    scope: all
    inputs: {reports: "out/{sample}.count"}
    outputs: {sum: "out/total.txt"}
    legacy:
      notebook: nb/total.ipynb
      parameters: {reports: "{input.reports}", total: "{output.sum}"}
Y
co validate
assert_eq "$RC" 0 "validate: $OUT"
co run -j 2
assert_eq "$RC" 0 "run: $OUT"
assert_contains "$OUT" "3 tasks: 3 published" "run summary"
line=$(cat out/a.count)
assert_contains "$line" "a 5 threads=3 int label=it's \"quoted\" \\ naïve inputs=1" "count a: parameters reached the notebook typed"
assert_contains "$line" "/.cutover/scratch/count/" "kernel cwd is the side's scratch folder: $line"
assert_eq "$(basename "$(sed 's/.*cwd=//' out/a.count)")" legacy "kernel cwd is the legacy work dir"
assert_contains "$(cat out/b.count)" "b 9 threads=3 int" "count b"
assert_eq "$(cat out/total.txt)" "2 samples, 14 bytes" "aggregate notebook got a list of reports"
# The output named `notebook` is the executed notebook, published; the injected cell follows the
# parameters cell.
assert_file out/a.count.ipynb "published executed notebook"
assert_eq "$(jq -r '.cells[2].metadata.tags[0]' out/a.count.ipynb)" injected-parameters "injected cell position"
assert_contains "$(jq -r '.cells[2].source | join("")' out/a.count.ipynb)" 'sample = "a"' "injected values"
assert_eq "$(jq '[.cells[] | select(.cell_type == "code") | .execution_count] | length' out/a.count.ipynb)" 5 "every cell executed"
# The user's notebook is untouched; the aggregate's executed notebook is kept beside stdout.
assert_eq "$(jq '.cells | length' nb/count.ipynb)" 4 "source notebook unchanged"
task=$(sql "SELECT task_id FROM executions WHERE step='total'")
assert_file ".cutover/scratch/total/$task/legacy.ipynb" "executed notebook kept in scratch"
assert_file ".cutover/scratch/total/$task/legacy/total.ipynb" "parameterised copy in the work dir"

# Resume: nothing changed -> up to date; editing the notebook re-runs its step (and downstream).
co run
assert_contains "$OUT" "3 up to date" "resume: $OUT"
python3 - <<'PY'
import json
nb = json.load(open("nb/total.ipynb"))
nb["cells"][1]["source"] = nb["cells"][1]["source"].replace("bytes", "bytes total")
json.dump(nb, open("nb/total.ipynb", "w"))
PY
co run
assert_contains "$OUT" "1 published, 2 up to date" "an edited notebook re-runs its step: $OUT"
assert_eq "$(cat out/total.txt)" "2 samples, 14 bytes total" "edited notebook's output"

# A legacy notebook failing in a cell: the task fails, nothing is published, the ledger and
# status name the cell and the error; the executed notebook is kept.
cat >> cutover.yaml <<'Y'
  broken:
    inputs: {reads: "in/{sample}.fq"}
    outputs: {o: "out/{sample}.broken"}
    legacy:
      notebook: nb/broken.ipynb
      parameters: {out: "{output.o}"}
Y
co step broken --sample a
assert_eq "$RC" 1 "a failing notebook fails the step: $OUT"
assert_contains "$OUT" "cell 3 (In [4]): ZeroDivisionError: division by zero" "run output names the cell: $OUT"
assert_no_file out/a.broken "nothing published from a failed notebook"
err=$(sql "SELECT error FROM executions WHERE step='broken'")
assert_contains "$err" "notebook cell 3 (In [4]): ZeroDivisionError: division by zero — at Cell In [4], line 2, in ratio(x): return x / 0" "execution error in the ledger"
assert_contains "$err" "; executed notebook: " "error says where the executed notebook is"
assert_eq "$(sql "SELECT status FROM executions WHERE step='broken'")" failed "execution status"
executed=$(sed 's/.*; executed notebook: //' <<<"$err")
assert_file "$executed" "executed notebook kept after the failure"
assert_eq "$(jq '[.cells[].outputs[]? | select(.output_type == "error")] | length' "$executed")" 1 "the error is in the kept notebook"
co status
assert_contains "$OUT" "last failure of broken: legacy side on sample a" "status: $OUT"
assert_contains "$OUT" "cell 3 (In [4]): ZeroDivisionError: division by zero" "status names the cell"
assert_eq "$(status_field broken '.last_failure.error' | cut -c1-40)" "notebook cell 3 (In [4]): ZeroDivisionEr" "status --json"

# The failing notebook as the new side, serving: legacy falls back and serves.
python3 - <<'PY'
import re
y = open("cutover.yaml").read()
y = y.replace("""    legacy:
      notebook: nb/broken.ipynb
      parameters: {out: "{output.o}"}""", """    legacy:
      shell: "echo legacy > {output.o}"
    new:
      notebook: nb/broken.ipynb
      parameters: {out: "{output.o}"}""")
open("cutover.yaml", "w").write(y)
PY
co route broken new --force --reason "try the notebook"
assert_eq "$RC" 0 "route: $OUT"
co step broken --sample b
assert_eq "$RC" 0 "fallback serves: $OUT"
assert_contains "$OUT" "cell 3 (In [4]): ZeroDivisionError" "run output names the new side's cell: $OUT"
assert_eq "$(cat out/b.broken)" legacy "legacy output published by the fallback"
assert_eq "$(sql "SELECT fallback FROM tasks WHERE step='broken' AND sample='b'")" 1 "fallback recorded"

# Before anything runs: a missing notebook, a file that is not JSON, an nbformat 3 notebook.
cp cutover.yaml good.yaml
sed -i 's|notebook: nb/broken.ipynb|notebook: nb/nosuch.ipynb|' cutover.yaml
co validate
assert_eq "$RC" 2 "missing notebook: $OUT"
assert_contains "$OUT" "cutover.yaml:30:17: steps.broken.new.notebook: notebook $PWD/nb/nosuch.ipynb does not exist" "missing notebook message"
co run
assert_contains "$OUT" "nb/nosuch.ipynb does not exist" "run refuses before running: $OUT"
assert_eq "$(sql "SELECT count(*) FROM executions WHERE step='broken'")" 3 "nothing ran (1 legacy failure, then new + fallback)"
printf '{"cells": [' > nb/nosuch.ipynb
co validate
assert_contains "$OUT" "steps.broken.new.notebook: notebook $PWD/nb/nosuch.ipynb: not valid JSON" "invalid JSON: $OUT"
printf '{"worksheets": [], "metadata": {}, "nbformat": 3}' > nb/nosuch.ipynb
co validate
assert_contains "$OUT" "nbformat 3 is not supported" "nbformat 3: $OUT"
pass "notebook steps"
