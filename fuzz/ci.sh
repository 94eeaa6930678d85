#!/usr/bin/env bash
# The sanitized fuzz job CI runs: a clang build with libFuzzer, ASan and UBSan (UB aborts), then
# every target for FUZZ_SECONDS (default 30) after loading all seeds (`meson test --suite
# fuzz-sanitized`). Crash, leak and timeout inputs are left in BUILD/fuzz-artifacts/<target>/ for
# CI to publish. Exit status: non-zero when the build or any target fails.
# With SEED_HARNESS set to an sse-harness built elsewhere (CI passes the g++ build's), that binary
# exports the seeds and this build compiles only the engine library and the fuzz targets. Debug
# info is line tables only: enough for sanitizer reports' file:line, a fraction of -g's compile
# time; a unity build, as CI's other builds.
#   usage: fuzz/ci.sh            (env: BUILD_DIR, default build-ci-fuzz; FUZZ_SECONDS; SEED_HARNESS)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-ci-fuzz}
seconds=${FUZZ_SECONDS:-30}
seed_harness=${SEED_HARNESS:-}
[[ -z $seed_harness ]] || seed_harness=$(realpath "$seed_harness")
start=$(date +%s)

if [[ ! -f $build/build.ninja ]]; then
  CXX=${CXX:-clang++} meson setup "$build" "$root" -Dfuzzing=libfuzzer \
    -Db_sanitize=address,undefined -Db_lundef=false -Dtests=false -Dreal_clients=false \
    -Dwerror=true -Dfuzz_seconds="$seconds" -Dfuzz_seed_harness="$seed_harness" \
    -Ddebug=false -Doptimization=2 -Dcpp_args=-gline-tables-only --unity on -Dunity_size=8
else
  meson configure "$build" -Dfuzz_seconds="$seconds" -Dfuzz_seed_harness="$seed_harness"
fi
meson compile -C "$build"
built=$(date +%s)

status=0
meson test -C "$build" --suite fuzz-sanitized --print-errorlogs || status=$?
end=$(date +%s)
echo "fuzz/ci.sh: build $((built - start)) s, fuzzing $((end - built)) s, exit $status"
if compgen -G "$build/fuzz-artifacts/*/*" >/dev/null; then
  echo "fuzz/ci.sh: findings in $build/fuzz-artifacts:"
  ls -l "$build"/fuzz-artifacts/*/
fi
exit "$status"
