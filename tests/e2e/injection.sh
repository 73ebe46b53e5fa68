#!/usr/bin/env bash
# Sample names with shell metacharacters are data, never code: in command form they are whole
# arguments; in shell form they are quoted.
. "$(dirname "$0")/lib.sh"
mkdir -p in
printf 'sample\tlabel\nx; touch pwned\t$(touch pwned2)\nquote'"'"'s\t`touch pwned3`\n' > sheet.tsv
cat > cutover.yaml <<'Y'
samples:
  sheet: sheet.tsv
steps:
  cmd:
    outputs: {out: "out/{sample}.cmd"}
    legacy:
      command: [sh, -c, 'printf "%s|%s\n" "$0" "$1" > "$2"', "{sample}", "{label}", "{output.out}"]
  shelled:
    outputs: {out: "out/{sample}.sh"}
    legacy: {shell: "printf '%s|%s\n' {sample} {label} > {output.out}"}
Y
co run
assert_eq "$RC" 0 "run: $OUT"
assert_no_file pwned "command form"
assert_no_file pwned2 "sheet column"
assert_no_file pwned3 "backticks"
assert_eq "$(cat 'out/x; touch pwned.cmd')" 'x; touch pwned|$(touch pwned2)' "command-form value intact"
assert_eq "$(cat 'out/x; touch pwned.sh')" 'x; touch pwned|$(touch pwned2)' "shell-form value intact"
assert_eq "$(cat "out/quote's.sh")" "quote's|\`touch pwned3\`" "single quote survives shell quoting"
co step cmd --sample 'x; touch pwned' --force
assert_eq "$RC" 0 "cutover step with the hostile name"
assert_no_file pwned "cutover step"
pass "metacharacters in sample names and sheet columns execute nothing"
