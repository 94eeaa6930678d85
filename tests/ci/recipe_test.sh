#!/usr/bin/env bash
# The CI recipe of README "Use it in your CI" (.ci/recipe.sh, which the GitHub and GitLab files
# call) run on this project's corpus: 4 shards, their merge into one JUnit report and Markdown
# summary, and a client given with --exec (the eventsource-parser adapter, one process per run) on
# the OpenAI captures (a folder of cases is a corpus too; the whole corpus under every client is
# clients-matrix's job: here one-shot Node runs over all of it took ~55 s of CPU for nothing new);
# each step's exit code and outputs are checked.
#   usage: recipe_test.sh SSE_HARNESS SOURCE_ROOT
set -euo pipefail
export SSE_HARNESS=$1
root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "recipe_test.sh: $*" >&2; exit 1; }
for k in 1 2 3 4; do
  bash "$root/.ci/recipe.sh" check "$k/4" "$root/corpus" "$out" >/dev/null 2>&1 || fail "check $k/4 failed"
done
[[ $(ls "$out"/shard-*.json | wc -l) == 4 ]] || fail "not 4 shard reports"
bash "$root/.ci/recipe.sh" merge "$out" >"$out/merge.out" 2>&1 || { cat "$out/merge.out" >&2; fail "merge failed"; }
grep -q "^[1-9][0-9]* cases x [1-9][0-9]* implementations: .* 0 failed, 0 errors$" "$out/merge.out" || fail "merge: $(tail -1 "$out/merge.out")"
[[ $(grep -c "<testcase " "$out/check.xml") -gt 300 ]] || fail "check.xml holds too few testcases"
grep -q "[1-9][0-9]* cases" "$out/check.md" || fail "check.md has no summary"
# A shard's failure does not gate; the merge does: a broken case fails the merged run.
CLIENT_WIRE=- bash "$root/.ci/recipe.sh" client "node {clients}/eventsource-parser.mjs {events_url} {dialect}" \
  eventsource-parser "$root/corpus/streams/openai" "$out" >"$out/client.out" 2>&1 ||
  { tail -5 "$out/client.out" >&2; fail "the client step failed"; }
grep -q " 0 failed, 0 errors$" "$out/client.out" || fail "client: $(tail -1 "$out/client.out")"
[[ -s $out/client-eventsource-parser.xml && -s $out/client-eventsource-parser.md ]] || fail "no client reports"
bash "$root/.ci/recipe.sh" bogus >/dev/null 2>&1 && fail "an unknown step was accepted"
echo "recipe_test.sh: 4 shards merged, client judged, reports written"
