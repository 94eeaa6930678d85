#!/usr/bin/env python3
"""The corpus check as meson's `corpus` test runs it: `sse-harness check` over the bundled corpus
writing all five reports into ARTIFACTS (text also on stdout, for the log), then each report checked
by a tool that is not the harness:
  json      against schemas/report.schema.json with python3-jsonschema (Draft 4);
  junit     against schemas/junit.xsd with xmllint (libxml2-utils), and its counts against the JSON;
  markdown  starts with the verdict line and counts what the JSON counts;
  html      self-contained (no network URL, no external asset), its embedded data the JSON's counts;
  text      ends with the summary line.
Exit status: the check's own (0 as expected, 1 failures), or 1 when a report is wrong, 2 when the
check could not run.

usage: corpus_reports.py SSE_HARNESS CORPUS SCHEMAS ARTIFACTS [CHECK OPTION...]
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def fail(msg):
    print(f"corpus_reports: {msg}", file=sys.stderr)
    return 1


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    binary, corpus, schemas, artifacts = sys.argv[1:5]
    extra = sys.argv[5:]
    os.makedirs(artifacts, exist_ok=True)
    files = {f: os.path.join(artifacts, f"check.{ext}") for f, ext in
             [("json", "json"), ("junit", "junit.xml"), ("markdown", "md"), ("html", "html"),
              ("text", "txt")]}
    args = [binary, "check", "--progress", "lines", *extra]
    for fmt, path in files.items():
        args += ["--report", f"{fmt}={path}"]
    args.append(corpus)
    print("+ " + " ".join(args), flush=True)
    check = subprocess.run(args)
    if check.returncode not in (0, 1):
        return fail(f"check exited {check.returncode}")

    problems = 0
    report = json.load(open(files["json"], encoding="utf-8"))
    try:
        import jsonschema
    except ImportError:
        return fail("python3-jsonschema is missing: bash .ci/install-deps installs it")
    schema = json.load(open(os.path.join(schemas, "report.schema.json"), encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(report), key=str)
    for e in errors[:5]:
        problems += fail(f"{files['json']}: at /{'/'.join(map(str, e.path))}: {e.message}")
    counts = report["counts"]
    failing = sum(counts[c] for c in report["fail_on"]) > 0
    if failing != (check.returncode == 1) or report["failing"] != failing:
        problems += fail(f"exit {check.returncode} but the report says failing={report['failing']}")

    xsd = os.path.join(schemas, "junit.xsd")
    lint = subprocess.run(["xmllint", "--noout", "--schema", xsd, files["junit"]],
                          capture_output=True, text=True)
    if lint.returncode != 0:
        problems += fail(f"{files['junit']} does not validate against {xsd}:\n{lint.stderr[-2000:]}")
    root = ET.parse(files["junit"]).getroot()
    cases = root.iter("testcase")
    n_cases = sum(1 for _ in cases)
    n_parts = sum(len(e["parts"]) for e in report["entries"])
    if n_cases != n_parts:
        problems += fail(f"junit has {n_cases} testcases, the report {n_parts} parts")

    md = open(files["markdown"], encoding="utf-8").read()
    if not md.startswith("#") or "sse-harness check" not in md.splitlines()[0]:
        problems += fail("markdown does not start with the verdict heading")
    if str(counts["deviation"]) not in md:
        problems += fail("markdown does not show the deviation count")

    html = open(files["html"], encoding="utf-8").read()
    external = re.findall(r'''(?:src|href)\s*=\s*["']?(?:https?:)?//''', html, re.I) + \
        re.findall(r"<link\b", html, re.I) + re.findall(r"@import", html)
    if external:
        problems += fail(f"html is not self-contained: {external[:3]}")
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    if not m:
        problems += fail("html embeds no report data")
    else:
        data = json.loads(m.group(1).replace("<\\/", "</"))
        if data["counts"] != counts:
            problems += fail("html's embedded counts differ from the json report's")

    text = open(files["text"], encoding="utf-8").read().rstrip("\n").splitlines()
    if not text or not re.match(r"\d+ cases x \d+ implementations: \d+ passed", text[-1]):
        problems += fail("text does not end with the summary line")

    sizes = ", ".join(f"{fmt} {os.path.getsize(p)} bytes" for fmt, p in files.items())
    print(f"corpus_reports: {n_parts} testcases; {sizes}; written to {artifacts}")
    return 1 if problems else check.returncode


if __name__ == "__main__":
    sys.exit(main())
