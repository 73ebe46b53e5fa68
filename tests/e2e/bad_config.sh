#!/usr/bin/env bash
# Malformed cutover.yaml: each error names the file, line, column and key, exit code 2.
. "$(dirname "$0")/lib.sh"
mkdir -p in && echo x > in/a.txt
expect_error() {  # expect_error "what" "expected text"... (reads the file from stdin)
  local what=$1; shift
  cat > cutover.yaml
  co validate
  assert_eq "$RC" 2 "$what: exit code"
  for text in "$@"; do assert_contains "$OUT" "$text" "$what"; done
}
expect_error "yaml syntax" "cutover.yaml:5:1: invalid YAML" "end of sequence flow not found" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a: [unclosed
Y
expect_error "unknown key" "cutover.yaml:6:5" "legcy" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a:
    outputs: {o: "out/{sample}.o"}
    legcy: {shell: "true"}
Y
expect_error "unknown placeholder" "cutover.yaml:6:" "{smaple}" "steps.a.legacy" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a:
    outputs: {o: "out/{sample}.o"}
    legacy: {shell: "cp in/{smaple}.txt {output.o}"}
Y
expect_error "missing legacy" "cutover.yaml:4:" "legacy" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a:
    outputs: {o: "out/{sample}.o"}
Y
expect_error "cycle" "cycle" "a" "b" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a:
    inputs: {x: "out/{sample}.b"}
    outputs: {o: "out/{sample}.a"}
    legacy: {shell: "true"}
  b:
    inputs: {x: "out/{sample}.a"}
    outputs: {o: "out/{sample}.b"}
    legacy: {shell: "true"}
Y
expect_error "two writers" "cutover.yaml:" "out/a.o" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a:
    outputs: {o: "out/{sample}.o"}
    legacy: {shell: "true"}
  b:
    outputs: {o: "out/{sample}.o"}
    legacy: {shell: "true"}
Y
expect_error "missing input" "cutover.yaml:5:" "in/a.fastq" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a:
    inputs: {r: "in/{sample}.fastq"}
    outputs: {o: "out/{sample}.o"}
    legacy: {shell: "true"}
Y
expect_error "bad duration" "cutover.yaml:7:" "ten minutes" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a:
    outputs: {o: "out/{sample}.o"}
    legacy: {shell: "true"}
    timeout: ten minutes
Y
expect_error "no samples" "in/{sample}.nothing" <<'Y'
samples:
  glob: "in/{sample}.nothing"
steps:
  a:
    outputs: {o: "out/{sample}.o"}
    legacy: {shell: "true"}
Y
expect_error "bad comparator option" "cutover.yaml:" "ignore" <<'Y'
samples:
  glob: "in/{sample}.txt"
steps:
  a:
    outputs:
      o: {path: "out/{sample}.o", compare: {kind: text, ignore: ["(unclosed"]}}
    legacy: {shell: "true"}
Y
rm cutover.yaml
co validate
assert_eq "$RC" 2 "missing file"
assert_contains "$OUT" "cutover.yaml" "names the missing file"
# `cutover init` writes a starter that validates once its samples exist.
co init
assert_eq "$RC" 0 "init"
co init
assert_eq "$RC" 2 "init refuses to overwrite"
pass "malformed pipeline files are named precisely"
