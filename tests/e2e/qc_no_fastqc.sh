#!/usr/bin/env bash
# cutover qc needs no FastQC: its default adapter, contaminant and limits lists are built in.
# Under strace, a run of each FastQC version opens no file of FastQC's installation (Debian's
# `fastqc` package, every file it installed, and the FastQC 0.12.1 test oracle), and its report
# still names contaminants and the version's adapters.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
command -v strace >/dev/null || fail "strace is not installed (scripts/install-deps.sh installs it)"
READS=/usr/share/doc/trim-galore/examples/smallRNA_100K.fastq.gz
ORACLE_DIR=$(dirname "${FASTQC_0121:?run through ctest: its fixture builds FastQC 0.12.1}")

# FastQC's installation: the files of Debian's package, and the oracle's folder.
dpkg-query -L fastqc | while read -r f; do [ -f "$f" ] && echo "$f"; done > installed.txt
[ -s installed.txt ] || fail "Debian's fastqc package lists no files"
grep -qx /etc/fastqc/Configuration/contaminant_list.txt installed.txt \
  || fail "the fastqc package no longer installs /etc/fastqc/Configuration/contaminant_list.txt"

# opened_fastqc_files TRACE: the files of FastQC's installation TRACE shows opened.
opened_fastqc_files() {
  sed -n 's/^[0-9]* *openat([^"]*"\([^"]*\)".*/\1/p' "$1" | sort -u > opened.txt
  grep -q . opened.txt || fail "strace recorded no openat calls"
  { grep -xFf installed.txt opened.txt; grep -F "$ORACLE_DIR/" opened.txt; } || true
}

# The check itself can fail: a process reading FastQC's limits is caught.
strace -f -e trace=openat -o trace.txt cat /etc/fastqc/Configuration/limits.txt >/dev/null
[ -n "$(opened_fastqc_files trace.txt)" ] || fail "the check misses an opened FastQC file"

for version in 0.11.9 0.12.1; do
  rm -rf co && mkdir co
  strace -f -e trace=openat -o trace.txt \
    "$CUTOVER" qc -q --fastqc-version "$version" -o co "$READS" || fail "$version: cutover qc failed"
  found=$(opened_fastqc_files trace.txt)
  [ -z "$found" ] || fail "$version: cutover qc opened FastQC's files:
$found"
  grep -qxF "$READS" opened.txt || fail "$version: the trace does not show the input opened"
  data=$(unzip -p co/smallRNA_100K_fastqc.zip smallRNA_100K_fastqc/fastqc_data.txt)
  assert_contains "$data" "RNA PCR Primer, Index 1 (100% over" "$version: contaminant hits"
  if [ "$version" = 0.11.9 ]; then
    assert_contains "$data" "Nextera Transposase Sequence	SOLID Small RNA Adapter" "0.11.9 adapters"
  else
    assert_contains "$data" "Nextera Transposase Sequence	PolyA	PolyG" "0.12.1 adapters"
  fi
  pass "$version: report with FastQC's lists, no FastQC file opened"
done
