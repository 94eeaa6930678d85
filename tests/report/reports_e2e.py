#!/usr/bin/env python3
"""The JUnit and Markdown reports of a real `check` over the bundled corpus.

Usage: reports_e2e.py [--must-pass] SSE_HARNESS CORPUS ARTIFACTS_DIR JUNIT_XSD

Runs `sse-harness check --report junit=ARTIFACTS_DIR/check.junit.xml --report
markdown=ARTIFACTS_DIR/check.md CORPUS`; exit 0 or 1 from check is a result, 2 (or anything else)
a failure. With --must-pass (meson's `corpus` test: the corpus check and its reports in one run),
exit 1 from check fails too, after the reports are checked, with check's summary shown. The JUnit file must be valid against JUNIT_XSD (xmllint, from libxml2-utils) and its
testsuites counts must be the testcases xmllint counts; the Markdown file must start with the
verdict line and stay under 512 KiB. The files stay in ARTIFACTS_DIR for CI to publish.
"""
import os
import shutil
import subprocess
import sys


def fail(message):
    print("reports_e2e: " + message, file=sys.stderr)
    sys.exit(1)


def xpath(xmllint, expr, path):
    r = subprocess.run([xmllint, "--xpath", expr, path], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"xmllint --xpath {expr!r} failed: {r.stderr.strip()}")
    return r.stdout.strip()


def main():
    args = sys.argv[1:]
    must_pass = args[:1] == ["--must-pass"]
    if must_pass:
        args = args[1:]
    if len(args) != 4:
        fail(__doc__.strip().splitlines()[2])
    binary, corpus, artifacts, xsd = args
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        fail("xmllint not found: install libxml2-utils (apt-get install libxml2-utils, or "
             "bash .ci/install-deps)")
    os.makedirs(artifacts, exist_ok=True)
    junit = os.path.join(artifacts, "check.junit.xml")
    markdown = os.path.join(artifacts, "check.md")
    for path in (junit, markdown):
        if os.path.exists(path):
            os.remove(path)

    r = subprocess.run([binary, "check", "--progress", "none", "--report", "text",
                        "--report", "junit=" + junit, "--report", "markdown=" + markdown, corpus],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        fail(f"check exited {r.returncode} (0 or 1 expected):\n{r.stderr}")
    for path in (junit, markdown):
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            fail(f"check exited {r.returncode} but wrote no {path}")

    v = subprocess.run([xmllint, "--noout", "--schema", xsd, junit],
                       capture_output=True, text=True)
    if v.returncode != 0:
        fail(f"{junit} is not valid against {xsd}:\n{v.stderr}")
    for attr, expr in (("tests", "count(//testcase)"),
                       ("failures", "count(//testcase/failure)"),
                       ("errors", "count(//testcase/error)")):
        declared = xpath(xmllint, f"string(/testsuites/@{attr})", junit)
        counted = xpath(xmllint, expr, junit)
        if declared != counted:
            fail(f"testsuites {attr}={declared} but {counted} testcases of that kind")
    if xpath(xmllint, "count(//testcase)", junit) == "0":
        fail("the JUnit report of the whole corpus has no testcase")

    with open(markdown, encoding="utf-8") as f:
        text = f.read()
    verdict = "❌ failing" if r.returncode == 1 else "✅ passed"
    if not text.startswith("## sse-harness check: " + verdict):
        fail(f"{markdown} does not start with the verdict line for exit {r.returncode}: "
             f"{text.splitlines()[0] if text else ''!r}")
    if len(text.encode("utf-8")) > 512 * 1024:
        fail(f"{markdown} is over 512 KiB")

    if must_pass and r.returncode != 0:
        # The text report's not-ok rows and summary: what a reader of the CI log needs.
        sys.stdout.write("\n".join(l for l in r.stdout.splitlines()
                                    if not l.startswith("ok ")) + "\n")
        fail(f"check exited {r.returncode}: the corpus does not pass (reports in {artifacts})")
    print(f"check exit {r.returncode}; {junit}: {os.path.getsize(junit)} bytes, "
          f"{xpath(xmllint, 'count(//testcase)', junit)} testcases, valid; "
          f"{markdown}: {os.path.getsize(markdown)} bytes")


main()
