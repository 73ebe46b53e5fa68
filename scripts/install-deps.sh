#!/bin/sh
# Installs every Debian 12 package cutover needs to build, test and run its example.
# Idempotent: does nothing when everything is already installed. Uses sudo when not root.
set -eu
# What building cutover and playing the example migration (scripts/main-job.sh) need.
MAIN_PACKAGES="
  g++ cmake ninja-build pkg-config git ccache
  libyaml-cpp-dev libcli11-dev nlohmann-json3-dev libfmt-dev
  libsqlite3-dev libpq-dev libxxhash-dev libre2-dev zlib1g-dev libisal-dev isal libzip-dev libhts-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  fastqc trim-galore cutadapt python3 jupyter-nbconvert python3-ipykernel
"
# What only the tests and benchmarks need besides (docs/architecture.md says what each is for).
TEST_PACKAGES="
  sqlite3 postgresql multiqc chromium chromium-driver jq bc procps hyperfine clang clang-tidy
  default-jdk-headless munge slurm-wlm snakemake strace
  samtools bcftools bwa minimap2 bowtie2
"
# `install-deps.sh main`: the main job's packages only; no argument: everything.
if [ "${1:-}" = main ]; then
  PACKAGES=$MAIN_PACKAGES
else
  PACKAGES="$MAIN_PACKAGES $TEST_PACKAGES"
fi
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
