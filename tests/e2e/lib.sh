# Shared helpers for the end-to-end tests: each test runs the real cutover binary, with real
# processes and a real SQLite ledger, in a fresh temporary folder.
set -euo pipefail
E2E_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CUTOVER=${CUTOVER_BINARY:?set CUTOVER_BINARY to the cutover binary}
TEST_NAME=$(basename "$0" .sh)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cutover-e2e-$TEST_NAME.XXXXXX")
cleanup() { if [ "${KEEP_WORK:-}" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
cd "$WORK"
# FastQC's JVM (the oracles, and the legacy side of the example pipeline) with the C1 compiler
# only and the serial collector: about 30 % less CPU on these small inputs, the same program and
# so the same reports (docs/architecture.md). Java notes the setting on stderr, which no test reads.
export JAVA_TOOL_OPTIONS=${JAVA_TOOL_OPTIONS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
# oracle_run: the reference tools' outputs, cached between runs by what determines them.
. "$E2E_LIB_DIR/oracle_cache.sh"

fail() { echo "FAIL [$TEST_NAME]: $*" >&2; exit 1; }
pass() { echo "PASS [$TEST_NAME]: $*"; }
assert_eq() { [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"; }
assert_contains() { grep -qF -- "$2" <<<"$1" || fail "$3: expected to find '$2' in:
$1"; }
assert_not_contains() { if grep -qF -- "$2" <<<"$1"; then fail "$3: did not expect '$2' in:
$1"; fi; }
assert_file() { [ -f "$1" ] || fail "$2: missing file $1"; }
assert_no_file() { [ ! -e "$1" ] || fail "$2: file $1 should not exist"; }

# cutover with the test's pipeline; prints its output; keeps the exit code in $RC.
co() { set +e; OUT=$("$CUTOVER" "$@" 2>&1); RC=$?; set -e; }

# One field of `cutover status --json` for a step: status_field STEP '.comparisons.match'
status_field() { "$CUTOVER" status --json | jq -r --arg s "$1" ".[] | select(.step == \$s) | $2"; }
# A query against the SQLite ledger.
sql() { sqlite3 -batch -noheader .cutover/ledger.db "$1"; }
# Waits (up to 30 s) until the shell condition is true: wait_for "what" 'test -e x'
wait_for() {
  local what=$1 cond=$2 i
  for i in $(seq 1 300); do eval "$cond" && return 0; sleep 0.1; done
  fail "timed out waiting for: $what"
}
# How many side processes of STEP have started (their scratch work folders exist).
started_sides() { find .cutover/scratch/"$1" -mindepth 2 -maxdepth 2 -type d 2>/dev/null | wc -l; }
# True once no process has exactly this command line (killed processes may take a moment).
gone() { local i; for i in $(seq 1 50); do pgrep -x -f "$1" >/dev/null || return 0; sleep 0.1; done; return 1; }

# PostgreSQL (the pg_* tests): a fresh database on the test server of the ctest fixture
# `postgres` (tests/postgres/server.sh), dropped at exit. Sets PG_SERVER (the server's URL) and
# PG_URL (the test's database), and exports CUTOVER_LEDGER=$PG_URL.
pg_setup() {
  local state=${CUTOVER_TEST_POSTGRES_STATE:?run through ctest: the postgres fixture starts the server}
  [ -f "$state/url" ] || fail "no PostgreSQL test server ($state/url missing)"
  PG_SERVER=$(cat "$state/url")
  PG_DB="e2e_${TEST_NAME}_$$"
  psql -q -v ON_ERROR_STOP=1 "$PG_SERVER" -c "CREATE DATABASE $PG_DB" >/dev/null
  PG_URL="${PG_SERVER%/*}/$PG_DB"
  export CUTOVER_LEDGER=$PG_URL
  trap 'pg_teardown; cleanup' EXIT
}
pg_teardown() {
  [ -n "${PG_DB:-}" ] || return 0
  psql -q "$PG_SERVER" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
}
# A query against the test's PostgreSQL ledger.
pgsql() { psql -X -A -t -q -v ON_ERROR_STOP=1 "$PG_URL" -c "$1"; }
