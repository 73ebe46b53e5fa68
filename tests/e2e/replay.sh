#!/usr/bin/env bash
# Replay: after fixing the new side, re-run a recorded execution on the same inputs and compare
# again, without touching published outputs; refused when an input changed.
. "$(dirname "$0")/lib.sh"
mkdir -p in new
printf 'x 1\ny 2\n' > in/s1.txt
printf 'x 3\n' > in/s2.txt
# The new implementation has a bug (upper-cases everything); fixed below by editing the script.
cat > new/impl.sh <<'S'
#!/bin/sh
tr a-z A-Z < "$1" > "$2"
S
chmod +x new/impl.sh
cat > cutover.yaml <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  copy:
    inputs: {text: "in/{sample}.txt"}
    outputs:
      out: {path: "out/{sample}.txt", compare: text}
    legacy:
      shell: "cat {input.text} > {output.out}"
    new:
      command: ["{root}/new/impl.sh", "{input.text}", "{output.out}"]
Y
co route copy shadow --reason test
co run
assert_eq "$RC" 0 "run: $OUT"
assert_eq "$(status_field copy '.comparisons.mismatch')" 2 "the bug shows"
exec_id=$(sql "select new_execution_id from comparisons where sample='s1'")
published_before=$(stat -c %Y.%s out/s1.txt)

# Ids say their kind: a bare number is refused, an execution is e17, a comparison c29.
co replay "$exec_id"
assert_eq "$RC" 2 "a bare number is ambiguous: $OUT"
assert_contains "$OUT" "e$exec_id for an execution, c$exec_id for a comparison" "says which is which"
assert_eq "$(sql "select count(*) from tasks where purpose='replay'")" 0 "nothing replayed"

# Replaying before the fix reproduces the mismatch (by the comparison's id, as mismatches shows).
cmp_id=$(sql "select id from comparisons where sample='s1'")
co mismatches
assert_contains "$OUT" "c$cmp_id " "mismatches shows comparison ids with their kind"
co replay "c$cmp_id"
assert_eq "$RC" 1 "still a mismatch: $OUT"
assert_contains "$OUT" "mismatch (was mismatch)" "compared again"

# Fix the new side, replay: a match, recorded apart from live evidence.
printf '#!/bin/sh\ncat "$1" > "$2"\n' > new/impl.sh
co replay "e$exec_id"
assert_eq "$RC" 0 "fixed: $OUT"
assert_contains "$OUT" "out              match    (was mismatch) identical" "match now"
replay_task=$(sql "select max(id) from tasks")
assert_eq "$(sql "select purpose || ' ' || status || ' ' || replay_of from tasks where id=$replay_task")" "replay compared 1" "replay task recorded"
assert_eq "$(status_field copy '.comparisons.match')" 0 "replays are not live evidence"
assert_eq "$(stat -c %Y.%s out/s1.txt)" "$published_before" "published output untouched"
co mismatches --replays
assert_contains "$OUT" "[replay]" "replay comparisons can be listed"

# A changed input: refused, naming it.
printf 'x 1\ny 2\nz 9\n' > in/s1.txt
co replay "e$exec_id"
assert_eq "$RC" 2 "refused: $OUT"
assert_contains "$OUT" "input 'text' ($WORK/in/s1.txt) changed since task 1 ran (then 8 bytes" "names the input"
assert_eq "$(sql "select count(*) from tasks where purpose='replay'")" 2 "nothing recorded for a refused replay"

co replay e999
assert_eq "$RC" 2 "unknown execution"
assert_contains "$OUT" "no execution 999" "names it"
pass "replay"
