#!/bin/sh
# Installs every Debian 12 package cutover needs to build, test and run its examples.
# Idempotent: does nothing when everything is already installed. Uses sudo when not root.
#
#   install-deps.sh main       building cutover and the main job (scripts/main-job.sh: the
#                              examples/ngs-qc migration, the product's demo)
#   install-deps.sh ngs-align  the above, and the tools examples/ngs-align/demo.sh runs (the
#                              aligner swap; not part of the main job, played by the tests)
#   install-deps.sh            everything: the above and what only the tests and benchmarks need
set -eu
# Building cutover (libhts-dev's static archive links with libbz2-dev's; without it htslib is
# linked shared) and playing examples/ngs-qc.
MAIN_PACKAGES="
  g++ cmake ninja-build pkg-config git ccache
  libyaml-cpp-dev libcli11-dev nlohmann-json3-dev libfmt-dev
  libsqlite3-dev libpq-dev libxxhash-dev libre2-dev zlib1g-dev libisal-dev isal libzip-dev
  libhts-dev libbz2-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  fastqc trim-galore cutadapt python3 jupyter-nbconvert python3-ipykernel
"
# examples/ngs-align: the legacy aligner and caller, the new aligner. The tests play the demo
# (tests/e2e/example_ngs_align.sh) and build the `bam` and `vcf` comparators' inputs with
# samtools and bcftools at test time.
NGS_ALIGN_PACKAGES="
  samtools bcftools bwa minimap2
"
# What only the tests and benchmarks need besides (docs/architecture.md says what each is for).
TEST_PACKAGES="
  sqlite3 postgresql multiqc chromium chromium-driver jq bc procps hyperfine clang clang-tidy
  default-jdk-headless munge slurm-wlm snakemake strace
"
case "${1:-}" in
  main) PACKAGES=$MAIN_PACKAGES ;;
  ngs-align) PACKAGES="$MAIN_PACKAGES $NGS_ALIGN_PACKAGES" ;;
  "") PACKAGES="$MAIN_PACKAGES $NGS_ALIGN_PACKAGES $TEST_PACKAGES" ;;
  *) echo "usage: install-deps.sh [main|ngs-align]" >&2; exit 2 ;;
esac
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
