#!/usr/bin/env python3
"""profile-vs-real: each SDK profile against the real client of the same SDK, over the whole corpus.

Usage: profile_vs_real.py SSE_HARNESS CORPUS_DIR KNOWN_JSON

1. `sse-harness check --split whole --report json` with the profiles of PAIRS: what each profile
   says its SDK shows for every case of its dialect;
2. `sse-harness clients run --wire - --report json` with their real clients (clients/, npm packages
   from `bash clients/install`): what the SDK really showed, served the case's own bytes;
3. per pair and case, the fields an SDK client is judged on (choices, usage, raised; CONTRACT.md)
   are compared. A client that raised is compared on `raised` alone (its user gets the exception,
   not a partial answer), without the "<Class>: " prefix the adapters put before the message.
   Tool-call arguments compare as JSON values when both sides parse (an SDK may expose a parsed
   object that its adapter serialises again).

Every difference must be listed in KNOWN_JSON ({"differences": [{"profile", "client", "case",
"reason"}]}: reviewed, each with its reason); an unlisted difference fails, and so does a listed one
that no longer happens (so fixes are noticed). Prints "N/M cases agree" per pair and for all pairs.
Exit 0 when every difference is listed and every listed one happens, 1 otherwise, 2 on trouble."""
import json
import os
import re
import subprocess
import sys
import tempfile

# (profile, real client): the real client runs the SDK the profile models. openai-create and
# anthropic-sdk iterate the SDK's raw stream (the harness reassembles the events they yield);
# openai-stream, anthropic-message-stream and openai-responses-stream use the accumulating helper
# the profile models.
PAIRS = [
    ("openai-node", "openai-create"),
    ("openai-node", "openai-stream"),
    ("openai-node-responses", "openai-create"),
    ("openai-node-responses", "openai-responses-stream"),
    ("anthropic-sdk-typescript", "anthropic-sdk"),
    ("anthropic-sdk-typescript", "anthropic-message-stream"),
]


def run_report(args, what):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.json")
        r = subprocess.run(args + ["--report", "json=" + path], capture_output=True, text=True,
                           timeout=1800)
        if r.returncode not in (0, 1) or not os.path.isfile(path):
            print(f"profile-vs-real: {what} exited {r.returncode}:\n{r.stderr[-2000:]}")
            sys.exit(2)
        with open(path, encoding="utf-8") as f:
            return json.load(f)


def actual_by(report):
    """(case, impl) -> the result document of the entry for the case's own stream."""
    out = {}
    for e in report["entries"]:
        if e.get("case") and e.get("variant", "") == "" and "actual" in e:
            out[(e["case"], e["impl"])] = e["actual"]
    return out


def arguments_value(text):
    try:
        return ("json", json.loads(text))
    except (TypeError, ValueError):
        return ("text", text)


# The adapters print "<Class>: <message>" (clients/lib/output.mjs oneLine); a profile's `raised` is
# the message alone.
CLASS_PREFIX = re.compile(r"^[A-Z][A-Za-z]*Error: ")


def judged(doc, real=False):
    """The judged fields of a result document, arguments as JSON values."""
    if doc.get("raised") is not None:
        return {"raised": CLASS_PREFIX.sub("", doc["raised"]) if real else doc["raised"]}
    choices = []
    for c in doc.get("choices", []):
        c = dict(c)
        c["tool_calls"] = [dict(t, arguments=arguments_value(t.get("arguments", "")))
                           for t in c.get("tool_calls", [])]
        choices.append(c)
    return {"choices": choices, "usage": doc.get("usage"), "raised": None}


def first_difference(a, b):
    for key in ("raised", "choices", "usage"):
        if a.get(key) != b.get(key):
            return f"{key}: profile {json.dumps(a.get(key))[:160]} / real {json.dumps(b.get(key))[:160]}"
    return "?"


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    binary, corpus, known_path = sys.argv[1:]
    with open(known_path, encoding="utf-8") as f:
        known = {(d["profile"], d["client"], d["case"]): d["reason"]
                 for d in json.load(f)["differences"]}
    profiles = sorted({p for p, _ in PAIRS})
    clients = sorted({c for _, c in PAIRS})
    check = run_report([binary, "check", "--split", "whole", *sum([["--impl", p] for p in profiles], []),
                        corpus], "check")
    real = run_report([binary, "clients", "run", "--jobs", "2", "--wire", "-",
                       *sum([["--client", c] for c in clients], []), corpus], "clients run")
    profile_results, client_results = actual_by(check), actual_by(real)

    problems, seen, agreed = [], set(), set()
    total_agree = total = 0
    for profile, client in PAIRS:
        cases = sorted(case for (case, impl) in profile_results
                       if impl == profile and (case, client) in client_results)
        agree = 0
        for case in cases:
            a = judged(profile_results[(case, profile)])
            b = judged(client_results[(case, client)], real=True)
            key = (profile, client, case)
            if a == b:
                agree += 1
                agreed.add(key)
                if key in known:
                    problems.append(f"{profile} vs {client} {case}: listed as different "
                                    f"({known[key]}) but they now agree")
                continue
            seen.add(key)
            if key not in known:
                problems.append(f"{profile} vs {client} {case}: unlisted difference, "
                                f"{first_difference(a, b)}")
            else:
                print(f"  known: {profile} vs {client} {case}: {known[key]}")
        print(f"{profile} vs {client}: {agree}/{len(cases)} cases agree")
        total_agree += agree
        total += len(cases)
        if not cases:
            problems.append(f"{profile} vs {client}: no case ran for both (is the client installed?)")
    for key in sorted(set(known) - seen - agreed):
        problems.append(f"{' vs '.join(key[:2])} {key[2]}: listed, but no such pair and case ran")
    print(f"all pairs: {total_agree}/{total} cases agree, {total - total_agree} listed differences")
    for p in problems:
        print("FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
