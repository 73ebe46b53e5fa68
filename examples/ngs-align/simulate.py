#!/usr/bin/env python3
"""Simulated data for the alignment examples and benchmarks: a random reference genome (with a
few repeats, so that aligners disagree somewhere), a sample genome with known variants planted
(SNVs and short indels, written as a truth VCF), and paired-end reads from the sample with
sequencing errors. Deterministic for a given seed.

The benchmark organism of ../shared/data is E. coli K-12 MG1655, fetched from Debian's
ragout-examples package; offline, this random genome of the same size stands in for it (a
random sequence is easier to align than a real genome: fewer repeats, no low complexity).

usage: simulate.py OUTDIR [--genome-length N] [--pairs N] [--samples s1,s2] [--seed S]
writes OUTDIR/ref.fa, OUTDIR/truth.vcf and OUTDIR/reads/{sample}_R{1,2}.fastq.gz
"""
import argparse
import gzip
import os
import random

COMP = str.maketrans("ACGT", "TGCA")


def revcomp(s):
    return s.translate(COMP)[::-1]


def make_reference(rng, length):
    seq = [rng.choice("ACGT") for _ in range(length)]
    # Three 1.5 kb repeats: reads there have two equally good placements.
    for k in range(3):
        src = rng.randrange(0, length - 1500)
        dst = rng.randrange(0, length - 1500)
        seq[dst:dst + 1500] = seq[src:src + 1500]
    return "".join(seq)


def plant_variants(rng, ref, count):
    """Returns (sample sequence, variants sorted by position) with variants spaced >= 50 bp."""
    positions = sorted(rng.sample(range(100, len(ref) - 100, 97), count))
    variants = []
    for pos in positions:
        kind = rng.random()
        if kind < 0.8:
            alt = rng.choice([b for b in "ACGT" if b != ref[pos]])
            variants.append((pos, ref[pos], alt))
        elif kind < 0.9:
            ins = "".join(rng.choice("ACGT") for _ in range(rng.randint(1, 4)))
            variants.append((pos, ref[pos], ref[pos] + ins))
        else:
            n = rng.randint(1, 4)
            variants.append((pos, ref[pos:pos + n + 1], ref[pos]))
    out, last = [], 0
    for pos, r, a in variants:
        out.append(ref[last:pos])
        out.append(a)
        last = pos + len(r)
    out.append(ref[last:])
    return "".join(out), variants


def write_fasta(path, name, seq):
    with open(path, "w") as f:
        f.write(f">{name}\n")
        for i in range(0, len(seq), 60):
            f.write(seq[i:i + 60] + "\n")


def write_truth(path, contig, length, variants):
    with open(path, "w") as f:
        f.write("##fileformat=VCFv4.2\n")
        f.write(f"##contig=<ID={contig},length={length}>\n")
        f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
        for pos, r, a in variants:
            f.write(f"{contig}\t{pos + 1}\t.\t{r}\t{a}\t.\tPASS\t.\n")


def with_errors(rng, read, rate):
    if rate <= 0:
        return read
    out = list(read)
    for i in range(len(out)):
        if rng.random() < rate:
            out[i] = rng.choice([b for b in "ACGT" if b != out[i]])
    return "".join(out)


def write_reads(rng, genome, pairs, length, out1, out2, error_rate, prefix):
    qual = "I" * length
    with gzip.open(out1, "wt", compresslevel=1) as f1, gzip.open(out2, "wt", compresslevel=1) as f2:
        for i in range(pairs):
            insert = max(length, int(rng.gauss(350, 50)))
            start = rng.randrange(0, len(genome) - insert)
            frag = genome[start:start + insert]
            if rng.random() < 0.5:
                frag = revcomp(frag)
            r1 = with_errors(rng, frag[:length], error_rate)
            r2 = with_errors(rng, revcomp(frag)[:length], error_rate)
            f1.write(f"@{prefix}{i}/1\n{r1}\n+\n{qual}\n")
            f2.write(f"@{prefix}{i}/2\n{r2}\n+\n{qual}\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("outdir")
    p.add_argument("--genome-length", type=int, default=200_000)
    p.add_argument("--pairs", type=int, default=20_000)
    p.add_argument("--read-length", type=int, default=150)
    p.add_argument("--variants", type=int, default=0, help="default: one per 2 kb")
    p.add_argument("--error-rate", type=float, default=0.002)
    p.add_argument("--samples", default="s1")
    p.add_argument("--seed", type=int, default=1655)
    a = p.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.outdir, "reads"), exist_ok=True)
    ref = make_reference(rng, a.genome_length)
    write_fasta(os.path.join(a.outdir, "ref.fa"), "chr", ref)
    genome, variants = plant_variants(rng, ref, a.variants or a.genome_length // 2000)
    write_truth(os.path.join(a.outdir, "truth.vcf"), "chr", len(ref), variants)
    for i, sample in enumerate(a.samples.split(",")):
        srng = random.Random(a.seed * 1000 + i)
        base = os.path.join(a.outdir, "reads", sample)
        write_reads(srng, genome, a.pairs, a.read_length, base + "_R1.fastq.gz",
                    base + "_R2.fastq.gz", a.error_rate, f"{sample}_")


if __name__ == "__main__":
    main()
