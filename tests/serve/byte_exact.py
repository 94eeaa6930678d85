#!/usr/bin/env python3
"""serve.byte-exact: `sse-harness serve` sends every case's stream byte for byte, under every
write split, as `curl -N` (the byte-exact client) receives it; and rejects what it must.

Usage: byte_exact.py SSE_HARNESS CORPUS_DIR. Starts the server on a free port, fetches GET / for
the case list, and for each case x write option compares curl's body with the case's stream bytes
(the .sse file, or the byte range of a markdown transcript that `replay` names). Prints one line
per failure and a summary; exit 1 on any failure."""
import json, os, re, subprocess, sys, time

binary, corpus = sys.argv[1], sys.argv[2]
OPTIONS = ["-", "whole", "drip", "bytes:7", "random:3"]

server = subprocess.Popen([binary, "serve", "--port", "0", corpus], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
failures = []
try:
    line = server.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        sys.exit("serve did not report its port: " + line + server.stderr.read())
    root = f"http://127.0.0.1:{m.group(1)}"

    def curl(*args):
        r = subprocess.run(["curl", "-sS", "-N", "--path-as-is", "-w", "\n%{http_code}", *args],
                           capture_output=True, timeout=60)
        body, _, code = r.stdout.rpartition(b"\n")
        return int(code or b"0"), body

    code, body = curl(root + "/")
    cases = json.loads(body)["cases"]
    # A browser gets the same list as a page, every case linked to its event stream.
    code, page = curl("-H", "Accept: text/html,application/xhtml+xml", root + "/")
    if code != 200 or not page.startswith(b"<!doctype html>") or \
            any(c["events_url"].encode() not in page for c in cases):
        failures.append(f"GET / as text/html: HTTP {code}, not a page linking every case")
    if len(cases) < 43:
        failures.append(f"GET / lists {len(cases)} cases, expected at least 43")

    for c in cases:
        case_dir = os.path.join(corpus, c["id"])
        meta = json.load(open(os.path.join(case_dir, "case.json")))
        raw = open(os.path.join(case_dir, meta["stream"]["file"]), "rb").read()
        if meta["stream"]["capture"] == "markdown":
            out = subprocess.run([binary, "replay", case_dir], capture_output=True, text=True).stdout
            a, b = map(int, re.search(r"bytes (\d+)\.\.(\d+) of", out).groups())
            raw = raw[a:b]
        for opt in OPTIONS:
            url = c["stream_url"].replace("/-/v1/", f"/{opt}/v1/")
            method = "GET" if url.endswith("/events") else "POST"
            code, body = curl("-X", method, "-H", "Content-Type: application/json",
                              "--data", "{}", url)
            if code != 200 or body != raw:
                first = next((i for i, (x, y) in enumerate(zip(body, raw)) if x != y),
                             min(len(body), len(raw)))
                failures.append(f"{c['id']} {opt}: HTTP {code}, {len(body)} bytes received, "
                                f"{len(raw)} expected, first difference at byte {first}")
        code, body = curl(c["events_url"])
        if code != 200 or body != raw:
            failures.append(f"{c['id']} GET events: HTTP {code}, not the stream's bytes")

    for target, want in [("/cases/../corpus/seeds/000_c359a6ca5f32f75d/-/v1/events", 400),
                         ("/cases/seeds/%2e%2e/x/-/v1/events", 400),
                         ("/cases/seeds/no-such-case/-/v1/events", 404),
                         ("/cases/seeds/000_c359a6ca5f32f75d/bytes:0/v1/events", 400),
                         ("/nothing-here", 404)]:
        code, _ = curl(root + target)
        if code != want:
            failures.append(f"GET {target}: HTTP {code}, expected {want}")
    code, _ = curl("-X", "GET", cases[0]["stream_url"])
    if code != 405:
        failures.append(f"GET on a POST endpoint: HTTP {code}, expected 405")
    big = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                          "-H", "Content-Type: application/json", "--data-binary", "@-",
                          cases[0]["stream_url"]], input=b"x" * (2 << 20), capture_output=True,
                         timeout=60)
    if big.stdout != b"413":
        failures.append(f"a 2 MiB request body: HTTP {big.stdout.decode()}, expected 413")
    if server.poll() is not None:
        failures.append("the server exited: " + server.stderr.read())
finally:
    server.kill()
    server.wait()

for f in failures:
    print("FAIL " + f)
n = len(cases) * (len(OPTIONS) + 1)
print(f"{n} streams compared byte for byte, {len(failures)} failures")
sys.exit(1 if failures else 0)
