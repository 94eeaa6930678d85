#!/usr/bin/env bash
# bench/every.sh [SSE_HARNESS] [CORPUS]: the cost of `check --split every` (a benchmark, not a test:
# it prints figures). Runs `sse-harness check CORPUS --split whole` and `... --split every` (all
# implementations) one after the other, ROUNDS times each (default 3), and prints the CPU time
# (user + system, from getrusage of the child) of every run, the best of each and their ratio.
# The target (issue 15): every <= 20 x whole. Exit 1 if a check run did not pass (exit status not
# 0), 2 if the bench could not run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
SSE_HARNESS=${1:-$root/build/sse-harness}
CORPUS=${2:-$root/corpus}
ROUNDS=${ROUNDS:-3}

[[ -x $SSE_HARNESS ]] || { echo "every.sh: no executable $SSE_HARNESS" >&2; exit 2; }
[[ -d $CORPUS ]] || { echo "every.sh: no corpus directory $CORPUS" >&2; exit 2; }
command -v python3 >/dev/null || { echo "every.sh: python3 missing" >&2; exit 2; }

exec python3 - "$SSE_HARNESS" "$CORPUS" "$ROUNDS" <<'PY'
import resource, subprocess, sys

harness, corpus, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])

def cpu_seconds(split):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run([harness, "check", corpus, "--split", split],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        print(f"every.sh: check --split {split} exited {run.returncode}", file=sys.stderr)
        sys.exit(1)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

print(f"sse-harness check {corpus} --split whole|every, CPU seconds (user + system), {rounds} rounds")
best = {}
for r in range(rounds):
    for split in ("whole", "every"):
        t = cpu_seconds(split)
        best[split] = min(best.get(split, t), t)
        print(f"  round {r + 1}  --split {split:<5}  {t:8.3f} s")
ratio = best["every"] / best["whole"] if best["whole"] > 0 else float("inf")
print(f"best: whole {best['whole']:.3f} s, every {best['every']:.3f} s, "
      f"every/whole {ratio:.1f}x (target <= 20x)")
PY
