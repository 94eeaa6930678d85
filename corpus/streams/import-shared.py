#!/usr/bin/env python3
"""Import the shared real-world captures as corpus cases under streams/<provider>/<stem>.

Reads PROVENANCE.md next to the captures (one table row per .sse file: provider/model, source repo,
path, commit, licence, raw or reconstructed, notable quirks; a .request.json beside a capture is
the recorded request body, the recorded method and URL are in the row), builds a --meta file per
capture and runs

    sse-harness import SRC --case streams/<provider>/<stem> --corpus OUT --format raw --meta META

so the stream file is copied byte for byte (reconstructed captures are already SSE text; their
provenance says reconstructed). Afterwards every imported stream is compared with its source.

Facts (source, licence, request, notes, model) come from PROVENANCE.md and the bytes; what cannot
be derived mechanically -- a one-line title, the sentence saying why the case is worth keeping and
short quirk tags -- is written down per capture in CURATED below. A row without a CURATED entry
still imports, with a title and reason built from the row.

Exit status: 0 all imported and byte-identical; 1 imported, but bless disputed some cases (listed
at the end); 2 an import failed or a stream differs from its source. Python 3 standard library
only.
"""

import argparse
import filecmp
import json
import os
import re
import subprocess
import sys
import tempfile

# stem -> (title, why, quirk tags). Tags must match ^[a-z]+:[a-z0-9][a-z0-9._-]*$.
CURATED = {
    "qwen3-max-tool-call": (
        "Alibaba qwen3-max tool call: later fragments repeat an empty id and the type",
        "Tool-call fragments that repeat an empty id and the type, plus an empty-arguments chunk "
        "without finish_reason before the finish chunk, test that clients merge tool calls by "
        "index and set id and type only once.",
        ["quirk:tool-call-repeats-empty-id", "quirk:empty-arguments-fragment"]),
    "code-execution-server-tool-sonnet46": (
        "Anthropic claude-sonnet-4-6: thinking, text, server_tool_use and a code-execution result",
        "The richest Messages stream here: a server tool call whose input_json_delta fragments "
        "split escaped quotes, a result block with no deltas, and emoji keycap sequences split "
        "across text deltas.",
        ["quirk:server-tool-use", "quirk:input-json-split-escapes", "quirk:block-without-deltas",
         "quirk:emoji-split-across-deltas"]),
    "max-tokens-sonnet4": (
        "Anthropic claude-sonnet-4: stop_reason max_tokens, text cut mid-list",
        "A Messages stream that ends on stop_reason max_tokens, so a client must report a "
        "truncated answer rather than a finished one.",
        ["quirk:stop-max-tokens"]),
    "redacted-thinking-sonnet45": (
        "Anthropic claude-sonnet-4-5: redacted_thinking blocks without deltas, pings between blocks",
        "Content blocks that start and stop with no deltas (opaque redacted_thinking data) and "
        "pings interleaved between blocks test that a Messages client keeps block indexes "
        "straight.",
        ["quirk:redacted-thinking", "quirk:block-without-deltas", "quirk:ping-between-blocks"]),
    "text-minimal-sonnet45": (
        "Anthropic claude-sonnet-4-5: the smallest complete Messages stream",
        "The minimal complete Messages event sequence (one text_delta), the baseline every "
        "Messages decoder must get right.",
        ["quirk:inference-geo"]),
    "thinking-sonnet4": (
        "Anthropic claude-sonnet-4: thinking with a signature_delta, then text, variable padding",
        "Thinking deltas followed by a signature_delta, a ping inside the first block and a "
        "variable run of spaces before every closing brace test reasoning reassembly and JSON "
        "handling.",
        ["quirk:signature-delta", "quirk:ping-inside-block"]),
    "tool-use-input-json-delta-sonnet45": (
        "Anthropic claude-sonnet-4-5: tool_use as the first block, input_json_delta starting empty",
        "A client tool_use block at index 0 with no text before it and an input_json_delta that "
        "begins with an empty partial_json test tool-call argument assembly.",
        ["quirk:tool-use-first-block", "quirk:empty-first-fragment", "quirk:stop-tool-use"]),
    "copilot-gpt4o-mini-prompt-filter-results": (
        "GitHub Copilot (Azure OpenAI) gpt-4o-mini: filter results, [DONE] with a single newline",
        "The stream ends with `data: [DONE]` and one newline, so spec-following parsers never "
        "dispatch [DONE], and its filter-result chunk with empty choices tests clients that read "
        "choices[0].",
        ["quirk:prediction-tokens"]),
    "copilot-n3-choices-content-filter-offsets": (
        "GitHub Copilot (Azure OpenAI), n=3: three choices streamed one after another",
        "The only n>1 capture: three choices arrive strictly one after the other, with null role "
        "and content in the finish chunks, testing per-index reassembly.",
        ["quirk:choices-sequential", "quirk:content-filter-offsets", "quirk:null-role-delta",
         "quirk:no-model-field"]),
    "gpt4o-mini-tool-call-prompt-filter": (
        "Azure OpenAI gpt-4o-mini: prompt_filter_results first, tool-call fragments",
        "A direct Azure OpenAI tool-call stream that opens with a prompt_filter_results chunk "
        "with empty choices and carries empty content_filter_results and obfuscation fields.",
        ["quirk:jailbreak-filter"]),
    "model-router-gpt5-nano": (
        "Azure OpenAI model-router deployment answering with gpt-5-nano",
        "A model-router deployment whose chunks come from gpt-5-nano and whose usage reports "
        "reasoning_tokens, with alphabetically ordered keys.",
        ["quirk:model-router", "quirk:reasoning-tokens"]),
    "llama33-70b-no-done-time-info": (
        "Cerebras llama-3.3-70b via HF router: no [DONE], usage and time_info on the finish chunk",
        "The stream ends without [DONE] and has no finish_reason key until the last chunk, which "
        "also carries usage and time_info, testing end-of-stream handling.",
        ["quirk:finish-reason-key-absent", "quirk:time-info", "quirk:stop-length"]),
    "llama33-70b-vllm-include-usage": (
        "Crusoe Cloud (vLLM 0.24.0) Llama-3.3-70B: vLLM's extra null fields, include_usage",
        "A vLLM backend's extra null fields (prompt_token_ids, token_ids, stop_reason) and a "
        "system_fingerprint only on the usage chunk show what vLLM-served APIs send.",
        ["quirk:vllm-extra-fields"]),
    "llama-v3p3-70b-coarse-chunks": (
        "Fireworks llama-v3p3-70b via HF router: multi-word chunks, usage on the finish chunk",
        "Coarse multi-word content chunks, a role chunk without content and usage:null until the "
        "finish chunk test usage that rides on a chunk with choices.",
        ["quirk:role-chunk-without-content"]),
    "gpt-oss-120b-tool-call-x-groq-usage": (
        "Groq gpt-oss-120b: a whole tool call in one delta, x_groq.usage beside usage",
        "A whole tool call in a single delta with index placed last, reasoning deltas, and usage "
        "reported twice (x_groq.usage and top-level usage) on the finish chunk.",
        ["quirk:tool-call-single-delta"]),
    "llama33-70b-tool-call-x-groq": (
        "Groq llama-3.3-70b: three chunks, the complete tool call in one delta",
        "A three-chunk tool-call stream (role with content:null, the whole call, finish with "
        "x_groq.usage and usage) that clients must reassemble without fragments.",
        ["quirk:tool-call-single-delta"]),
    "router-novita-llama31-sla-metrics": (
        "Novita llama-3.1-8b via HF router: sla_metrics on every chunk",
        "Every chunk carries an extra sla_metrics object and the usage chunk has null *_details "
        "fields, testing that clients ignore unknown fields.",
        ["quirk:sla-metrics"]),
    "tgi-3.2.1-llama31-empty-id": (
        "HF Inference (TGI 3.2.1) Llama-3.1-8B: empty id, role on every delta",
        "TGI sends an empty id, repeats the role on every delta and puts finish_reason on the "
        "last content chunk, which clients must neither concatenate nor drop.",
        ["quirk:empty-id", "quirk:role-every-delta"]),
    "responses-reasoning-tool-call": (
        "LM Studio Responses API glm-4.7-flash: reasoning_text deltas, function call without deltas",
        "A third-party Responses API with reasoning_text events, per-token logprobs and a "
        "function call that sends only function_call_arguments.done, no argument deltas.",
        ["quirk:reasoning-text-events", "quirk:function-call-without-deltas",
         "quirk:no-event-lines"]),
    "magistral-thinking-content-array": (
        "Mistral magistral-medium: delta.content as a string or an array of thinking parts",
        "delta.content switches between a string and an array of thinking parts, which clients "
        "that assume a string mishandle.",
        []),
    "mistral-small-tool-call-single-chunk": (
        "Mistral mistral-small: tool call without index, file ends right after [DONE]",
        "A tool call without index and a file that ends right after `data: [DONE]` with no "
        "newline, so spec-following parsers lose [DONE].",
        []),
    "llama31-8b-finish-reason-with-content": (
        "Nebius Llama-3.1-8B via HF router: finish_reason length on the last content chunk",
        "finish_reason arrives on the chunk that also carries the last content, so a client that "
        "stops reading at finish_reason loses text.",
        ["quirk:stop-length", "quirk:no-usage"]),
    "llama31-8b-content-filter-usage-every-chunk": (
        "Novita llama-3.1-8b via HF router: content_filter_results and usage on every chunk",
        "Cumulative usage on every chunk and Azure-like content_filter_results on every choice "
        "test that the last usage wins.",
        ["quirk:usage-every-chunk", "quirk:empty-delta-chunks"]),
    "background-resume-starting-after": (
        "OpenAI Responses gpt-4o: a background response resumed with starting_after",
        "A resumed background response starts at response.queued with sequence_number 1, testing "
        "Responses clients that expect response.created first.",
        ["quirk:background-resume", "quirk:response-queued"]),
    "error-insufficient-quota-then-failed": (
        "OpenAI Responses gpt-5-nano: a mid-stream error, then response.failed",
        "A mid-stream error event (insufficient_quota) followed by response.failed tests that "
        "clients surface errors inside a 200 response.",
        ["quirk:response-failed", "quirk:no-event-lines"]),
    "function-call-gpt4o-2025-03": (
        "OpenAI Responses gpt-4o (2025-03): function-call argument deltas, no sequence_number",
        "An early Responses stream without sequence_number fields that streams "
        "function_call_arguments deltas, for clients that rely on sequence numbers.",
        ["quirk:no-sequence-number"]),
    "logprobs-gpt4o-mini": (
        "OpenAI Responses gpt-4o-mini: output_text deltas with logprobs",
        "output_text.delta events carry logprob arrays with token bytes and an obfuscation "
        "field, the heaviest per-delta payload of the Responses captures.",
        ["feature:logprobs"]),
    "refusal-gpt4o-json-schema": (
        "OpenAI Responses gpt-4o: refusal deltas instead of output text",
        "A structured-output refusal streamed as response.refusal.delta events, which clients "
        "that only read output_text show as an empty answer.",
        ["feature:refusal"]),
    "chat-gpt4o-mini-text-after-tool": (
        "OpenAI gpt-4o-mini: plain text answer after a tool result, with include_usage",
        "A clean chat completions stream from api.openai.com (text answer, usage chunk with "
        "empty choices) that every implementation should reassemble the same way.",
        []),
    "chat-gpt4o-mini-tool-call-fragments": (
        "OpenAI gpt-4o-mini: one tool call streamed in argument fragments",
        "The canonical OpenAI tool-call shape: id and name once, then argument fragments "
        "carrying only index, which every client must merge.",
        ["quirk:tool-call-fragments"]),
    "chat-gpt4o-parallel-tool-calls": (
        "OpenAI gpt-4o: two parallel tool calls, usage:null moving within the chunk",
        "Two tool calls at index 0 and 1 in separate chunks and a usage:null key whose position "
        "varies test per-index tool-call merging.",
        ["quirk:parallel-tool-calls", "quirk:key-order-varies"]),
    "chat-gpt4o-refusal-deltas": (
        "OpenAI gpt-4o: structured-output refusal streamed in delta.refusal",
        "The answer streams in delta.refusal instead of delta.content, so clients that only read "
        "content show nothing.",
        []),
    "chat-gpt5-include-usage-moderation": (
        "OpenAI gpt-5: usage chunk, then a second empty-choices chunk with moderation",
        "After the usage chunk comes a second choices [] chunk carrying a moderation object, "
        "testing clients that assume the usage chunk is the last one.",
        ["quirk:moderation-chunk"]),
    "chat-gpt5-mini-length-no-content": (
        "OpenAI gpt-5-mini: finish_reason length with no content delta at all",
        "Every completion token went to reasoning, so the stream has no content delta and ends "
        "with finish_reason length: an empty answer a client must report as truncated.",
        ["quirk:no-content", "quirk:stop-length", "quirk:reasoning-tokens"]),
    "claude-sonnet-cache-usage-cost": (
        "OpenRouter claude-4.6-sonnet (Bedrock): leading comment keepalives, cost in usage",
        "SSE comment keepalives before the first event and OpenRouter's cost fields in usage test "
        "comment handling and usage parsing.",
        ["quirk:usage-cost"]),
    "claude-sonnet45-reasoning-details-midstream-comments": (
        "OpenRouter claude-sonnet-4.5 (Google): mid-stream comments, reasoning_details",
        "Keepalive comments between data events and a usage chunk with a non-empty choice after "
        "the stop chunk test comment handling and a late finish_reason:null.",
        ["quirk:reasoning-details", "quirk:usage-after-finish"]),
    "openai-gpt4o-usage-chunk-with-choice": (
        "OpenRouter gpt-4o: role on every delta, usage chunk with a choice after stop",
        "Usage arrives in a chunk whose only choice has empty content and finish_reason null "
        "after the stop chunk, which clients must not take for more output.",
        ["quirk:role-every-delta", "quirk:usage-after-finish"]),
    "llama31-8b-large-chunks": (
        "SambaNova Llama-3.1-8B via HF router: very large chunks, a second empty role chunk",
        "Very large content chunks and a second empty role:assistant chunk near the end test role "
        "handling and big deltas.",
        ["quirk:role-repeated", "quirk:large-chunks"]),
    "cortex-claude-sonnet46-no-finish-reason": (
        "Snowflake Cortex claude-sonnet-4-6: no finish_reason anywhere",
        "The stream never sends a finish_reason, which strict clients treat as an error and "
        "lenient ones as an unfinished answer.",
        ["quirk:no-finish-reason", "quirk:empty-id"]),
    "grok-3-mini-reasoning-content": (
        "xAI grok-3-mini: 340 reasoning_content deltas before a two-token answer",
        "A long run of reasoning_content deltas before a tiny answer, and a usage chunk whose "
        "total is not prompt plus completion, test reasoning reassembly and usage arithmetic.",
        ["quirk:usage-total-mismatch", "quirk:finish-reason-key-absent"]),
    "grok-3-mini-reasoning-then-tool-call": (
        "xAI grok-3-mini: reasoning_content deltas, then a whole tool call in one delta",
        "Reasoning deltas followed by a complete tool call in one delta test that reasoning and "
        "tool calls are kept apart.",
        ["quirk:tool-call-single-delta"]),
}

