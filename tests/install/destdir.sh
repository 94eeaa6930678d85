#!/usr/bin/env bash
# `meson install` into a DESTDIR, then the installed binary run from an empty folder: it finds its
# installed corpus, schemas and client adapters (not the source tree's), SSE_HARNESS_CORPUS still
# overrides, and the installed tree holds what README "Install" lists and no node_modules.
#   usage: destdir.sh MESON BUILD_DIR SOURCE_CORPUS
set -euo pipefail
meson=$1 build=$2 source_corpus=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "destdir.sh: $*" >&2; exit 1; }

"$meson" install -C "$build" --no-rebuild --quiet --destdir "$work/root" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "meson install failed"; }
bin=$(find "$work/root" -path '*/bin/sse-harness' -type f | head -1)
[[ -x $bin ]] || fail "no bin/sse-harness under the DESTDIR"
data=$(cd "$(dirname "$bin")/.." && pwd)/share/sse-harness
for f in corpus/deviations.json corpus/seeds/000_c359a6ca5f32f75d/case.json \
         schemas/case.schema.json rules/framing.json clients/CONTRACT.md clients/lib/adapter.mjs \
         clients/package-lock.json clients/install; do
  [[ -e $data/$f ]] || fail "not installed: share/sse-harness/$f"
done
[[ -z $(find "$data" -name node_modules) ]] || fail "node_modules was installed"
cmp -s "$source_corpus/seeds/004_424fe411654300b4/004_424fe411654300b4.txt" \
  "$data/corpus/seeds/004_424fe411654300b4/004_424fe411654300b4.txt" || fail "a capture changed"

mkdir "$work/elsewhere" && cd "$work/elsewhere"
unset SSE_HARNESS_CORPUS SSE_HARNESS_SCHEMAS SSE_HARNESS_CLIENTS
count() { "$bin" list | grep -c '^  [a-z0-9/_.-]*  \[' || true; }
all=$(count)
(( all > 40 )) || fail "the installed binary lists $all cases"
# Its corpus is the installed one: a case removed there is gone from what it lists and checks.
rm -rf "$data/corpus/streams/xai/grok-3-mini-reasoning-content"
(( $(count) == all - 1 )) || fail "the installed binary does not read the installed corpus"
SSE_HARNESS_CORPUS=$source_corpus
export SSE_HARNESS_CORPUS
(( $(count) == all )) || fail "SSE_HARNESS_CORPUS does not override the installed corpus"
unset SSE_HARNESS_CORPUS
"$bin" check --split whole >"$work/check.out" 2>&1 || { tail -5 "$work/check.out" >&2; fail "check of the installed corpus failed"; }
grep -q " 0 failed, 0 errors" "$work/check.out" || fail "check: $(tail -1 "$work/check.out")"
"$bin" rules >/dev/null || fail "rules failed"
"$bin" clients list >"$work/clients.out" || fail "clients list failed"
grep -qx "adapters: $data/clients (.*" "$work/clients.out" ||
  fail "the installed binary's adapters are not the installed ones: $(tail -1 "$work/clients.out")"
echo "destdir.sh: installed into $work/root; the installed binary found its corpus ($all cases), schemas and adapters from an empty folder"
