#!/bin/sh
# The legacy pipeline as it ran before cutover: every Monday at 06:00 (see crontab), QC (a
# script running FastQC) and trimming (a notebook running Trim Galore) for every FASTQ in
# reads/, then the weekly report notebook. No isolation, no comparison, no record: exactly
# what cutover.yaml now wraps, step by step.
set -eu
cd "$(dirname "$0")/.."
run_notebook() {  # NOTEBOOK [NAME=VALUE...]: the parameters replace the defaults' cell
  nb=$1; shift
  python3 - "$nb" "$@" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
assigns = "".join(f"{k} = {v!r}\n" for k, v in (a.split("=", 1) for a in sys.argv[2:]))
for i, cell in enumerate(nb["cells"]):
    if "parameters" in cell.get("metadata", {}).get("tags", []):
        nb["cells"].insert(i + 1, {"cell_type": "code", "metadata": {}, "execution_count": None,
                                   "outputs": [], "source": assigns})
        break
json.dump(nb, open(".legacy-run.ipynb", "w"))
PY
  # Executed where it lies (the pipeline folder); the executed copy goes to logs/.
  jupyter nbconvert --to notebook --execute --log-level=WARN .legacy-run.ipynb \
    --output-dir logs --output "$(basename "$nb" .ipynb).executed"
  rm -f .legacy-run.ipynb
}
mkdir -p logs
for reads in reads/*.fastq.gz; do
  legacy/fastqc.sh "$reads" results/qc
  run_notebook legacy/trim.ipynb "reads=$(pwd)/$reads" "outdir=$(pwd)/results/trimmed"
done
run_notebook legacy/weekly_report.ipynb "out=$(pwd)/results/weekly_summary.tsv"
