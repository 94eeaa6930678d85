#!/usr/bin/env python3
"""report-html-browser: the HTML report of real runs, opened in headless Chromium.

Usage: html_browser.py SSE_HARNESS CORPUS_DIR ARTIFACTS_DIR

1. `sse-harness check --report html=ARTIFACTS/report.html CORPUS_DIR`, then html_browser.mjs on it
   (screenshots ARTIFACTS/report-matrix.png and report-case.png), requiring a deviation whose
   highlighted first difference it can check.
2. No bundled case has timing, a CR or a BOM, so a fixture: one case copied into a temporary corpus,
   its stream rewritten to CRLF line ends behind a BOM (the crlf and bom variants: the same
   result), with a timing.json of uneven reads; checked into ARTIFACTS/report-timing.html and
   opened requiring the CR, LF and BOM markers and the timing chart.

`check` exits 0 or 1 depending on the verdicts; both are fine here, 2 (usage or I/O) is not. Exit 1
with one line per failure."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "html_browser.mjs")
FIXTURE_SOURCE = os.path.join("seeds", "000_c359a6ca5f32f75d")  # no blank lines: many findings


def run_check(binary, corpus, report, extra=()):
    started = time.monotonic()
    r = subprocess.run([binary, "check", "--report", "html=" + report, *extra, corpus],
                       capture_output=True, text=True, timeout=900)
    took = time.monotonic() - started
    if r.returncode not in (0, 1):
        sys.exit(f"check --report html over {corpus} exited {r.returncode}:\n{r.stderr[-2000:]}")
    if not os.path.isfile(report):
        sys.exit(f"check exited {r.returncode} but wrote no {report}:\n{r.stderr[-2000:]}")
    print(f"check over {corpus}: exit {r.returncode} in {took:.1f} s; "
          f"{report}: {os.path.getsize(report)} bytes")


def open_in_chromium(report, prefix, *flags):
    node = shutil.which("node")
    if not node:
        sys.exit("node not found: run `bash clients/install`")
    r = subprocess.run([node, SCRIPT, report, prefix, *flags], timeout=300)
    if r.returncode != 0:
        sys.exit(f"html_browser.mjs failed on {report} (exit {r.returncode})")


def make_fixture(corpus, into):
    """A corpus of one case: FIXTURE_SOURCE with a BOM, CRLF line ends and recorded timing."""
    src = os.path.join(corpus, FIXTURE_SOURCE)
    dst = os.path.join(into, "fixtures", "timed-crlf-bom")
    shutil.copytree(src, dst)
    with open(os.path.join(dst, "case.json"), encoding="utf-8") as f:
        case = json.load(f)
    if case["stream"]["capture"] != "raw":
        sys.exit(f"{src}: the fixture needs a raw capture")
    stream_path = os.path.join(dst, case["stream"]["file"])
    with open(stream_path, "rb") as f:
        raw = f.read()
    stream = b"\xef\xbb\xbf" + raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    with open(stream_path, "wb") as f:
        f.write(stream)
    # Reads as a network delivers them: uneven sizes (17 to ~400 bytes), a slow first byte, then
    # gaps of a few to tens of milliseconds; offsets and times non-decreasing, inside the stream.
    timing, offset, ms, k = [], 0, 180.0, 0
    while offset < len(stream):
        timing.append({"offset": offset, "ms": round(ms, 3)})
        offset += 17 + (k * 131) % 389
        ms += 2.5 + (k * 37) % 41
        k += 1
    with open(os.path.join(dst, "timing.json"), "w", encoding="utf-8") as f:
        json.dump(timing, f)
    case["stream"]["timing"] = "timing.json"
    case["title"] += " (CRLF, BOM and timing added by the report-html-browser test)"
    with open(os.path.join(dst, "case.json"), "w", encoding="utf-8") as f:
        json.dump(case, f, indent=2)
    return len(timing)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, corpus, artifacts = sys.argv[1:]
    os.makedirs(artifacts, exist_ok=True)

    report = os.path.join(artifacts, "report.html")
    run_check(binary, corpus, report)
    open_in_chromium(report, os.path.join(artifacts, "report"), "--require-deviation")

    with tempfile.TemporaryDirectory(prefix="sseh-html-") as tmp:
        reads = make_fixture(corpus, tmp)
        print(f"fixture: {FIXTURE_SOURCE} with a BOM, CRLF and {reads} recorded reads")
        timed = os.path.join(artifacts, "report-timing.html")
        # the corpus's own deviations file would name cases the fixture does not have
        empty = os.path.join(tmp, "deviations.json")
        with open(empty, "w", encoding="utf-8") as f:
            json.dump({"deviations_format": 1, "deviations": []}, f)
        run_check(binary, tmp, timed, ["--deviations", empty])
        open_in_chromium(timed, os.path.join(artifacts, "report-timing"),
                         "--require-cr-bom", "--require-timing")


if __name__ == "__main__":
    main()
