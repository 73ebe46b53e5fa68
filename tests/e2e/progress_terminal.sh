#!/usr/bin/env bash
# The progress display of `cutover run`: on a terminal (a pseudo-terminal made by util-linux's
# `script`), one status line redrawn with carriage returns instead of a line per task, with
# failures and notes still printed in full; redirected to a file, or with --verbose, a line per
# task.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1) (util-linux)"; exit 77; }
mkdir -p in
samples=""
for i in $(seq 1 30); do
  printf 'x%s\n' "$i" > "in/s$i.txt"
  samples+="s$i, "
done
touch in/bad.txt
cat > cutover.yaml <<Y
samples: {list: [${samples}bad]}
steps:
  copy:
    inputs: {i: "in/{sample}.txt"}
    outputs: {o: "out/{sample}.copy"}
    legacy: {shell: "test {sample} != bad && cp {input.i} {output.o}"}
  again:
    inputs: {i: "out/{sample}.copy"}
    outputs: {o: {path: "out/{sample}.again", compare: text}}
    legacy: {shell: "cp {input.i} {output.o}"}
    new: {shell: "test {sample} != s7 && cp {input.i} {output.o}"}
Y
co route again shadow --reason "try it"
assert_eq "$RC" 0 "route: $OUT"

# On a terminal. (script's own stdout is the terminal's output, \n as \r\n.)
on_terminal() {
  set +e
  script -qec "$CUTOVER $*" /dev/null </dev/null >tty.out 2>&1
  RC=$?
  set -e
  OUT=$(cat tty.out)
}
on_terminal run -j 2
assert_eq "$RC" 1 "run on a terminal fails (one sample fails): $OUT"
assert_contains "$OUT" "62 tasks: 60 published, 0 up to date, 1 failed, 1 blocked" "summary"
published_lines=$(grep -c 'published (' tty.out || true)
assert_eq "$published_lines" 0 "no line per published task on a terminal: $OUT"
# The status line: redrawn in place (a carriage return and erase-line before each drawing).
redraws=$(grep -o $'\r\033\\[K\\[[0-9]*/62\\] [0-9]* running' tty.out | wc -l)
[ "$redraws" -ge 2 ] || fail "expected the status line redrawn, got $redraws drawings: $(cat -v tty.out)"
assert_contains "$OUT" "failed | " "the status line counts failures"
# Failures and notes are full lines.
assert_contains "$OUT" "copy bad: failed: legacy side" "the failed task's line"
assert_contains "$OUT" "again bad: blocked" "the blocked task's line"
assert_contains "$OUT" "again s7: shadow side (new)" "the shadow failure note"
# Far fewer lines than tasks (the summary, failures, notes, the route change's messages).
lines=$(wc -l <tty.out)
[ "$lines" -lt 15 ] || fail "expected a few lines on a terminal, got $lines: $(cat -v tty.out)"

# Not a terminal: a line per task, no carriage returns.
co run --force -j 2
assert_eq "$RC" 1 "run to a pipe: $OUT"
assert_eq "$(grep -c 'published (' <<<"$OUT")" 60 "a line per published task when not on a terminal"
if grep -q $'\r' <<<"$OUT"; then fail "carriage returns in redirected output: $(cat -v <<<"$OUT")"; fi

# --verbose on a terminal: the status line and a line per task.
on_terminal run --force -j 2 --verbose
assert_eq "$RC" 1 "verbose run: $OUT"
assert_eq "$(grep -c 'published (' tty.out)" 60 "a line per published task with --verbose"
grep -q $'\r\033\\[K\\[[0-9]*/62\\] [0-9]* running' tty.out || fail "no status line with --verbose"
pass "a status line on a terminal; a line per task in logs and with --verbose"
