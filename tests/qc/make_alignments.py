#!/usr/bin/python3
"""Writes a small genome and reads drawn from it, for aligning into the SAM/BAM inputs of the
`cutover qc` golden tests: OUT/ref.fa and OUT/reads.fq.

The reads cover what FastQC's BAM reading treats specially once aligned: both strands (reverse
ones are reverse-complemented back), adapter tails and junk heads (soft clips, which bam_mapped
cuts off), reads from a repeat (secondary records without bases, with bwa mem -a), chimeras
(supplementary records), reads from nowhere (unmapped), Ns and lower-case bases. Deterministic
(fixed seed): usage: make_alignments.py OUT
"""
import os
import random
import sys

ADAPTER = "AGATCGGAAGAGCACACGTCTGAACTCCAGTCA"
COMPLEMENT = str.maketrans("ACGTN", "TGCAN")


def revcomp(s):
    return s.translate(COMPLEMENT)[::-1]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261205)
    genome = [rng.choice("ACGT") for _ in range(30000)]
    repeat = "".join(rng.choice("ACGT") for _ in range(300))
    for start in (5000, 12000, 21000):  # one segment three times: reads in it map three ways
        genome[start:start + len(repeat)] = repeat
    genome = "".join(genome)
    with open(os.path.join(out, "ref.fa"), "w") as f:
        f.write(">chr1\n")
        for i in range(0, len(genome), 70):
            f.write(genome[i:i + 70] + "\n")

    def quality(n, low=False):
        return "".join(chr(33 + (rng.randint(2, 20) if low else rng.randint(20, 40)))
                       for _ in range(n))

    with open(os.path.join(out, "reads.fq"), "w") as f:
        for i in range(3000):
            kind = i % 10
            length = rng.choice((75, 100, 100, 100, 120))
            start = rng.randrange(0, len(genome) - 400)
            if kind == 0:  # from the repeat
                start = 5000 + rng.randrange(0, 300 - length)
            seq = genome[start:start + length]
            if kind == 1:  # an adapter tail: a soft clip at the 3' end
                cut = rng.randint(15, len(ADAPTER))
                seq = seq[:length - cut] + ADAPTER[:cut]
            elif kind == 2:  # junk at the 5' end: a soft clip at the start
                junk = rng.randint(15, 30)
                seq = "".join(rng.choice("ACGT") for _ in range(junk)) + seq[junk:]
            elif kind == 3:  # a chimera: its second half from far away
                other = (start + 10000) % (len(genome) - 400)
                seq = seq[:length // 2] + genome[other:other + length - length // 2]
            elif kind == 4:  # from nowhere
                seq = "".join(rng.choice("ACGT") for _ in range(length))
            seq = list(seq)
            for _ in range(rng.choice((0, 0, 0, 1, 3))):  # a few substitutions and Ns
                seq[rng.randrange(len(seq))] = rng.choice("ACGTN")
            seq = "".join(seq)
            if rng.random() < 0.5:  # the other strand
                seq = revcomp(seq)
            if kind == 5 and i % 20 == 5:
                seq = seq[:10].lower() + seq[10:]
            f.write(f"@sim:1:FC:1:{1101 + i % 4}:{i}:{i * 7} {i}\n{seq}\n+\n"
                    f"{quality(len(seq), low=kind == 6)}\n")


if __name__ == "__main__":
    main()
