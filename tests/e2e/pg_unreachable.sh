#!/usr/bin/env bash
# A PostgreSQL ledger that cannot be reached: a clear error naming the URL without its password,
# and nothing runs.
. "$(dirname "$0")/lib.sh"
cat > cutover.yaml <<'Y'
samples:
  list: [a]
steps:
  st:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo ran > {output.out}"}
Y
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="postgresql://alice:s3cret@127.0.0.1:$port/ledger"
co run --ledger "$url"
assert_eq "$RC" 1 "run fails: $OUT"
assert_contains "$OUT" "cannot connect to the PostgreSQL ledger postgresql://alice:***@127.0.0.1:$port/ledger" "names the URL"
assert_not_contains "$OUT" "s3cret" "password not shown"
assert_no_file out/a.txt "nothing ran"
assert_no_file .cutover/scratch "no side started"
CUTOVER_LEDGER="postgres://bob:hunter2@127.0.0.1:$port/x" co status
assert_eq "$RC" 1 "status fails too: $OUT"
assert_contains "$OUT" "postgres://bob:***@127.0.0.1:$port/x" "env var URL, redacted"
assert_not_contains "$OUT" "hunter2" "password not shown"
co run --ledger "mysql://x"
assert_eq "$RC" 2 "unknown scheme is a usage error: $OUT"
pass "an unreachable PostgreSQL ledger stops everything with a clear message"