# Phrases of PROVENANCE.md's automatic scan ("*auto: ...*") -> tags.
AUTO_TAGS = [
    (r"^no \[DONE\]$", "quirk:no-done"),
    (r"^no trailing blank line at EOF$", "quirk:no-final-blank-line"),
    (r"^no trailing newline at EOF$", "quirk:no-final-newline"),
    (r"^whitespace padding before final \} of JSON$", "quirk:json-whitespace-padding"),
    (r"comment line\(s\)", "quirk:comment-keepalives"),
    (r"^tool_calls$", "feature:tool-calls"),
    (r"^delta\.reasoning(_content)?$", "feature:reasoning"),
    (r"^delta\.reasoning_details$", "quirk:reasoning-details"),
    (r"^delta\.refusal text$", "feature:refusal"),
    (r"^multiple choice indexes$", "feature:multiple-choices"),
    (r"^logprobs present$", "feature:logprobs"),
    (r"^usage chunk with choices \[\]$", "quirk:usage-chunk-empty-choices"),
    (r"^usage on a chunk with non-empty choices$", "quirk:usage-with-choices"),
    (r"^error object in data$", "quirk:error-in-stream"),
    (r"^obfuscation field$", "quirk:obfuscation-field"),
    (r"^choice\.content_filter_results$", "quirk:content-filter-results"),
    (r"^prompt_filter_results chunk", "quirk:prompt-filter-results"),
    (r"^content_filter_offsets$", "quirk:content-filter-offsets"),
    (r"^finish_reason on chunk that also carries content$", "quirk:finish-reason-with-content"),
    (r"^delta\.content is an array$", "quirk:content-array"),
    (r"^tool_call without index$", "quirk:tool-call-without-index"),
    (r"^x_groq$", "quirk:x-groq"),
]

