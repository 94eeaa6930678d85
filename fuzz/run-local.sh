#!/usr/bin/env bash
# A longer local fuzzing run: builds the libFuzzer + ASan + UBSan build if needed, exports the
# corpus as seeds, runs each target for SECONDS (default 300) one after the other, and prints per
# target: executions, exec/s, coverage (cov/ft), corpus size and findings (crash/leak/timeout/oom
# files) with where they are. The growing corpora are kept between runs.
#   usage: fuzz/run-local.sh [SECONDS] [TARGET...]     (env: FUZZ_BUILD_DIR, default build-fuzz)
# Exit status: 0 when no target found anything, 1 otherwise, 2 on usage or build trouble.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-300}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "run-local.sh: SECONDS must be a number, not '$seconds'" >&2; exit 2; }
shift $(( $# > 0 ? 1 : 0 ))

if [[ ! -f $build/build.ninja ]]; then
  CXX=${CXX:-clang++} meson setup "$build" "$root" -Dfuzzing=libfuzzer \
    -Db_sanitize=address,undefined -Db_lundef=false -Dtests=false -Dreal_clients=false \
    >"$build.setup.log" 2>&1 || { echo "run-local.sh: meson setup failed, see $build.setup.log" >&2; exit 2; }
fi
targets=("$@")
if (( ${#targets[@]} == 0 )); then
  mapfile -t targets < <(sed -n "s/^  '\([a-z-]*\)',\$/\1/p" "$root/fuzz/meson.build")
fi
exes=()
for t in "${targets[@]}"; do exes+=("fuzz-$t"); done
meson compile -C "$build" sse-harness "${exes[@]}" >/dev/null ||
  { echo "run-local.sh: build failed (meson compile -C $build)" >&2; exit 2; }

out=$build/fuzz-local
rm -rf "$out/seeds"
mkdir -p "$out"
"$build/sse-harness" fuzz-seeds "$root/corpus" -o "$out/seeds" --target sse --no-zip >/dev/null ||
  { echo "run-local.sh: sse-harness fuzz-seeds failed" >&2; exit 2; }
dict=()
[[ -s $out/seeds/sse.dict ]] && dict=("-dict=$out/seeds/sse.dict")
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

rows=()
found=0
for t in "${targets[@]}"; do
  corpus=$out/corpus/$t artifacts=$out/artifacts/$t log=$out/$t.log
  mkdir -p "$corpus" "$artifacts"
  echo "run-local.sh: fuzzing $t for $seconds s (log $log)" >&2
  "$build/fuzz/fuzz-$t" "${dict[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -max_total_time="$seconds" "-artifact_prefix=$artifacts/" "$corpus" "$out/seeds/sse" \
    >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 | awk '{print $2 "/" $4}')
  files=$(find "$corpus" -type f | wc -l)
  findings=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | wc -l)
  (( findings > 0 || rc != 0 )) && found=1
  rows+=("$(printf '%-28s %12s %8s %14s %8s %9s  %s' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
    "$files" "$findings" "$( ((findings > 0)) && echo "$artifacts" || echo "exit $rc")")")
done

printf '%-28s %12s %8s %14s %8s %9s  %s\n' target executions exec/s cov/ft corpus findings where
printf '%s\n' "${rows[@]}"
exit "$found"
