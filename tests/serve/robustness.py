#!/usr/bin/env python3
"""serve.robustness: `sse-harness serve` survives hostile and careless clients and keeps answering
correctly, without leaking file descriptors or memory.

Usage: robustness.py SSE_HARNESS CORPUS_DIR [--soak SECONDS]

Starts the server on a free port and runs groups of abuse against it: clients that disconnect
mid-stream (FIN and RST), slow readers with a small receive buffer, malformed requests, oversized
request bodies (413) and headers, unknown cases (404), path traversal in case names (400), 1,000
connections opened and dropped without a request, keep-alive and pipelining. After every group,
GET / must answer 200 and a stream must still be byte-exact. The server's fd count and RSS
(/proc/PID) are measured at start and end: fds must return to the baseline (+4) after a settle
wait; RSS growth is reported. With --soak SECONDS, a mixed workload repeats for that long, printing
fds and RSS every few seconds; fds must not grow and RSS must stay flat after warm-up.
Prints one line per failure and a summary "N checks, M failures"; exit 1 on any failure. Only
127.0.0.1 is contacted; every loop is bounded in count and time (default run < 60 s)."""
import argparse, ctypes, json, os, re, select, signal, socket, subprocess, sys, threading
import time

from http1 import HOST, IO_TIMEOUT, Reader, connect, expected_stream, fetch, get_request, rst_close

FD_SLACK = 4


class Checks:
    def __init__(self):
        self.n = 0
        self.failures = []

    def check(self, ok, what):
        self.n += 1
        if not ok:
            self.failures.append(what)
            print("FAIL " + what, flush=True)
        return ok


checks = Checks()
check = checks.check


# ---- the server ----

