#!/usr/bin/env python3
"""An sse-harness client adapter for an SSE library written in Python (standard library only).

    sse-harness clients run corpus/spec --exec 'python3 adapter.py {events_url}'

For one run it GETs the case's event stream from `sse-harness serve`, hands the body to the
library under test in the chunks the network delivers, and prints the events the library
dispatched as one JSON document (clients/CONTRACT.md, form (b)):

    {"sse_events": [{"type": "message", "data": "...", "id": "", "retry": 3000}, ...],
     "raised": null, "meta": {"impl": "minisse"}}

The harness compares that log event by event with the case's events.jsonl (type, data, id; retry
where the adapter reports it). To test your own library, change the two marked places below.
Whatever goes wrong, print the document with "raised" set and exit 0: a failure is an outcome,
not a crash.
"""

import json
import sys
import urllib.error
import urllib.request

import minisse  # (1) your library instead

IMPL = "minisse"
TIMEOUT_S = 20


def events_of(response):
    """(2) Feed the body to the library under test, yield what it dispatches."""
    parser = minisse.Parser()
    while True:
        chunk = response.read1(65536)
        if not chunk:
            break
        yield from parser.feed(chunk)
    yield from parser.close()


def entry(event):
    e = {"type": event.type, "data": event.data, "id": event.id}
    if event.retry is not None:
        e["retry"] = event.retry
    return e


def run(url):
    events, raised = [], None
    request = urllib.request.Request(url, headers={"Accept": "text/event-stream"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            for event in events_of(response):
                events.append(entry(event))
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8", "replace").splitlines()
        raised = "HTTP %d: %s" % (e.code, body[0] if body else "")
    except Exception as e:  # a cut connection, a timeout: what arrived stays reported
        raised = "%s: %s" % (type(e).__name__, e)
    return {"sse_events": events, "raised": raised, "meta": {"impl": IMPL}}


def main():
    if len(sys.argv) != 2:
        print("usage: adapter.py EVENTS_URL", file=sys.stderr)
        return 2
    json.dump(run(sys.argv[1]), sys.stdout)  # ASCII escapes: safe under any locale
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
