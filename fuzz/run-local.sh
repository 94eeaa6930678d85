#!/usr/bin/env bash
# A longer local fuzzing run, and the way to measure the targets' speed: builds the sanitized
# build fuzz/ci.sh builds (clang, libFuzzer, ASan + UBSan, -O2, line tables) if needed, exports
# the corpus as seeds, runs each target for SECONDS (default 300) one after the other at its own
# max_len (fuzz/entry.cpp), and prints a table per target: max_len, executions, exec/s (libFuzzer's,
# wall clock), the CPU seconds the run got and executions per CPU second (the figure to compare on
# a machine shared with other work), coverage (cov/ft), corpus size and findings
# (crash/leak/timeout/oom files) with where they are. The growing corpora are kept between runs.
#   usage: fuzz/run-local.sh [SECONDS] [TARGET...]
#   env: FUZZ_BUILD_DIR (default build-fuzz); SEED_HARNESS, an sse-harness built elsewhere to
#        export the seeds (then only the engine and the targets are built, as in CI)
# Exit status: 0 when no target found anything, 1 otherwise, 2 on usage or build trouble.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-300}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "run-local.sh: SECONDS must be a number, not '$seconds'" >&2; exit 2; }
shift $(( $# > 0 ? 1 : 0 ))
seed_harness=${SEED_HARNESS:-}
[[ -z $seed_harness ]] || seed_harness=$(realpath "$seed_harness")

if [[ ! -f $build/build.ninja ]]; then
  CXX=${CXX:-clang++} meson setup "$build" "$root" -Dfuzzing=libfuzzer \
    -Db_sanitize=address,undefined -Db_lundef=false -Dtests=false -Dreal_clients=false \
    -Dfuzz_seed_harness="$seed_harness" -Ddebug=false -Doptimization=2 \
    -Dcpp_args=-gline-tables-only >"$build.setup.log" 2>&1 ||
    { echo "run-local.sh: meson setup failed, see $build.setup.log" >&2; exit 2; }
fi
targets=("$@")
if (( ${#targets[@]} == 0 )); then
  mapfile -t targets < <(sed -n "s/^  '\([a-z-]*\)',\$/\1/p" "$root/fuzz/meson.build")
fi
exes=()
for t in "${targets[@]}"; do exes+=("fuzz-$t"); done
[[ -n $seed_harness ]] || exes+=(sse-harness)
meson compile -C "$build" "${exes[@]}" >/dev/null ||
  { echo "run-local.sh: build failed (meson compile -C $build)" >&2; exit 2; }
[[ -n $seed_harness ]] || seed_harness=$build/sse-harness

out=$build/fuzz-local
rm -rf "$out/seeds"
mkdir -p "$out"
"$seed_harness" fuzz-seeds "$root/corpus" -o "$out/seeds" --target sse --no-zip >/dev/null ||
  { echo "run-local.sh: sse-harness fuzz-seeds failed" >&2; exit 2; }
dict=()
[[ -s $out/seeds/sse.dict ]] && dict=("-dict=$out/seeds/sse.dict")
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

format='%-28s %8s %11s %8s %6s %10s %14s %7s %9s  %s'
rows=()
found=0
TIMEFORMAT='%U %S' # bash's `time`: user and system CPU seconds
for t in "${targets[@]}"; do
  corpus=$out/corpus/$t artifacts=$out/artifacts/$t log=$out/$t.log
  mkdir -p "$corpus" "$artifacts"
  echo "run-local.sh: fuzzing $t for $seconds s (log $log)" >&2
  { time "$build/fuzz/fuzz-$t" "${dict[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -max_total_time="$seconds" "-artifact_prefix=$artifacts/" "$corpus" "$out/seeds/sse" \
      >"$log" 2>&1; } 2>"$log.cpu"
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  len=$(grep -oE 'lim: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  cpu=$(tail -1 "$log.cpu" | awk 'NF == 2 { printf "%.1f", $1 + $2 }')
  per_cpu=$(awk -v e="${execs:-0}" -v c="${cpu:-0}" 'BEGIN { if (c > 0) printf "%.0f", e / c }')
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 | awk '{print $2 "/" $4}')
  files=$(find "$corpus" -type f | wc -l)
  findings=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | wc -l)
  (( findings > 0 || rc != 0 )) && found=1
  rows+=("$(printf "$format" "$t" "${len:-?}" "${execs:-?}" "${rate:-?}" "${cpu:-?}" \
    "${per_cpu:-?}" "${cov:-?}" "$files" "$findings" \
    "$( ((findings > 0)) && echo "$artifacts" || echo "exit $rc")")")
done

printf "$format\n" target max_len executions exec/s cpu-s exec/cpu-s cov/ft corpus findings where
printf '%s\n' "${rows[@]}"
exit "$found"
