#!/usr/bin/env bash
# Routing-layer overhead, measured with hyperfine (medians; the machine is shared and noisy).
#  1. `cutover step` around a no-op command versus the command alone (goal: <= 10 ms added,
#     ledger write included).
#  2. shadow mode (legacy and new concurrently) versus the slower side alone, on two cores
#     (goal: <= 1.1x), with CPU-bound single-threaded sides (python sum over 120M and 80M integers).
# usage: bench/routing_overhead.sh [path/to/cutover]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cutover=$(realpath "${1:-$root/build/src/cutover}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > cutover.yaml <<Y
samples:
  list: [s1]
steps:
  noop:
    outputs: {o: "out/{sample}.noop"}
    legacy: {command: "touch {output.o}"}
  slow:
    outputs: {o: "out/{sample}.slow"}
    legacy: {command: [/usr/bin/python3, -c, "import sys; s=sum(range(int(sys.argv[1]))); open(sys.argv[2],'w').write(str(s))", "120000000", "{output.o}"]}
    new: {command: [/usr/bin/python3, -c, "import sys; s=sum(range(int(sys.argv[1]))); open(sys.argv[2],'w').write(str(s))", "80000000", "{output.o}"]}
Y
"$cutover" route slow shadow --reason bench >/dev/null
median() { jq -r '.results[0].median' "$1"; }

echo "== 1. cutover step overhead around a no-op (touch) =="
hyperfine -N --warmup 5 --runs 60 --export-json alone.json "touch $work/out-alone" >/dev/null
hyperfine -N --warmup 5 --runs 60 --export-json step.json \
  "$cutover step noop --sample s1 --force" >/dev/null
a=$(median alone.json); s=$(median step.json)
awk -v a="$a" -v s="$s" 'BEGIN { printf "command alone: %.2f ms   cutover step: %.2f ms   added: %.2f ms (goal <= 10 ms)\n", a*1000, s*1000, (s-a)*1000 }'

echo "== 2. shadow mode versus the slower side alone (2 cores) =="
slow_cmd="/usr/bin/python3 -c \"import sys; s=sum(range(int(sys.argv[1]))); open(sys.argv[2],'w').write(str(s))\" 120000000 $work/slow-alone"
hyperfine --warmup 1 --runs 10 --export-json slower.json "$slow_cmd" >/dev/null
hyperfine -N --warmup 1 --runs 10 --export-json shadow.json \
  "$cutover step slow --sample s1 --force" >/dev/null
l=$(median slower.json); sh=$(median shadow.json)
awk -v l="$l" -v s="$sh" 'BEGIN { printf "slower side alone: %.3f s   shadow (both sides): %.3f s   ratio: %.3fx (goal <= 1.1x)\n", l, s, s/l }'
echo "comparisons recorded: $("$cutover" status --json | jq '.[] | select(.step=="slow") | .comparisons | add')"
