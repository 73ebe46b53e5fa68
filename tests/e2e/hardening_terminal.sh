#!/usr/bin/env bash
# Reasons, sample names and compared content come from users and files: printed on a terminal
# they must not carry raw control bytes (ESC sequences clear the screen, retitle the window or
# hide text; BEL rings). And the audit user is the process's real user, not whatever $USER says.
. "$(dirname "$0")/lib.sh"
esc=$(printf '\033')
bel=$(printf '\007')
cat > cutover.yaml <<'Y'
samples: {list: ["a\e[2Jb"]}
steps:
  s:
    outputs: {o: {path: "out/{sample}.txt", compare: text}}
    legacy: {shell: "printf 'x\\033]0;pwned\\007\\n' > {output.o}"}
    new: {shell: "echo y > {output.o}"}
Y
co route s shadow --reason "$(printf 'try\033[2J\007 it')"
assert_eq "$RC" 0 "route: $OUT"
co run
assert_eq "$RC" 0 "run: $OUT"
has_raw() { grep -q "[$esc$bel]" <<<"$1"; }
for cmd in history routes mismatches "diff 1" status; do
  # shellcheck disable=SC2086
  co $cmd
  assert_eq "$RC" 0 "$cmd: $OUT"
  if has_raw "$OUT"; then fail "$cmd printed raw control bytes: $(printf '%q' "$OUT")"; fi
done
co history
assert_contains "$OUT" 'try\x1b[2J\x07 it' "the reason is shown with visible escapes"
co mismatches
assert_contains "$OUT" 'a\x1b[2Jb' "the sample name is shown with visible escapes"
co diff 1
assert_contains "$OUT" '\x1b]0;pwned\x07' "the compared content is shown with visible escapes"
co report --md summary.md
assert_eq "$RC" 0 "report: $OUT"
if has_raw "$(cat summary.md)"; then fail "the Markdown summary holds raw control bytes"; fi

# The audit user: the real user by uid; a different $USER is kept beside it, never instead.
real=$(id -un)
USER=mallory "$CUTOVER" rollback s --reason audit >/dev/null 2>&1 || fail "rollback"
co history s
assert_contains "$OUT" "by $real (\$USER=mallory): audit" "recorded as the real user"
pass "terminal output escapes control bytes; the audit user is the real one"
