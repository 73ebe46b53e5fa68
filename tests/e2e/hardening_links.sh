#!/usr/bin/env bash
# Someone who can write into the project folder plants symbolic links where cutover creates or
# removes files: at the temporary names of an atomic publish (the earlier scheme was
# predictable: ".NAME.cutover-tmp-PID-N"), at lock files, at a side's stdout, in place of a
# scratch folder, and as a side's output. A run must never write, truncate or delete anything
# outside the project through them (docs/routing.md, "What cutover protects against").
. "$(dirname "$0")/lib.sh"
mkdir outside
echo precious > outside/file
mkdir -p outside/1 outside/2 && echo keep > outside/1/keep && echo keep > outside/2/keep
intact() {
  assert_eq "$(cat outside/file)" precious "$1: the outside file is untouched"
  assert_file outside/1/keep "$1: outside folder 1"
  assert_file outside/2/keep "$1: outside folder 2"
}

cat > cutover.yaml <<'Y'
settings: {retain_scratch: 0}
samples:
  list: [a]
steps:
  s:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "echo hi {sample} > {output.out}"}
Y
mkdir out
# Runs a shell snippet that plants links, then execs cutover under the same pid ($0 is cutover).
plant_then() { set +e; OUT=$(bash -c "$1" "$CUTOVER" 2>&1); RC=$?; set -e; }
# 1. Links at every temporary name the old scheme would use for this process (the shell's pid
#    is the pid cutover runs under after exec).
plant_then 'for n in $(seq 0 20); do ln -s ../outside/file out/.a.txt.cutover-tmp-$$-$n; done
            exec "$0" run'
assert_eq "$RC" 0 "run with planted temporary names: $OUT"
intact "publish temporaries"
[ ! -L out/a.txt ] || fail "the published output is a link"
assert_eq "$(cat out/a.txt)" "hi a" "published content"
find out -name '.a.txt.cutover-tmp-*' -type l -delete

# 2. A side's stdout file, planted in the scratch folder of the next task (task ids count up).
next=$(( $(sql "SELECT max(id) FROM tasks") + 1 ))
mkdir -p .cutover/scratch/s/$next
ln -s ../../../../outside/file .cutover/scratch/s/$next/legacy.stdout
co run --force
assert_eq "$RC" 0 "run with a planted stdout link: $OUT"
intact "side stdout"

# 3. A lock file replaced by a link.
lock=$(find .cutover/locks/s -name '*.lock' | head -1)
[ -n "$lock" ] || fail "no lock file of step s"
rm "$lock" && ln -s "$WORK/outside/file" "$lock"
co run --force
[ "$RC" -ne 0 ] || fail "a run through a linked lock file should fail: $OUT"
assert_contains "$OUT" "is a symbolic link" "says why"
intact "lock file"
rm "$lock"

# 4. The step's scratch folder replaced by a link to a folder with numbered subfolders (which
#    clean-up would have deleted).
rm -rf .cutover/scratch/s && ln -s "$WORK/outside" .cutover/scratch/s
co run --force
[ "$RC" -ne 0 ] || fail "a run with a linked scratch folder should fail: $OUT"
assert_contains "$OUT" ".cutover/scratch/s is a symbolic link" "names the link"
intact "scratch folder"
rm .cutover/scratch/s

# 5. The state folder itself a link.
mv .cutover state-elsewhere && ln -s state-elsewhere .cutover
co status
[ "$RC" -ne 0 ] || fail "a linked state folder should be refused: $OUT"
assert_contains "$OUT" "the state folder" "names the state folder"
rm .cutover && mv state-elsewhere .cutover

# 6. A side whose output is a link: to a file outside its folder (refused), or inside (published
#    as a plain copy).
cat > cutover.yaml <<Y
samples:
  list: [a, b]
steps:
  s:
    outputs: {out: "out/{sample}.txt"}
    legacy: {shell: "if [ {sample} = a ]; then ln -s $WORK/outside/file {output.out}; else echo inside > real; ln -s \$PWD/real {output.out}; fi"}
Y
co run --force
[ "$RC" -ne 0 ] || fail "publishing a link to outside should fail: $OUT"
assert_contains "$OUT" "outside" "says the link leaves the side's folder"
intact "side output link"
assert_eq "$(cat out/a.txt)" "hi a" "a's earlier output stays"
[ ! -L out/b.txt ] || fail "b's output was published as a link"
assert_eq "$(cat out/b.txt)" inside "a link inside the side's folder is published as its content"

# 7. cutover trim -o and cutover qc -o with links at the old temporary names.
printf '@r1\nACGTACGTACGTAGATCGGAAGAGC\n+\nIIIIIIIIIIIIIIIIIIIIIIIII\n' > in.fq
plant_then 'for n in $(seq 0 5); do ln -s outside/file .t.fq.cutover-tmp-$$-$n; done
            exec "$0" trim -a AGATCGGAAGAGC -o t.fq in.fq'
assert_eq "$RC" 0 "trim: $OUT"
intact "trim -o"
assert_eq "$(sed -n 2p t.fq)" ACGTACGTACGT "trimmed read"
mkdir qcout
plant_then 'for n in $(seq 0 5); do ln -s ../outside/file qcout/.in_fastqc.zip.cutover-tmp-$$-$n
              ln -s ../outside/file qcout/.in_fastqc.html.cutover-tmp-$$-$n; done
            exec "$0" qc -o qcout in.fq'
assert_eq "$RC" 0 "qc: $OUT"
intact "qc -o"
assert_file qcout/in_fastqc.html "qc report"
pass "planted links never lead a run outside the project"
