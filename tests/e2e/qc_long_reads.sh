#!/usr/bin/env bash
# cutover qc on long reads (nanopore-like, made here deterministically):
# - against the real FastQC 0.12.1 ($FASTQC_0121, built by the ctest fixture): fastqc_data.txt
#   and summary.txt byte-identical (the version line apart), at one thread and at two, on a few
#   reads of 20-100 kb (every position kept as bytes, no percentiles) and on 150 reads of 1-60 kb
#   (positions covered by over 100 reads, with percentiles, then fewer);
# - over the read-length limit (50,000,000 bases, docs/qc.md): an error naming the file, the
#   record, its header and what to do, no report, and bounded memory, both when the read is
#   checked whole and when its record is too big for the reader to hold.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
FASTQC=${FASTQC_0121:?run through ctest: its fixture builds FastQC 0.12.1}

# make_reads FILE SEED N MIN MAX: N reads, log-uniform lengths MIN..MAX, qualities that drift
# along the read, a few Ns, nanopore-style names.
make_reads() {
  /usr/bin/python3 - "$@" <<'EOF'
import math, random, sys
path, seed, n, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(seed)
with open(path, "w") as out:
    for i in range(n):
        length = int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
        gc = rng.uniform(0.3, 0.6)
        seq = bytearray(rng.choices(b"GCAT", weights=[gc, gc, 1 - gc, 1 - gc], k=length))
        for _ in range(length // 5000):
            seq[rng.randrange(length)] = ord("N")
        qual = bytearray(length)
        q = rng.randint(8, 20)
        for j in range(length):
            if j % 37 == 0:
                q = min(40, max(2, q + rng.randint(-4, 4)))
            qual[j] = 33 + max(0, min(41, q + rng.randint(-3, 3)))
        out.write(f"@{i:08x}-read runid=e2e read={i} ch={rng.randint(1, 512)}\n")
        out.write(f"{seq.decode()}\n+\n{qual.decode()}\n")
EOF
}
make_reads few.fastq 15 5 20000 100000
make_reads mixed.fastq 16 150 1000 60000

mkdir fq
oracle_run fq -- "$FASTQC" -q -o fq few.fastq mixed.fastq || true
for t in 1 2; do
  rm -rf co && mkdir co
  "$CUTOVER" qc --fastqc-version 0.12.1 -q -t "$t" -o co few.fastq mixed.fastq \
    || fail "-t $t: cutover qc failed"
  for base in few_fastqc mixed_fastqc; do
    assert_file "fq/$base.zip" "FastQC 0.12.1's report for $base"
    [ "$(unzip -p "fq/$base.zip" "$base/fastqc_data.txt" | sed -n 1p)" = "##FastQC	0.12.1" ] \
      || fail "$base: FastQC's report is not version 0.12.1's"
    for f in fastqc_data.txt summary.txt; do
      unzip -p "fq/$base.zip" "$base/$f" | tail -n +2 > want.txt
      unzip -p "co/$base.zip" "$base/$f" | tail -n +2 > got.txt
      [ -s want.txt ] || fail "$base: FastQC wrote no $f"
      if ! cmp -s want.txt got.txt; then
        diff want.txt got.txt | head -20 >&2
        fail "-t $t: $base/$f differs from FastQC 0.12.1's"
      fi
    done
  done
  pass "-t $t: few.fastq (5 reads, 20-100 kb) and mixed.fastq (150 reads, 1-60 kb) identical to FastQC 0.12.1"
done
# (the mixed file has positions with percentiles and positions without)
unzip -p fq/mixed_fastqc.zip mixed_fastqc/fastqc_data.txt \
  | sed -n '/^>>Per base sequence quality/,/^>>END_MODULE/p' > pbq.txt
grep -qP '^\d+(-\d+)?\t[\d.]+\t[\d.]+\t' pbq.txt || fail "mixed.fastq: no row with percentiles"
grep -qP '\tNaN\t' pbq.txt || fail "mixed.fastq: no row without percentiles"

# peak_rss_mb CMD...: runs CMD (output in $OUT, exit code in $RC), its peak RSS in MB in $RSS.
peak_rss_mb() {
  set +e
  OUT=$(/usr/bin/python3 -c '
import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print(p.stdout, end="")
print(f"\nrc={p.returncode} rss={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}")
' "$@")
  set -e
  RC=$(tail -1 <<<"$OUT" | sed 's/rc=\([0-9]*\) .*/\1/')
  RSS=$(tail -1 <<<"$OUT" | sed 's/.*rss=//')
}
# one_read FILE LENGTH: a record of one read of LENGTH bases after a short one.
one_read() {
  /usr/bin/python3 - "$@" <<'EOF'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as out:
    out.write("@short\nACGT\n+\nIIII\n")
    out.write("@ultra-long-7 runid=e2e\n")
    out.write("ACGT" * (n // 4) + "A" * (n % 4))
    out.write("\n+\n")
    out.write("5" * n + "\n")
EOF
}
mkdir over
one_read just_over.fq 50000001   # checked whole: over by one base
one_read far_over.fq 80000000    # its record passes what the reader holds (2 x 50 Mb + 4 MiB)
for t in 1 2; do
  for f in just_over.fq far_over.fq; do
    peak_rss_mb "$CUTOVER" qc -q -t "$t" -o over "$f"
    assert_eq "$RC" 1 "$f -t $t: exit status"
    assert_contains "$OUT" "$f: record 2 (line " "$f -t $t: names the file and the record"
    assert_contains "$OUT" "@ultra-long-7" "$f -t $t: names the read"
    assert_contains "$OUT" "the limit of 50000000" "$f -t $t: names the limit"
    assert_contains "$OUT" "leave reads over 50000000 bases out first" "$f -t $t: says what to do"
    [ "$RSS" -lt 400 ] || fail "$f -t $t: peak RSS $RSS MB (bounded: under 400 MB expected)"
    [ -z "$(ls -A over)" ] || fail "$f -t $t: left files: $(ls -A over)"
    pass "$f -t $t: refused in $RSS MB: $(grep -o 'record 2 (line [0-9]*, [^)]*): [^;]*' <<<"$OUT")"
  done
done
oracle_cache_summary
