#!/usr/bin/python3
"""Writes small FASTQ files with the quirks FastQC's modules must get right, into argv[1].

Deterministic (fixed seeds), so the same files come out on every machine; the expected
reports are made at test time by the installed FastQC, never stored.
"""
import gzip
import os
import random
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
ADAPTER = "AGATCGGAAGAGCACACGTCTGAACTCCAGTCAC"


def seq(rng, n, alphabet="ACGT"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def qual(rng, n, lo=2, hi=40, offset=33):
    return "".join(chr(offset + rng.randint(lo, hi)) for _ in range(n))


def write(name, records, compress=False):
    path = os.path.join(out, name)
    text = "".join(f"@{header}\n{s}\n+\n{q}\n" for header, s, q in records).encode()
    if compress:
        # mtime 0: the same bytes on every run (gzip.open would stamp the time in the header).
        text = gzip.compress(text, mtime=0)
    with open(path, "wb") as f:
        f.write(text)


def illumina_name(rng, i, tile=None, flag="N"):
    tile = tile if tile is not None else rng.choice([1101, 1102, 1203, 2104])
    return (f"M0:12:000000000-ABCDE:1:{tile}:{rng.randint(1000, 29999)}:{rng.randint(1000, 29999)}"
            f" 1:{flag}:0:{i % 7}")


# Variable lengths, Ns, '.' bases, lower case, adapters at random places.
rng = random.Random(1)
recs = []
for i in range(3000):
    n = rng.choice([0, 5, 11, 12, 36, 50, 51, 75, 76, 99, 101, 150, 151, 199, 250])
    s = list(seq(rng, n, "ACGTACGTACGTN"))
    if n > 20 and rng.random() < 0.3:
        at = rng.randint(0, n - 12)
        s[at:] = list((ADAPTER * 10)[: n - at])
    if n and rng.random() < 0.05:
        s[rng.randrange(n)] = "."
    s = "".join(s)
    if rng.random() < 0.1:
        s = s.lower()
    recs.append((illumina_name(rng, i), s, qual(rng, n)))
write("variable.fastq", recs)

# Phred+64 (Illumina 1.5) and Illumina 1.3 ('A' as the lowest character).
rng = random.Random(2)
write("phred64.fq", [(f"r{i}", seq(rng, 100), qual(rng, 100, 2, 40, 64)) for i in range(2000)])
write("illumina13.fq", [(f"r{i}", seq(rng, 60), "A" + qual(rng, 59, 3, 40, 64)) for i in range(500)])

# Long reads: GC truncation to multiples of 1000, wide position groups.
rng = random.Random(3)
long_recs = []
for i in range(300):
    n = rng.randint(900, 5200)
    long_recs.append((f"long{i}", seq(rng, n, "ACGGCCTA"), qual(rng, n, 5, 30)))
write("long.fastq.gz", long_recs, compress=True)

# Duplication beyond the 100,000 distinct sequences FastQC tracks, with overrepresented ties.
rng = random.Random(4)
pool = [seq(rng, 80) for _ in range(60000)]
hot = ["GATCGGAAGAGCACACGTCTGAACTCCAGTCACATCACGATCTCGTATGCCGTCTTCTGCTTG",
       "TGGAATTCTCGGGTGCCAAGGAACTCCAGTCACATCACGATCTCGTATGCCGTCTTCTGCTTGA",
       "ACGTACGTTTGACCAGTAGGACCATTGACCATTGACCAGGTTAGGACCATTGACCAGTTAGGCA"]
recs = []
for i in range(130000):
    r = rng.random()
    if r < 0.02:
        s = hot[0] + seq(rng, 80 - len(hot[0]))
    elif r < 0.04:
        s = hot[1] + seq(rng, 80 - len(hot[1]))
    elif r < 0.045:
        s = hot[2] + seq(rng, 80 - len(hot[2]))
    elif r < 0.5:
        s = rng.choice(pool)
    else:
        s = seq(rng, 80)
    recs.append((illumina_name(rng, i), s, qual(rng, 80, 20, 40)))
write("duplicates.fastq.gz", recs, compress=True)

# CASAVA file set with reads flagged by the sequencer (":Y:").
rng = random.Random(5)
for part in (1, 2):
    write(f"sample_L001_R1_00{part}.fastq.gz",
          [(illumina_name(rng, i, flag="Y" if rng.random() < 0.2 else "N"), seq(rng, 76),
            qual(rng, 76)) for i in range(1500)], compress=True)

# Names without tiles (5 fields, non-numeric) and with more than 1000 tiles.
rng = random.Random(6)
write("tiles_text.fq", [(f"a:b:c{i}:d:e", seq(rng, 40), qual(rng, 40)) for i in range(400)])
write("tiles_many.fq", [(illumina_name(rng, i, tile=i), seq(rng, 40), qual(rng, 40))
                        for i in range(12000)])

# Reads all shorter than the adapters: Adapter Content has no rows and warns.
rng = random.Random(7)
write("short.fq", [(f"s{i}", seq(rng, 10), qual(rng, 10)) for i in range(300)])

# Per tile: FastQC 0.12.1 samples the first 10,000 reads (then every 10th), skips reads of length
# 0, and gives up beyond 2,501 tiles (0.11.9: every 10th read, 1,001 tiles).
rng = random.Random(8)
write("tiles_2501.fq", [(illumina_name(rng, i, tile=i), seq(rng, 30), qual(rng, 30))
                        for i in range(2501)])
write("tiles_2502.fq", [(illumina_name(rng, i, tile=i), seq(rng, 30), qual(rng, 30))
                        for i in range(2502)])
recs = []
for i in range(16000):
    n = 0 if rng.random() < 0.1 else rng.choice([20, 40, 60])
    tile = rng.choice([1101, 1102, 1103, 2101, 2102])
    lo = 2 if tile != 1103 else 15
    recs.append((illumina_name(rng, i, tile=tile), seq(rng, n), qual(rng, n, lo, 40)))
write("tiles_sampling.fq", recs)
# The encoding guess: 0.11.9 takes it from the first tile (1101: Phred+64 range only), 0.12.1
# from all (1102 goes below '@'); 1102's reads are shorter, so the offset shows where it has none.
recs = []
for i in range(400):
    if (i // 10) % 2 == 0:  # (0.11.9 samples every 10th read: both tiles)
        recs.append((illumina_name(rng, i, tile=1101), seq(rng, 60), qual(rng, 60, 2, 40, 64)))
    else:
        recs.append((illumina_name(rng, i, tile=1102), seq(rng, 30), qual(rng, 30, 0, 30, 33)))
write("tiles_encoding.fq", recs)

# Contaminant ranking: two hits of the same length, the first with a mismatch (0.11.9 names it;
# 0.12.1 names the exact one). Analysed with contaminants.txt below.
rng = random.Random(9)
RANKED = "CAGTTGACCTAGGCATTACGGATCCATGACTTGCAAGTCCGATAGCTTAG"  # 50 bp
# (80 bp reads: both versions key them by their first 50 bases)
write("ranking.fq", [(f"k{i}", RANKED + seq(rng, 30) if i % 2 == 0 else seq(rng, 80),
                      qual(rng, 80)) for i in range(1000)])

# Custom lists and limits.
with open(os.path.join(out, "adapters.txt"), "w") as f:
    f.write("# custom\nLong adapter\t\tAGATCGGAAGAGCACACG\nShort one\tGGAAGAG\nWith N\tAGNTCGG\n")
with open(os.path.join(out, "contaminants.txt"), "w") as f:
    near = RANKED[:20] + ("A" if RANKED[20] != "A" else "C") + RANKED[21:40]
    f.write("Hot one\tGATCGGAAGAGCACACGTCTGAACTCCAGTCACATCACG\nShort\tTTGACCAGTAGG\n"
            f"Near miss\t{near}\nExact match\t{RANKED[:40]}\n")
with open(os.path.join(out, "limits.txt"), "w") as f:
    f.write("tile ignore 1\nduplication warn 95\nadapter error 50\noverrepresented warn 1\n"
            "quality_sequence warn 35\nkmer ignore 1\ngc_sequence ignore 0\n")
