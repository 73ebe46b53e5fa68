#!/usr/bin/env bash
# A pipeline file cannot crash or exhaust cutover: every command parses it (`rollback`, the
# emergency command, too), so alias bombs, self-referencing aliases, repeated keys, wrapped
# integers, NaN timeouts and special files must end in a clear error with file:line, fast and
# within a small memory limit. Bad numbers elsewhere (a scratch folder name, an adapter repeat
# count) are errors, not aborts.
. "$(dirname "$0")/lib.sh"
# Each command under a 1 GiB address-space limit and a 20 s time limit; an abort or a signal
# shows as an exit code above 128.
limited() { set +e; OUT=$(ulimit -v 1048576; timeout 20 "$CUTOVER" "$@" 2>&1); RC=$?; set -e; }
refused() {  # refused WHAT EXPECTED-TEXT
  [ "$RC" -ne 0 ] && [ "$RC" -lt 128 ] || fail "$1: expected a clean refusal, got exit $RC: $OUT"
  assert_contains "$OUT" "$2" "$1"
}
good_step='steps:
  s:
    outputs: {o: "out/{sample}.txt"}
    legacy: {shell: "echo hi > {output.o}"}'

# The billion laughs inside compare: options, under a memory limit; also for `rollback`.
{
  echo "samples: {list: [a]}"
  echo "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
  for i in 1 2 3 4 5 6 7 8; do
    p="*a$((i - 1))"; echo "a$i: &a$i [$p, $p, $p, $p, $p, $p, $p, $p, $p]"
  done
  echo "$good_step"
  echo '    new: {shell: "echo hi > {output.o}"}'
} > cutover.yaml
sed -i 's|outputs: {o: "out/{sample}.txt"}|outputs: {o: {path: "out/{sample}.txt", compare: {kind: text, ignore: [*a8]}}}|' cutover.yaml
[ "$(wc -c < cutover.yaml)" -lt 1200 ] || fail "the bomb should be small"
for cmd in validate run "rollback s --reason test" status; do
  # shellcheck disable=SC2086
  limited $cmd
  refused "alias bomb ($cmd)" "aliases"
  assert_contains "$OUT" "cutover.yaml:" "alias bomb ($cmd) names the file"
done

# A self-referencing alias (crashed with SIGSEGV).
printf 'samples: {list: [a]}\n%s\n    policy: &x [*x]\n' "$good_step" > cutover.yaml
limited validate
refused "self alias" "refers to itself"
limited rollback s --reason test
refused "self alias (rollback)" "cutover.yaml:6"

# A repeated step and a repeated legacy.
printf 'samples: {list: [a]}\n%s\n  s:\n    outputs: {o: x}\n    legacy: {shell: "true"}\n' "$good_step" > cutover.yaml
limited validate
refused "repeated step" "cutover.yaml:6:3: key 's' appears twice in the same mapping (first at line 3)"
printf 'samples: {list: [a]}\n%s\n    legacy: {shell: "false"}\n' "$good_step" > cutover.yaml
limited validate
refused "repeated legacy" "key 'legacy' appears twice"

# Numbers: a wrapped integer, a NaN or too-short timeout.
printf 'samples: {list: [a]}\n%s\n    max_consecutive_failures: 4294967296\n' "$good_step" > cutover.yaml
limited validate
refused "wrapped integer" "is not a whole number from 1 to 1000000"
printf 'samples: {list: [a]}\n%s\n    timeout: nan\n' "$good_step" > cutover.yaml
limited validate
refused "nan timeout" "'nan' is not a duration"
printf 'samples: {list: [a]}\n%s\n    timeout: 1ms\n' "$good_step" > cutover.yaml
limited validate
refused "tiny timeout" "is too short"

# Special files, an empty file, a second document.
mkfifo sheet.tsv
printf 'samples: {sheet: sheet.tsv}\n%s\n' "$good_step" > cutover.yaml
limited validate
refused "FIFO sheet" "is not a regular file"
rm sheet.tsv
: > cutover.yaml
limited validate
refused "empty file" "cutover.yaml:1: no content"
printf '# all commented out\n# samples: ...\n' > cutover.yaml
limited validate
refused "comment-only file" "cutover.yaml:2: no content: only comments"
printf 'samples: {list: [a]}\n%s\n---\nsamples: {list: [b]}\n' "$good_step" > cutover.yaml
limited validate
refused "second document" "cutover.yaml:7:1: a second YAML document"
# A stray comma after the steps (yaml-cpp's LoadAll looped forever on it, eating memory; found
# by fuzzing the loader): refused at its place, for `rollback` too.
printf '# a pipeline file\n, samples: {list: [a]}\n%s\n' "$good_step" > cutover.yaml
for cmd in validate "rollback s --reason test"; do
  # shellcheck disable=SC2086
  limited $cmd
  refused "stray comma ($cmd)" "cutover.yaml:2:1: invalid YAML: unexpected ','"
done

# A numeric-looking scratch folder of 20 digits is ignored, not fatal; the run works.
printf 'samples: {list: [a]}\n%s\n' "$good_step" > cutover.yaml
mkdir -p .cutover/scratch/s/99999999999999999999
limited run
assert_eq "$RC" 0 "run beside a 20-digit scratch folder: $OUT"
assert_eq "$(cat out/a.txt)" hi "output"

# An adapter repeat count beyond any read (aborted with an uncaught exception).
printf '@r\nACGT\n+\nIIII\n' > r.fq
limited trim galore -a 'A{99999999999}' r.fq
refused "huge adapter repeat" "repeats its base more than 10000 times"
pass "hostile pipeline files and numbers end in clear errors"