class Server:
    def __init__(self, binary, corpus, extra_args=(), nofile=None):
        def preexec():
            try:  # the server dies with us
                ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
            except OSError:
                pass
            if nofile:
                import resource
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        self.stderr_path = f"/tmp/robustness-serve-{os.getpid()}-{id(self)}.err"
        self.stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen([binary, "serve", "--port", "0", *extra_args, corpus],
                                     stdout=subprocess.PIPE, stderr=self.stderr,
                                     preexec_fn=preexec)
        ready, _, _ = select.select([self.proc.stdout], [], [], 30)
        line = self.proc.stdout.readline().decode(errors="replace") if ready else ""
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.stop()
            sys.exit("serve did not report its port: " + line + self.err_text())
        self.port = int(m.group(1))
        self.pid = self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def err_text(self):
        try:
            return open(self.stderr_path, "rb").read().decode(errors="replace")[-2000:]
        except OSError:
            return ""

    def fds(self):
        try:
            return len(os.listdir(f"/proc/{self.pid}/fd"))
        except OSError:
            return -1

    def status_kb(self, key):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith(key + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return -1

    def cpu_ticks(self):
        try:
            fields = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime + stime
        except OSError:
            return -1

    def settle_fds(self, limit, wait=5.0):
        """The fd count once it drops to `limit` or `wait` seconds pass."""
        end = time.monotonic() + wait
        n = self.fds()
        while n > limit and time.monotonic() < end:
            time.sleep(0.1)
            n = self.fds()
        return n

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.stderr.close()
        try:
            os.unlink(self.stderr_path)
        except OSError:
            pass


# ---- a raw HTTP/1.1 client: http1.py ----

def raw_exchange(port, payload, timeout=5.0, shut_wr=False):
    """Sends `payload`, reads until the server closes or `timeout`. Returns (bytes received, how it
    ended: "closed", "reset", "timeout")."""
    with connect(port) as s:
        try:
            s.sendall(payload)
            if shut_wr:
                s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = bytearray()
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return bytes(data), "timeout"
            s.settimeout(left)
            try:
                d = s.recv(65536)
            except ConnectionResetError:
                return bytes(data), "reset"
            except socket.timeout:
                return bytes(data), "timeout"
            if not d:
                return bytes(data), "closed"
            data += d


def status_of(raw):
    m = re.match(rb"HTTP/1\.[01] (\d{3}) ", raw)
    return int(m.group(1)) if m else None


class Corpus:
    def __init__(self, binary, corpus, port):
        status, _, body = fetch(port, "/")
        if status != 200:
            sys.exit(f"GET / answered {status}")
        self.cases = json.loads(body)["cases"]
        self.expected = {c["id"]: expected_stream(binary, corpus, c["id"]) for c in self.cases}
        by_size = sorted(self.cases, key=lambda c: len(self.expected[c["id"]]))
        self.small, self.large = by_size[0], by_size[-1]
        self.medium = by_size[len(by_size) // 2]
        self.chat = next(c for c in by_size if c["dialect"] == "openai-chat")
        self.port = port

    def events_path(self, case, option="-"):
        return f"/cases/{case['id']}/{option}/v1/events"

    def stream_path(self, case, option="-"):
        url = case["stream_url"].replace("/-/v1/", f"/{option}/v1/")
        return url.split(f":{self.port}", 1)[1]


# ---- after every group ----

health_round = [0]


def health(srv, corpus, group):
    """The server is up, GET / answers 200 and one stream is byte-exact."""
    if not check(srv.alive(), f"{group}: the server exited ({srv.proc.returncode}): "
                              + srv.err_text()):
        return False
    try:
        status, _, body = fetch(srv.port, "/")
        ok = check(status == 200 and b'"cases"' in body, f"{group}: GET / answered {status}")
        options = ["-", "random:5", "bytes:64", "drip"]
        case = corpus.cases[health_round[0] % len(corpus.cases)]
        opt = options[health_round[0] % len(options)]
        health_round[0] += 1
        status, _, body = fetch(srv.port, corpus.events_path(case, opt))
        want = corpus.expected[case["id"]]
        return check(status == 200 and body == want,
                     f"{group}: afterwards {case['id']} {opt}: HTTP {status}, {len(body)} bytes, "
                     f"{len(want)} expected") and ok
    except (OSError, ValueError, EOFError) as e:
        return check(False, f"{group}: afterwards the server does not answer: "
                            f"{type(e).__name__}: {e}")


# ---- the groups ----

def group_disconnects(srv, corpus, rounds=200):
    """Clients that read a few bytes of a drip stream, then close (FIN or RST), many times; also
    some that close right after the request, and batches of simultaneous ones."""
    errors = 0
    path = corpus.events_path(corpus.large, "drip")
    for i in range(rounds):
        try:
            s = connect(srv.port)
            s.sendall(get_request(path, srv.port, close=False))
            if i % 5 != 4:
                got = 0
                while got < 10 + i % 300:
                    d = s.recv(64)
                    if not d:
                        break
                    got += len(d)
            rst_close(s) if i % 2 else s.close()
        except OSError as e:
            errors += 1
            if errors <= 3:
                check(False, f"disconnects: round {i}: {type(e).__name__}: {e}")
    # 5 batches of 40 streams at once, all dropped mid-stream together
    for b in range(5):
        socks = []
        try:
            for _ in range(40):
                s = connect(srv.port)
                s.sendall(get_request(corpus.events_path(corpus.cases[b * 7 % len(corpus.cases)],
                                                         "drip"), srv.port))
                socks.append(s)
            for s in socks:
                s.recv(16)
        except OSError as e:
            check(False, f"disconnects: batch {b}: {type(e).__name__}: {e}")
        for j, s in enumerate(socks):
            rst_close(s) if j % 2 else s.close()
    check(errors == 0, f"disconnects: {errors} of {rounds} rounds hit socket errors")


def slow_reader(srv, corpus, case, option, rcvbuf, chunk, delay, pause, results, idx):
    try:
        s = connect(srv.port, rcvbuf=rcvbuf, timeout=IO_TIMEOUT)
        with s:
            s.sendall(get_request(corpus.events_path(case, option), srv.port))
            if pause:
                time.sleep(pause)  # the server meets a full window and must wait
            r = Reader(s, chunk=chunk, delay=delay)
            status, _, body = r.response()
            results[idx] = (status, body, r.at_eof())
    except (OSError, ValueError, EOFError) as e:
        results[idx] = (None, f"{type(e).__name__}: {e}", False)


def group_slow_readers(srv, corpus):
    """Readers with a 4 KiB receive buffer reading a little at a time, in parallel."""
    plans = [  # case, option, rcvbuf, bytes per read, seconds between reads, pause first
        (corpus.large, "-", 4096, 512, 0.002, 0.0),
        (corpus.large, "whole", 2048, 256, 0.001, 1.0),
        (corpus.medium, "drip", 4096, 100, 0.001, 0.5),
        (corpus.medium, "bytes:7", 4096, 1024, 0.002, 0.0),
        (corpus.small, "random:9", 1024, 1, 0.0005, 0.2),
        (corpus.large, "random:4", 4096, 2048, 0.003, 0.3),
    ]
    results = [None] * len(plans)
    threads = [threading.Thread(target=slow_reader, args=(srv, corpus, *p, results, i))
               for i, p in enumerate(plans)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(45)
    for p, r in zip(plans, results):
        want = corpus.expected[p[0]["id"]]
        label = f"slow reader ({p[0]['id']} {p[1]}, SO_RCVBUF {p[2]}, {p[3]} B/read)"
        if r is None:
            check(False, f"{label}: did not finish")
            continue
        status, body, eof = r
        check(status == 200 and body == want,
              f"{label}: HTTP {status}, "
              + (f"{len(body)} bytes, {len(want)} expected" if isinstance(body, bytes) else body))
        check(eof, f"{label}: the connection stayed open after Connection: close")


MALFORMED = [
    ("garbage request line", b"GARBAGE\r\n\r\n"),
    ("binary request line", b"\x00\x01\x02\xfe\xff\x80 / HTTP/1.1\r\n\r\n"),
    ("method only", b"GET\r\n\r\n"),
    ("no version", b"GET /\r\n\r\n"),
    ("HTTP/9.9", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n"),
    ("not HTTP", b"GET / FOO/1.1\r\nHost: x\r\n\r\n"),
    ("space in method", b"G T / HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("header without colon", b"GET / HTTP/1.1\r\nHost x\r\n\r\n"),
    ("space before colon", b"GET / HTTP/1.1\r\nHost : x\r\n\r\n"),
    ("control byte in header", b"GET / HTTP/1.1\r\nHost: x\x01y\r\n\r\n"),
    ("non-numeric Content-Length", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
    ("negative Content-Length", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
    ("two Content-Lengths", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                            b"Content-Length: 6\r\n\r\nhello!"),
    ("Content-Length and chunked", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                                   b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
    ("bad chunk size", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                       b"ZZZ\r\nhello\r\n0\r\n\r\n"),
    ("huge chunk size", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"ffffffffffffffffffff\r\nx\r\n"),
    ("NUL in target", b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n"),
]

TRUNCATED = [  # the client gives up half way and half-closes: no answer needed, no crash
    ("truncated request line", b"GET /cases/"),
    ("truncated headers", b"GET / HTTP/1.1\r\nHost: x\r\n"),
    ("truncated body", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"),
    ("truncated chunk", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nab"),
]


def group_malformed(srv, corpus):
    for name, payload in MALFORMED:
        data, how = raw_exchange(srv.port, payload)
        st = status_of(data)
        allowed = (400, 413) if name == "huge chunk size" else (400,)  # 413: over the body limit
        check((st in allowed and how in ("closed", "reset")) or (not data and how != "timeout"),
              f"malformed ({name}): expected {'/'.join(map(str, allowed))} and close, or a close; got "
              f"{st if data else 'nothing'}, connection {how}: {data[:80]!r}")
    for name, payload in TRUNCATED:
        data, how = raw_exchange(srv.port, payload, shut_wr=True)
        st = status_of(data)
        check(how != "timeout" and (not data or st == 400),
              f"malformed ({name}, then half-close): expected a close or 400; got "
              f"{st if data else 'nothing'}, connection {how}")
    # garbage after a good request on a kept-alive connection: the good one is answered
    payload = get_request(corpus.events_path(corpus.small), srv.port, close=False) + b"\x16\x03\x01"
    data, how = raw_exchange(srv.port, payload + b"\r\n\r\n")
    check(data.startswith(b"HTTP/1.1 200") and b"HTTP/1.1 400" in data and how != "timeout",
          f"a good request then garbage on one connection: expected 200 then 400, got "
          f"{status_of(data)}..., connection {how}")
    # a TLS ClientHello on the plain port
    hello = bytes.fromhex("16030100a5010000a10303") + os.urandom(32) + b"\x00" * 100
    data, how = raw_exchange(srv.port, hello)
    check((status_of(data) == 400 or not data) and how != "timeout",
          f"a TLS ClientHello: got {status_of(data)}, connection {how}")


def send_body_and_read(port, head, body_iter, timeout=15):
    """Sends `head` and then the body from a thread while reading the answer."""
    s = connect(port, timeout=timeout)
    sent = [0]

    def sender():
        try:
            s.sendall(head)
            for part in body_iter:
                s.sendall(part)
                sent[0] += len(part)
        except OSError:
            pass
    t = threading.Thread(target=sender, daemon=True)
    t.start()
    data = bytearray()
    how = "closed"
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            try:
                d = s.recv(65536)
            except socket.timeout:
                how = "timeout"
                break
            if not d:
                break
            data += d
            if b"\r\n\r\n" in data and status_of(bytes(data)) is not None:
                m = re.search(rb"content-length: *(\d+)", bytes(data).lower())
                head_end = data.find(b"\r\n\r\n") + 4
                if m and len(data) >= head_end + int(m.group(1)):
                    break
    except ConnectionResetError:
        how = "reset"
    s.close()
    t.join(5)
    return bytes(data), how, sent[0]


def group_oversized_body(srv, corpus):
    path = corpus.stream_path(corpus.chat)
    port = srv.port
    mib = 1 << 20

    def head(n=None, chunked=False):
        return (f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
                "Connection: close\r\n"
                + ("Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {n}\r\n")
                + "\r\n").encode()
    # declared over the limit, no body sent: answered at once from the header
    data, how = raw_exchange(port, head(2 * mib))
    check(status_of(data) == 413, f"Content-Length 2 MiB (no body sent): HTTP {status_of(data)}, "
                                  f"connection {how}, expected 413")
    # declared and sent: 2 MiB in 64 KiB writes
    data, how, _ = send_body_and_read(port, head(2 * mib), (b"x" * 65536 for _ in range(32)))
    check(status_of(data) == 413, f"2 MiB body with Content-Length: HTTP {status_of(data)}, "
                                  f"connection {how}, expected 413")
    # chunked, no length given: the limit is found while reading
    chunks = (b"10000\r\n" + b"y" * 65536 + b"\r\n" for _ in range(24))
    data, how, sent = send_body_and_read(port, head(chunked=True), chunks)
    check(status_of(data) == 413, f"1.5 MiB chunked body: HTTP {status_of(data)}, connection "
                                  f"{how} after {sent} body bytes sent, expected 413")
    # the limit itself: 1 MiB exactly is accepted, one byte more is not
    data, how, _ = send_body_and_read(port, head(mib), iter([b" " * mib]))
    check(status_of(data) == 200 and data.endswith(b"0\r\n\r\n"),
          f"a body of exactly 1 MiB: HTTP {status_of(data)}, connection {how}, expected 200")
    data, how = raw_exchange(port, head(mib + 1))
    check(status_of(data) == 413, f"Content-Length 1 MiB + 1: HTTP {status_of(data)}, expected 413")
    data, how = raw_exchange(port, head(1 << 62))
    check(status_of(data) == 413, f"Content-Length 2^62: HTTP {status_of(data)}, expected 413")


def group_oversized_header(srv, corpus):
    path = corpus.events_path(corpus.small)
    cases = [
        ("one 64 KiB header", f"GET {path} HTTP/1.1\r\nHost: x\r\nX-Big: {'a' * 65536}\r\n\r\n"),
        ("2,000 headers", f"GET {path} HTTP/1.1\r\nHost: x\r\n"
                          + "".join(f"X-H{i}: {i}\r\n" for i in range(2000)) + "\r\n"),
        ("a 64 KiB target", f"GET {path}?{'q' * 65536} HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("a 1 MiB header, never ended", f"GET {path} HTTP/1.1\r\nX-Endless: {'b' * (1 << 20)}"),
    ]
    for name, req in cases:
        data, how = raw_exchange(srv.port, req.encode(), timeout=10)
        st = status_of(data)
        check((st in (400, 431) or not data) and how != "timeout",
              f"oversized header ({name}): expected 400/431 or a close; got "
              f"{st if data else 'nothing'}, connection {how}")
    # a header well under the limit still works
    status, _, body = fetch(srv.port, path, headers=f"X-Fine: {'c' * 2000}\r\n")
    check(status == 200 and body == corpus.expected[corpus.small["id"]],
          f"a 2 KB header: HTTP {status}, expected 200 and the stream")


def group_not_found(srv, corpus):
    for method, path, want in [
        ("GET", "/cases/seeds/no-such-case/-/v1/events", 404),
        ("GET", "/cases/no/such/deep/case/-/v1/events", 404),
        ("POST", "/cases/seeds/no-such-case/-/v1/chat/completions", 404),
        ("GET", "/nothing-here", 404),
        ("GET", "/cases/", 404),
        ("GET", "/cases/" + corpus.small["id"] + "/-/v2/events", 404),
        ("GET", corpus.stream_path(corpus.chat), 405),
        ("DELETE", corpus.events_path(corpus.small), 405),
        ("POST", "/", 405),
    ]:
        try:
            status, headers, body = fetch(srv.port, path, method=method,
                                          body=b"{}" if method == "POST" else b"")
            ok = status == want and headers.get("content-type") == "application/json"
            try:
                json.loads(body)["error"]["message"]
            except (ValueError, KeyError, TypeError):
                ok = False
            check(ok, f"{method} {path}: HTTP {status} {headers.get('content-type')}, expected "
                      f"{want} with a JSON error")
        except (OSError, ValueError, EOFError) as e:
            check(False, f"{method} {path}: {type(e).__name__}: {e}")
    # a 404 keeps the connection: the next request on it is answered
    try:
        with connect(srv.port) as s:
            s.sendall(get_request("/cases/seeds/no-such-case/-/v1/events", srv.port, close=False))
            r = Reader(s)
            st1, _, _ = r.response()
            s.sendall(get_request(corpus.events_path(corpus.small), srv.port))
            st2, _, body = r.response()
            check(st1 == 404 and st2 == 200 and body == corpus.expected[corpus.small["id"]],
                  f"404 then a stream on one connection: HTTP {st1} then {st2}")
    except (OSError, ValueError, EOFError) as e:
        check(False, f"404 then a stream on one connection: {type(e).__name__}: {e}")


def group_traversal(srv, corpus):
    sid = corpus.small["id"]
    top, rest = sid.split("/", 1)
    targets = [
        "/cases/../x/-/v1/events",
        "/cases/../../../../etc/passwd/-/v1/events",
        f"/cases/{top}/../{sid}/-/v1/events",
        f"/cases/{top}/./{rest}/-/v1/events",
        f"/cases/{top}//{rest}/-/v1/events",
        "/cases/seeds/%2e%2e/x/-/v1/events",
        "/cases/%2e%2e/%2e%2e/etc/-/v1/events",
        f"/cases/{top}%2f{rest}/-/v1/events",
        f"/cases/{top}/%2E%2E/{rest}/-/v1/events",
        f"/cases/{top}\\..\\{rest}/-/v1/events",
        "/cases/../corpus/seeds/x/-/v1/chat/completions",
        f"/cases/{sid}/../-/v1/events",
        "/cases/-/v1/events",
        f"/cases/{sid}/bytes:0/v1/events",
        f"/cases/{sid}/no-such-option/v1/events",
    ]
    for t in targets:
        method = "POST" if "chat/completions" in t else "GET"
        data, how = raw_exchange(srv.port, (f"{method} {t} HTTP/1.1\r\nHost: x\r\n"
                                            f"Content-Length: 0\r\nConnection: close\r\n\r\n")
                                 .encode())
        check(status_of(data) == 400, f"{method} {t}: HTTP {status_of(data)}, expected 400")


def group_idle_drops(srv, corpus, count=1000):
    """1,000 connections opened and dropped without a request: in batches held open together,
    dropped by FIN, by RST, and some after sending half a request line."""
    held_max = 0
    errors = 0
    batch = 250
    for b in range(count // batch):
        socks = []
        for i in range(batch):
            try:
                socks.append(connect(srv.port))
            except OSError:
                errors += 1
        held_max = max(held_max, len(socks))
        time.sleep(0.05)
        for i, s in enumerate(socks):
            try:
                if i % 4 == 3:
                    s.sendall(b"GET / HT")
                rst_close(s) if i % 2 else s.close()
            except OSError:
                errors += 1
    check(errors == 0, f"idle connections: {errors} socket errors over {count}")
    return held_max


def group_keep_alive(srv, corpus):
    port = srv.port
    a, b = corpus.medium, corpus.large
    try:
        with connect(port) as s:
            r = Reader(s)
            s.sendall(get_request(corpus.events_path(a, "random:2"), port, close=False))
            st1, h1, body1 = r.response()
            s.sendall(get_request(corpus.events_path(b), port, close=False))
            st2, h2, body2 = r.response()
            s.sendall(get_request("/", port, close=True))
            st3, _, _ = r.response()
            check(st1 == 200 and body1 == corpus.expected[a["id"]],
                  f"keep-alive: first stream HTTP {st1}, not byte-exact")
            check(st2 == 200 and body2 == corpus.expected[b["id"]],
                  f"keep-alive: second stream on the same connection HTTP {st2}, not byte-exact")
            check(st3 == 200 and r.at_eof(), "keep-alive: third request (Connection: close) was "
                                             f"HTTP {st3} or the connection stayed open")
    except (OSError, ValueError, EOFError) as e:
        check(False, f"keep-alive: {type(e).__name__}: {e}")
    # pipelined: two requests in one write, answered in order
    try:
        with connect(port) as s:
            s.sendall(get_request(corpus.events_path(b, "bytes:100"), port, close=False)
                      + get_request(corpus.events_path(a), port, close=True))
            r = Reader(s)
            st1, _, body1 = r.response()
            st2, _, body2 = r.response()
            check(st1 == 200 and body1 == corpus.expected[b["id"]] and st2 == 200
                  and body2 == corpus.expected[a["id"]] and r.at_eof(),
                  f"pipelining: HTTP {st1}/{st2}, not both byte-exact in order")
    except (OSError, ValueError, EOFError) as e:
        check(False, f"pipelining: {type(e).__name__}: {e}")
    # a request, then the client half-closes (as `nc -N` does): the whole stream still comes
    try:
        with connect(port) as s:
            s.sendall(get_request(corpus.events_path(b, "random:6"), port, close=False))
            s.shutdown(socket.SHUT_WR)
            r = Reader(s)
            st, _, body = r.response()
            check(st == 200 and body == corpus.expected[b["id"]] and r.at_eof(),
                  f"request then half-close: HTTP {st}, not the whole stream then a close")
    except (OSError, ValueError, EOFError) as e:
        check(False, f"request then half-close: {type(e).__name__}: {e}")
    # a stream on a kept-alive connection that the client then leaves idle and closes
    try:
        with connect(port) as s:
            s.sendall(get_request(corpus.events_path(a), port, close=False))
            st, _, body = Reader(s).response()
            check(st == 200 and body == corpus.expected[a["id"]],
                  f"keep-alive then client close: HTTP {st}")
    except (OSError, ValueError, EOFError) as e:
        check(False, f"keep-alive then client close: {type(e).__name__}: {e}")


def group_fd_exhaustion(binary, corpus_dir, corpus):
    """A server started with RLIMIT_NOFILE 64 meets 100 held connections, then they go away: it
    must keep running and answer again, without spinning on accept errors meanwhile."""
    srv = Server(binary, corpus_dir, nofile=64)
    socks = []
    try:
        for _ in range(100):
            try:
                socks.append(connect(srv.port, timeout=2))
            except OSError:
                break
        time.sleep(0.3)
        t0, c0 = time.monotonic(), srv.cpu_ticks()
        time.sleep(1.0)
        busy = (srv.cpu_ticks() - c0) / os.sysconf("SC_CLK_TCK") / (time.monotonic() - t0)
        check(srv.alive(), "fd exhaustion: the server (ulimit -n 64) exited with 100 connections "
                           "held: " + srv.err_text())
        print(f"note: fd exhaustion: with 100 connections held against ulimit -n 64 the server "
              f"has {srv.fds()} fds and uses {busy * 100:.0f}% CPU while idle", flush=True)
        # An idle server uses no CPU; ~all of a core means accept() fails with EMFILE and is
        # retried at once, forever (an accept loop with no back-off).
        check(busy < 0.1, f"fd exhaustion: the server spins at {busy * 100:.0f}% CPU while its fd "
                          f"limit is reached (accept fails with EMFILE and is retried at once)")
    finally:
        for s in socks:
            s.close()
    try:
        time.sleep(0.3)
        status, _, body = fetch(srv.port, corpus.events_path(corpus.small))
        check(status == 200 and body == corpus.expected[corpus.small["id"]],
              f"fd exhaustion: after the connections close, HTTP {status}")
    except (OSError, ValueError, EOFError) as e:
        check(False, f"fd exhaustion: after the connections close the server does not answer: "
                     f"{type(e).__name__}: {e}")
    finally:
        srv.stop()


def group_notes(srv, corpus):
    """Behaviour worth knowing that this test does not fail on: printed as "note:" lines."""
    # An HTTP/1.0 request cannot be answered with Transfer-Encoding: chunked (RFC 9112 6.1).
    data, how = raw_exchange(srv.port, f"GET {corpus.events_path(corpus.small)} HTTP/1.0\r\n\r\n"
                             .encode())
    head = data.partition(b"\r\n\r\n")[0].lower()
    if b"transfer-encoding: chunked" in head:
        print("note: an HTTP/1.0 request gets a chunked response (RFC 9112 6.1: a server MUST NOT "
              "send Transfer-Encoding to an HTTP/1.0 client); the body is not the stream's bytes "
              "to such a client", flush=True)
    # Idle connections: the server closes them after its request timeout.
    socks = [connect(srv.port) for _ in range(20)]
    time.sleep(3)
    open_after = 0
    for s in socks:
        s.setblocking(False)
        try:
            if s.recv(1) != b"":
                open_after += 1
        except BlockingIOError:
            open_after += 1
        except OSError:
            pass
        s.close()
    check(open_after == 0,
          f"{open_after} of 20 connections that never sent a request are still open after 3 s "
          f"(the server runs with --request-timeout 2)")


def concurrent_streams(srv, corpus, n=50):
    """n byte-exact streams at once (threads); returns the failures."""
    results = [None] * n
    options = ["-", "random:1", "bytes:512", "whole", "random:7"]

    def one(i):
        case = corpus.cases[i % len(corpus.cases)]
        try:
            st, _, body = fetch(srv.port, corpus.events_path(case, options[i % len(options)]))
            results[i] = st == 200 and body == corpus.expected[case["id"]]
        except (OSError, ValueError, EOFError):
            results[i] = False
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sum(1 for r in results if not r)


def soak(srv, corpus, seconds):
    print(f"soak: {seconds:.0f} s of mixed workload; fds and RSS every 5 s", flush=True)
    start = time.monotonic()
    end = start + seconds
    samples = []
    next_report = start
    it = 0
    stream_failures = 0
    while time.monotonic() < end:
        group_disconnects(srv, corpus, rounds=20) if it % 2 == 0 else None
        group_malformed(srv, corpus) if it % 3 == 0 else None
        group_not_found(srv, corpus) if it % 3 == 1 else None
        group_traversal(srv, corpus) if it % 3 == 2 else None
        group_oversized_body(srv, corpus) if it % 5 == 0 else None
        group_oversized_header(srv, corpus) if it % 5 == 2 else None
        group_keep_alive(srv, corpus)
        group_idle_drops(srv, corpus, count=250)
        group_slow_readers(srv, corpus) if it % 10 == 5 else None
        stream_failures += concurrent_streams(srv, corpus, 40)
        it += 1
        now = time.monotonic()
        if now >= next_report or now >= end:
            time.sleep(0.2)
            fds, rss = srv.fds(), srv.status_kb("VmRSS")
            samples.append((now - start, fds, rss))
            print(f"soak: t={now - start:5.1f} s, {it} rounds, fds {fds}, RSS {rss} KiB, "
                  f"VmHWM {srv.status_kb('VmHWM')} KiB", flush=True)
            next_report = now + 5
        if not srv.alive():
            break
    check(stream_failures == 0, f"soak: {stream_failures} concurrent streams not byte-exact")
    return samples


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--soak", type=float, default=0, metavar="SECONDS")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    t_start = time.monotonic()
    srv = Server(args.binary, args.corpus, extra_args=("--request-timeout", "2"))
    try:
        corpus = Corpus(args.binary, args.corpus, srv.port)
        check(len(corpus.cases) >= 1, "GET / lists no cases")
        health(srv, corpus, "start")
        time.sleep(0.2)
        base_fds, base_rss = srv.fds(), srv.status_kb("VmRSS")
        print(f"server pid {srv.pid}, port {srv.port}, {len(corpus.cases)} cases: {base_fds} fds, "
              f"RSS {base_rss} KiB at start", flush=True)
        groups = [
            ("disconnects mid-stream", lambda: group_disconnects(srv, corpus)),
            ("slow readers", lambda: group_slow_readers(srv, corpus)),
            ("malformed requests", lambda: group_malformed(srv, corpus)),
            ("oversized body", lambda: group_oversized_body(srv, corpus)),
            ("oversized header", lambda: group_oversized_header(srv, corpus)),
            ("unknown case / route", lambda: group_not_found(srv, corpus)),
            ("path traversal", lambda: group_traversal(srv, corpus)),
            ("1,000 idle connections dropped", lambda: group_idle_drops(srv, corpus)),
            ("keep-alive", lambda: group_keep_alive(srv, corpus)),
            ("50 concurrent streams", lambda: check(concurrent_streams(srv, corpus) == 0,
                                                    "50 concurrent streams: not all byte-exact")),
        ]
        for name, run in groups:
            t0 = time.monotonic()
            failures_before = len(checks.failures)
            try:
                run()
            except Exception as e:  # noqa: BLE001 (a crash of the test is a failure too)
                check(False, f"{name}: the test raised {type(e).__name__}: {e}")
            health(srv, corpus, name)
            print(f"{name}: {time.monotonic() - t0:.1f} s, fds {srv.fds()}"
                  + ("" if len(checks.failures) == failures_before else ", FAILED"), flush=True)
            if not srv.alive():
                break
        if srv.alive():
            group_notes(srv, corpus)
            group_fd_exhaustion(args.binary, args.corpus, corpus)
        if args.soak > 0 and srv.alive():
            soak_samples = soak(srv, corpus, args.soak)
            health(srv, corpus, "soak")
        else:
            soak_samples = []

        if srv.alive():
            end_fds = srv.settle_fds(base_fds + FD_SLACK)
            end_rss, hwm = srv.status_kb("VmRSS"), srv.status_kb("VmHWM")
            check(end_fds <= base_fds + FD_SLACK,
                  f"fd leak: {end_fds} fds at the end, {base_fds} at start (slack {FD_SLACK})")
            print(f"server: fds {base_fds} at start, {end_fds} at the end; RSS {base_rss} KiB at "
                  f"start, {end_rss} KiB at the end ({end_rss - base_rss:+d} KiB), VmHWM {hwm} KiB",
                  flush=True)
            if len(soak_samples) >= 3:
                # flat memory: after the first sample (warm-up), RSS may not keep growing
                warm = soak_samples[0][2]
                last = soak_samples[-1][2]
                check(last <= warm * 1.10 + 2048,
                      f"soak: RSS grew from {warm} KiB (after warm-up) to {last} KiB")
                check(max(s[1] for s in soak_samples[1:]) <= max(base_fds + 64, soak_samples[0][1]),
                      f"soak: fds grew: {[s[1] for s in soak_samples]}")
        else:
            check(False, f"the server exited ({srv.proc.returncode}): " + srv.err_text())
    finally:
        srv.stop()
    print(f"{checks.n} checks, {len(checks.failures)} failures "
          f"({time.monotonic() - t_start:.1f} s)")
    sys.exit(1 if checks.failures else 0)


if __name__ == "__main__":
    main()
