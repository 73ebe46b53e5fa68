#!/usr/bin/env python3
"""Nanopore-like FASTQ for the long-read benchmarks (bench/qc_long.sh), deterministic by seed.

usage: long_reads.py single LENGTH > one.fastq        one read of LENGTH bases
       long_reads.py nanopore N MEAN_KB [SEED] > x.fq  N reads, log-normal lengths around
                                                       MEAN_KB kb (500 b to 20x the mean)
       long_reads.py starts N MEAN_KB STARTS > x.fq    the same, each read starting with one of
                                                       STARTS random 50-mers (N/STARTS reads
                                                       each: overrepresented sequences to match)
       long_reads.py adapters N [SEED] > x.fq          N reads of 1-50 kb (log-normal, median
                                                       ~8 kb), most with a ligation adapter at
                                                       the 5' end (after 0-20 bases, ~8 % errors)
                                                       and many with its 3' counterpart
Reads draw 1-3 kb stretches from a few random "genomes" (so some 50-mers repeat, as in real
runs), with ~5 % substitutions, a GC level that varies by read, and Phred qualities around
10-20 that drift along the read, with names in nanopore's style (no Illumina tile).
"""
import math
import random
import sys


def quality_line(rng, length):
    out = bytearray(length)
    q = rng.randint(8, 20)
    i = 0
    while i < length:
        run = rng.randint(1, 40)
        q = min(40, max(2, q + rng.randint(-3, 3)))
        for j in range(i, min(length, i + run)):
            out[j] = 33 + max(1, q + rng.randint(-2, 2))
        i += run
    return out.decode()


def read_bases(rng, genomes, length):
    parts = []
    left = length
    while left > 0:
        g = rng.choice(genomes)
        n = min(left, rng.randint(1000, 3000))
        start = rng.randrange(0, len(g) - n)
        s = bytearray(g[start:start + n], "ascii")
        for _ in range(n // 20):
            s[rng.randrange(n)] = ord(rng.choice("ACGT"))
        parts.append(s.decode())
        left -= n
    return "".join(parts)


FRONT = "AATGTACTTCGTTCAGTTACGTATTGCT"  # nanopore ligation adapter, as seen at read starts
BACK = "GCAATACGTAACTGAACGAAGTACATT"   # its reverse complement, as seen at read ends


def noisy(rng, s, rate):
    out = []
    for c in s:
        r = rng.random()
        if r < rate / 3:
            continue  # deletion
        if r < 2 * rate / 3:
            out.append(rng.choice("ACGT"))  # substitution
        elif r < rate:
            out.append(c + rng.choice("ACGT"))  # insertion
        else:
            out.append(c)
    return "".join(out)


def adapters(out, n, seed):
    rng = random.Random(seed)
    genomes = ["".join(rng.choice("ACGT") for _ in range(200000)) for _ in range(4)]
    for i in range(n):
        length = int(min(50000, max(1000, rng.lognormvariate(math.log(8000), 0.8))))
        seq = read_bases(rng, genomes, length)
        if rng.random() < 0.9:
            seq = "".join(rng.choice("ACGT") for _ in range(rng.randint(0, 20))) + \
                noisy(rng, FRONT, 0.08) + seq
        if rng.random() < 0.6:
            seq = seq + noisy(rng, BACK, 0.08)[:rng.randint(10, len(BACK))]
        out.write(f"@{i:08x}-adapt runid=0 read={i} ch={i % 512}\n"
                  f"{seq}\n+\n{quality_line(rng, len(seq))}\n")


def main():
    mode = sys.argv[1]
    out = sys.stdout
    if mode == "single":
        length = int(sys.argv[2])
        rng = random.Random(1)
        seq = "".join(rng.choice("ACGT") for _ in range(length))
        out.write(f"@single_{length}\n{seq}\n+\n{quality_line(rng, length)}\n")
        return
    if mode == "adapters":
        adapters(out, int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 5)
        return
    n, mean_kb = int(sys.argv[2]), float(sys.argv[3])
    starts = []
    if mode == "starts":
        rng = random.Random(11)
        starts = ["".join(rng.choice("ACGT") for _ in range(50)) for _ in range(int(sys.argv[4]))]
    else:
        rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    genomes = []
    for _ in range(4):
        gc = rng.uniform(0.35, 0.6)
        genomes.append("".join(
            rng.choice("GC") if rng.random() < gc else rng.choice("AT") for _ in range(200000)))
    mu = math.log(mean_kb * 1000) - 0.5
    for i in range(n):
        length = int(min(20 * mean_kb * 1000, max(500, rng.lognormvariate(mu, 1.0))))
        seq = read_bases(rng, genomes, length)
        if starts:
            seq = starts[i % len(starts)] + seq[50:]
        out.write(f"@{i:08x}-bench runid=0 read={i} ch={i % 512} start_time=2026-01-01\n"
                  f"{seq}\n+\n{quality_line(rng, length)}\n")


if __name__ == "__main__":
    main()
