#!/usr/bin/env bash
# The sanitized fuzz job CI runs: a clang build with libFuzzer, ASan and UBSan (UB aborts), then
# every target for FUZZ_SECONDS (default 30) after loading all seeds (`meson test --suite
# fuzz-sanitized`). Crash, leak and timeout inputs are left in BUILD/fuzz-artifacts/<target>/ for
# CI to publish. Exit status: non-zero when the build or any target fails.
#   usage: fuzz/ci.sh            (env: BUILD_DIR, default build-ci-fuzz; FUZZ_SECONDS)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-ci-fuzz}
seconds=${FUZZ_SECONDS:-30}
start=$(date +%s)

if [[ ! -f $build/build.ninja ]]; then
  CXX=${CXX:-clang++} meson setup "$build" "$root" -Dfuzzing=libfuzzer \
    -Db_sanitize=address,undefined -Db_lundef=false -Dtests=false -Dreal_clients=false \
    -Dwerror=true -Dfuzz_seconds="$seconds"
else
  meson configure "$build" -Dfuzz_seconds="$seconds"
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