# Gateways between the client and the provider, by request host or by the row's wording.
GATEWAYS = [
    (r"router\.huggingface\.co", "Hugging Face router (router.huggingface.co)"),
    (r"openrouter\.ai", "OpenRouter"),
    (r"GitHub Copilot CAPI", "GitHub Copilot API (CAPI)"),
    (r"model-router", "Azure OpenAI model-router deployment"),
]

TAG_RE = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9._-]*$")


def parse_rows(provenance_md):
    """The rows of the '## Streams' table as dicts (file, provider_model, repo, path, ...)."""
    rows = []
    in_streams = False
    with open(provenance_md, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                in_streams = line.strip() == "## Streams"
                continue
            if not in_streams or not line.startswith("| `"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if len(cells) != 8:
                raise SystemExit(f"{provenance_md}: unexpected table row: {line[:80]}")
            file_cell, provider_model, repo, path, commit, licence, capture, quirks = cells
            m = re.match(r"`([^`]+\.sse)`", file_cell)
            if not m:
                raise SystemExit(f"{provenance_md}: no .sse file in row: {line[:80]}")
            rows.append({
                "file": m.group(1),
                "has_request_json": ".request.json" in file_cell,
                "provider_model": provider_model,
                "repo": repo,
                "path": path,
                "commit": commit.strip("`"),
                "licence": licence,
                "capture": capture,
                "quirks": quirks,
            })
    return rows


def split_quirks(text):
    """(notable quirks, automatic scan phrases) of the quirks cell."""
    auto = []
    m = re.search(r"<br>\s*\*auto:(.*)\*\s*$", text)
    if m:
        auto = [p.strip() for p in m.group(1).split(";") if p.strip()]
        text = text[: m.start()]
    return text.replace("<br>", " ").strip(), auto


def column_model(provider_model):
    """The model named in the provider/model cell, or None."""
    if " / " in provider_model:
        model = provider_model.rsplit(" / ", 1)[1]
    elif " -> " in provider_model:
        model = provider_model.rsplit(" -> ", 1)[1]
    else:
        return None
    model = re.sub(r"\s*\(.*\)\s*$", "", model).strip()
    if not model or " " in model:  # "model not stated in chunks"
        return None
    return model


def stream_model(path):
    """The model the first chunk naming one gives (chat: model, Messages: message.model,
    Responses: response.model) -- what provenance.model records."""
    with open(path, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", "replace").strip()
            if not line.startswith("data:"):
                continue
            try:
                obj = json.loads(line[5:])
            except ValueError:
                continue
            if not isinstance(obj, dict):
                continue
            for holder in (obj, obj.get("message"), obj.get("response")):
                if isinstance(holder, dict) and isinstance(holder.get("model"), str) \
                        and holder["model"]:
                    return holder["model"]
    return None


def build_meta(row, streams_dir):
    provider, name = row["file"].split("/", 1)
    stem = name[: -len(".sse")]
    src = os.path.join(streams_dir, row["file"])
    quirks, auto = split_quirks(row["quirks"])

    path_cell = row["path"].split("<br>")
    where = path_cell[0].strip()
    m = re.match(r"^(.*?)\s+\((.*)\)$", where)
    if m:  # "(interaction N)" or a test name goes after the commit
        source = f"{row['repo']}/{m.group(1)} at {row['commit']} ({m.group(2)})"
    else:
        source = f"{row['repo']}/{where} at {row['commit']}"

    request = None
    rm = re.search(r"recorded request: (\w+) `([^`]+)`", row["path"])
    if rm:
        request = {"method": rm.group(1), "url": rm.group(2)}
        body_file = os.path.join(streams_dir, provider, stem + ".request.json")
        if os.path.exists(body_file):
            with open(body_file, encoding="utf-8") as f:
                request["body"] = json.load(f)

    reconstructed = row["capture"].startswith("reconstructed")
    via = None
    for pattern, gateway in GATEWAYS:
        if re.search(pattern, (request or {}).get("url", "")) or \
                re.search(pattern, row["provider_model"]):
            via = gateway
            break
    upstream = re.search(r"\(provider ([^)]+)\)", row["provider_model"])
    if via and upstream:
        via += f" (upstream provider: {upstream.group(1)})"
    elif via and "->" in row["provider_model"] and via.startswith("Hugging Face"):
        via += " to " + row["provider_model"].split("->", 1)[1].split("/")[0].strip()

    notes = (f"Recorded as: {row['provider_model']}. Capture: {row['capture']}. "
             f"Quirks: {quirks}")
    if auto:
        notes += f" Automatic scan: {'; '.join(auto)}."

    provenance = {
        "source": source,
        "provider": provider,
        "licence": row["licence"],
        "reconstructed": reconstructed,
        "notes": notes,
    }
    model = stream_model(src) or column_model(row["provider_model"])
    if model:
        provenance["model"] = model
    if via:
        provenance["via"] = via

    title, why, curated_tags = CURATED.get(stem, (None, None, []))
    if not title:
        title = f"{row['provider_model']}: {stem}"
    if not why:
        first = quirks.split(";")[0].strip().rstrip(".")
        why = f"A real {provider} capture kept for this: {first}."
    tags = [f"provider:{provider}", "capture:" + ("reconstructed" if reconstructed else "raw")]
    with open(src, "rb") as f:
        is_chat = b'"choices"' in f.read()  # [DONE] belongs to chat completions only
    for phrase in auto:
        for pattern, tag in AUTO_TAGS:
            if re.search(pattern, phrase) and (is_chat or tag != "quirk:no-done"):
                tags.append(tag)
    tags += curated_tags
    tags = list(dict.fromkeys(tags))  # unique, in order
    bad = [t for t in tags if not TAG_RE.match(t)]
    if bad:
        raise SystemExit(f"{row['file']}: tags not matching {TAG_RE.pattern}: {bad}")
    if "\n" in title:
        raise SystemExit(f"{row['file']}: the title must be one line")

    meta = {"title": title, "why": why, "provenance": provenance, "tags": tags}
    if request:
        meta["request"] = request
    return src, f"streams/{provider}/{stem}", meta


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--streams", default=os.environ.get("SSE_SHARED_STREAMS",
                                                        "/work/shared/streams"),
                    help="folder holding PROVENANCE.md and <provider>/<stem>.sse")
    ap.add_argument("--out", default=os.path.dirname(here),
                    help="the corpus folder to import into (default: this repository's corpus/)")
    ap.add_argument("--binary", default=os.environ.get("SSEH_BINARY",
                                                       os.path.join(repo, "build", "sse-harness")))
    ap.add_argument("--force", action="store_true", help="replace cases that exist already")
    args = ap.parse_args()

    rows = parse_rows(os.path.join(args.streams, "PROVENANCE.md"))
    on_disk = sorted(os.path.relpath(os.path.join(d, f), args.streams)
                     for d, _, files in os.walk(args.streams) for f in files if f.endswith(".sse"))
    listed = sorted(r["file"] for r in rows)
    if on_disk != listed:
        print("PROVENANCE.md and the .sse files disagree:", file=sys.stderr)
        print("  not listed:", sorted(set(on_disk) - set(listed)), file=sys.stderr)
        print("  missing:", sorted(set(listed) - set(on_disk)), file=sys.stderr)
        return 2

    failed, disputed, different = [], [], []
    with tempfile.TemporaryDirectory(prefix="sseh-import-") as tmp:
        for row in rows:
            src, case, meta = build_meta(row, args.streams)
            meta_file = os.path.join(tmp, case.replace("/", "_") + ".json")
            with open(meta_file, "w", encoding="utf-8") as f:
                json.dump(meta, f, indent=2, ensure_ascii=False)
            cmd = [args.binary, "import", src, "--case", case, "--corpus", args.out,
                   "--format", "raw", "--meta", meta_file]
            if args.force:
                cmd.append("--force")
            run = subprocess.run(cmd, capture_output=True, text=True)
            sys.stdout.write(run.stdout)
            sys.stderr.write(run.stderr)
            if run.returncode == 2 or run.returncode not in (0, 1):
                failed.append(case)
                continue
            if run.returncode == 1:
                disputed.append(case)
            copied = os.path.join(args.out, case, os.path.basename(case) + ".sse")
            if not filecmp.cmp(src, copied, shallow=False):
                different.append(case)

    print(f"{len(rows)} captures: {len(rows) - len(failed)} imported into {args.out}, "
          f"{len(failed)} failed, {len(disputed)} disputed, "
          f"{len(different)} not byte-identical to the source")
    for case in failed:
        print(f"  failed: {case}")
    for case in different:
        print(f"  differs from its source: {case}")
    if disputed:
        print("  disputed (bless found implementations disagreeing with tolerant; see above): "
              + ", ".join(disputed))
    if failed or different:
        return 2
    return 1 if disputed else 0


if __name__ == "__main__":
    sys.exit(main())
