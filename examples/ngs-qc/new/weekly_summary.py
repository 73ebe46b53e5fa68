#!/usr/bin/python3
"""Legacy weekly QC summary: one row per sample from FastQC's summary and Trim Galore's report.

usage: weekly_summary.py OUT.tsv --qc A_fastqc.zip ... --trim A.fastq.gz_trimming_report.txt ...
"""
import argparse
import re
import sys
import zipfile


def fastqc_summary(path):
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith("/summary.txt"))
        verdicts = {}
        for line in z.read(name).decode().splitlines():
            verdict, module, _ = line.split("\t")
            verdicts[module] = verdict
        data = z.read(name.replace("summary.txt", "fastqc_data.txt")).decode()
    total = re.search(r"^Total Sequences\t(\d+)", data, re.M).group(1)
    gc = re.search(r"^%GC\t(\d+)", data, re.M).group(1)
    return total, gc, verdicts


def trimmed_percent(path):
    text = open(path).read()
    match = re.search(r"Reads with adapters:\s+[\d,]+ \(([\d.]+)%\)", text)
    return match.group(1) if match else "NA"


def sample_of(path, suffix):
    base = path.rsplit("/", 1)[-1]
    return base[: -len(suffix)] if base.endswith(suffix) else base


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--qc", nargs="+", required=True)
    parser.add_argument("--trim", nargs="+", required=True)
    args = parser.parse_args()
    trims = {sample_of(p, ".fastq.gz_trimming_report.txt"): p for p in args.trim}
    rows = []
    for qc in sorted(args.qc):
        sample = sample_of(qc, "_fastqc.zip")
        total, gc, verdicts = fastqc_summary(qc)
        failed = [m for m, v in verdicts.items() if v == "FAIL"]
        rows.append([sample, total, gc, str(len(failed)), ";".join(failed) or "-",
                     trimmed_percent(trims[sample]) if sample in trims else "NA"])
    with open(args.out, "w") as out:
        out.write("sample\treads\tgc_percent\tfailed_modules\tfailed\treads_with_adapters_percent\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    sys.exit(main())
