#!/usr/bin/env bash
# The steps README "Use it in your CI" gives, as one script both CI recipes call
# (.github/workflows/sse-harness.yml, .gitlab-ci.yml) and this project's own CI runs (meson test
# ci-recipe), so the recipe users copy is the one that is tested.
#   recipe.sh check K/N CORPUS OUT        one shard of the check: OUT/shard-K.json (never gates)
#   recipe.sh merge OUT                   the shards joined: OUT/check.xml (JUnit), OUT/check.md;
#                                         exit 1 when the whole run fails (--fail-on default)
#   recipe.sh client 'CMD' NAME CORPUS OUT
#                                         your client (CMD with {stream_url}, {events_url}, ...)
#                                         run against the corpus: OUT/client-NAME.xml and .md;
#                                         exit 1 on a failure
# Env: SSE_HARNESS (default build/sse-harness), FAIL_ON (default failed,disputed,error),
# CLIENT_WIRE (the client step's --wire; default: clients run's default wire options).
set -euo pipefail
harness=${SSE_HARNESS:-build/sse-harness}
fail_on=${FAIL_ON:-failed,disputed,error}
usage() { sed -n '5,13p' "$0" >&2; exit 2; }
step=${1:-}
case $step in
  check)
    (( $# == 4 )) || usage
    shard=$2 corpus=$3 out=$4
    mkdir -p "$out"
    "$harness" check "$corpus" --shard "$shard" --progress lines --fail-on none \
      --report "json=$out/shard-${shard%%/*}.json" ;;
  merge)
    (( $# == 2 )) || usage
    out=$2
    shards=("$out"/shard-*.json)
    "$harness" merge-reports "${shards[@]}" --fail-on "$fail_on" \
      --report "junit=$out/check.xml" --report "markdown=$out/check.md" ;;
  client)
    (( $# == 5 )) || usage
    cmd=$2 name=$3 corpus=$4 out=$5
    mkdir -p "$out"
    wire=()
    [[ -n ${CLIENT_WIRE:-} ]] && wire=(--wire "$CLIENT_WIRE")
    "$harness" clients run --exec "$cmd" --name "$name" "${wire[@]}" "$corpus" --progress lines \
      --fail-on "$fail_on" --report "junit=$out/client-$name.xml" \
      --report "markdown=$out/client-$name.md" ;;
  *) usage ;;
esac
