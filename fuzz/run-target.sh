#!/usr/bin/env bash
# One fuzz target as a meson test (fuzz/meson.build).
#   run-target.sh replay    SSE_HARNESS FUZZ_EXE CORPUS WORK
#   run-target.sh libfuzzer SSE_HARNESS FUZZ_EXE CORPUS WORK ARTIFACTS SECONDS
# Exports the corpus as seeds (sse-harness fuzz-seeds) into WORK/seeds, then either replays them
# (a build without libFuzzer) or, with libFuzzer, loads them all once, whole (-runs=0 -max_len= the
# largest seed's size, from WORK/seeds/sse.options), and fuzzes for SECONDS at the target's own
# max_len (fuzz/entry.cpp) with WORK/corpus as the growing corpus; crash-/leak-/timeout- files go to
# ARTIFACTS/.
# Exit status: non-zero on any violation, crash, leak, undefined behaviour or timeout.
set -euo pipefail
mode=$1 harness=$2 exe=$3 corpus=$4 work=$5

rm -rf "$work/seeds"
mkdir -p "$work"
"$harness" fuzz-seeds "$corpus" -o "$work/seeds" --target sse --no-zip >/dev/null
seeds=$work/seeds/sse
dict=()
[[ -s $work/seeds/sse.dict ]] && dict=("-dict=$work/seeds/sse.dict")

if [[ $mode == replay ]]; then
  exec "$exe" "$seeds"
fi

artifacts=$6 seconds=$7
mkdir -p "$work/corpus" "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# libFuzzer exits 77 on a finding by default, which meson reads as SKIP: 1 instead.
common=("${dict[@]}" -timeout=10 -rss_limit_mb=2048 -error_exitcode=1 -timeout_exitcode=1
        "-artifact_prefix=$artifacts/" -print_final_stats=1)
# Every seed whole first; the fuzzing run then truncates longer ones to the target's max_len.
whole=$(sed -n 's/^max_len = //p' "$work/seeds/sse.options")
"$exe" "${common[@]}" -runs=0 "-max_len=${whole:-1048576}" "$seeds"
"$exe" "${common[@]}" -max_total_time="$seconds" "$work/corpus" "$seeds"
