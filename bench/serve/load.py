#!/usr/bin/env python3
"""bench/serve/load.py: the driver behind bench/serve/load.sh (run that; it installs h2load and
raises the fd limit first).

Usage: load.py SSE_HARNESS CORPUS [--connections N] [--h2load-requests N] [--rounds R]
       [--skip-h2load]

Starts `sse-harness serve --port 0 CORPUS`, samples the server's fd count and RSS from /proc while
it runs, then
  1. h2load --h1: N connections, GET …/v1/events of every case round robin, --h2load-requests in
     all; its throughput, time to first byte and request-time percentiles (from --log-file);
  2. a verifying asyncio client: N connections opened and held at once, then on each, R requests
     kept alive (the last with Connection: close) over every case x a few write splits; every
     response read to the end, de-chunked and compared byte for byte with the case's stream.
Prints streams/s, bytes/s, TTFB p50/p99, peak RSS (VmHWM), peak fds, failures, corrupted streams.
Exit 1 if any stream failed or was corrupted (either phase), or the server died; 2 if it could
not run. Only 127.0.0.1 is contacted; every phase has a deadline."""
import argparse, asyncio, ctypes, json, os, re, select, shutil, signal, socket, subprocess, sys
import tempfile, threading, time

# The HTTP/1.1 client the serve tests use: fetch (one request, chunked bodies de-chunked) and a
# case's expected stream bytes.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "serve"))
from http1 import expected_stream, fetch  # noqa: E402

HOST = "127.0.0.1"
# Write splits the verifier asks for, cycled with the cases ("-" is the server's default, whole).
# Splits with tiny fixed slices (drip, bytes:7) are left to tests/serve: at 10,000 streams the
# Python client, not the server, would be what is measured.
VERIFY_OPTIONS = ["-", "random:3", "bytes:1000", "random:11", "whole"]


def die(msg):
    print("load.py: " + msg, file=sys.stderr)
    sys.exit(2)


# ---- the server and what it should send ----

def start_server(binary, corpus, log):
    def preexec():  # the server dies with us, whatever kills us
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass
    p = subprocess.Popen([binary, "serve", "--port", "0", corpus], stdout=subprocess.PIPE,
                         stderr=log, preexec_fn=preexec)
    ready, _, _ = select.select([p.stdout], [], [], 30)
    line = p.stdout.readline().decode(errors="replace") if ready else ""
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        p.kill()
        die("serve did not report its port: " + line)
    return p, int(m.group(1))


class Sampler(threading.Thread):
    """Samples /proc/PID: fd count and RSS, every `interval` seconds, keeping the peaks."""

    def __init__(self, pid, interval=0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_fds = self.peak_rss_kb = 0
        self.stop_event = threading.Event()

    def fds(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def status(self, key):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return 0

    def cpu_secs(self):
        """The server's user + system CPU time so far."""
        fields = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def run(self):
        while not self.stop_event.wait(self.interval):
            try:
                self.peak_fds = max(self.peak_fds, self.fds())
                self.peak_rss_kb = max(self.peak_rss_kb, self.status("VmRSS"))
            except OSError:
                return


class Probe(threading.Thread):
    """While phase 1 runs: every 0.5 s, GET / once on a fresh connection and once on a connection
    opened (and accepted) before the load. Their times to first byte tell apart waiting to be
    accepted from waiting in the event loop like every other request."""

    def __init__(self, port, limit=60):
        super().__init__(daemon=True)
        self.port, self.limit = port, limit
        self.fresh, self.kept, self.errors = [], [], []
        self.stop_event = threading.Event()
        self.ka = socket.create_connection((HOST, port), timeout=15)
        self.threads = []
        self.stopped_at = time.monotonic()

    def request(self, s, close):
        s.sendall(f"GET / HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
                  f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n".encode())

    def fresh_probe(self):
        try:
            t0 = time.perf_counter()
            with socket.create_connection((HOST, self.port), timeout=15) as s:
                self.request(s, True)
                s.recv(1)
                self.fresh.append(time.perf_counter() - t0)
                while s.recv(65536):
                    pass
        except OSError as e:
            self.errors.append(f"fresh: {type(e).__name__}: {e}")

    def finish(self):
        self.stop_event.set()
        self.join(20)
        for t in self.threads:
            t.join(max(0.1, 16 - (time.monotonic() - self.stopped_at)))
        self.ka.close()

    def run(self):
        for _ in range(self.limit):
            if self.stop_event.wait(0.5):
                break
            t = threading.Thread(target=self.fresh_probe, daemon=True)  # may wait to be accepted
            t.start()
            self.threads.append(t)
            try:
                t0 = time.perf_counter()
                self.request(self.ka, False)
                data = self.ka.recv(65536)
                self.kept.append(time.perf_counter() - t0)
                head, _, body = data.partition(b"\r\n\r\n")
                n = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
                while len(body) < n:
                    body += self.ka.recv(65536)
            except (OSError, AttributeError) as e:
                self.errors.append(f"kept-alive: {type(e).__name__}: {e}")
                break
        self.stopped_at = time.monotonic()


def pct(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def human_bytes(n):
    for unit in ["B", "KiB", "MiB", "GiB"]:
        if n < 1024 or unit == "GiB":
            return f"{n:.1f} {unit}"
        n /= 1024


# ---- phase 1: h2load ----

def parse_duration(text):
    """h2load's "12.34ms", "1.2s", "345us" -> seconds."""
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[m.group(2)]


def parse_h2load(out):
    res = {}
    m = re.search(r"finished in ([\d.]+)(m?s), ([\d.]+) req/s", out)
    if m:
        res["secs"] = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                  r"(\d+) failed, (\d+) errored, (\d+) timeout", out)
    if m:
        for k, v in zip(["total", "started", "done", "succeeded", "failed", "errored", "timeout"],
                        map(int, m.groups())):
            res[k] = v
    m = re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", out)
    if m:
        res["2xx"] = int(m.group(1))
        res["non2xx"] = sum(map(int, m.groups()[1:]))
    m = re.search(r"traffic: .*?\((\d+)\) total, .*?\((\d+)\) headers.*?, .*?\((\d+)\) data", out)
    if m:
        res["traffic"], res["header_bytes"], res["data_bytes"] = map(int, m.groups())
    for key, label in [("ttfb", "time to 1st byte"), ("connect", "time for connect")]:
        m = re.search(label + r":\s+(\S+)\s+(\S+)\s+(\S+)", out)
        if m:
            res[key] = tuple(parse_duration(x) for x in m.groups())  # min max mean
    return res


def run_h2load(port, cases, expected, connections, requests, budget):
    """h2load runs every client's requests through its URI list in the same order, so with
    R requests per client one h2load would only ever fetch the first R cases. Several h2load
    processes, each with the case list rotated, together hold `connections` connections and cover
    every case. Their data byte counts (de-chunked bodies) are checked against the streams."""
    h2load = shutil.which("h2load")
    if not h2load:
        die("h2load not found (bench/serve/load.sh installs nghttp2-client)")
    n = len(cases)
    per_client = max(1, requests // connections)
    procs = max(2, min(8, -(-n // per_client)))
    procs = min(procs, connections)
    print(f"\n== phase 1: h2load --h1, {connections} connections at once ({procs} h2load "
          f"processes, the case list rotated in each), {per_client} GET …/v1/events requests "
          f"per connection, {connections * per_client} in all, over {n} cases")
    runs = []
    covered = set()
    for j in range(procs):
        conns = connections // procs + (1 if j < connections % procs else 0)
        rot = cases[j * n // procs:] + cases[:j * n // procs]
        order = [rot[r % n] for r in range(per_client)]
        covered.update(c["id"] for c in order)
        want_data = conns * sum(len(expected[c["id"]]) for c in order)
        log = tempfile.NamedTemporaryFile(prefix="h2load-", suffix=".log", delete=False)
        log.close()
        cmd = [h2load, "--h1", "-c", str(conns), "-t", "1", "-m", "1", "-n",
               str(conns * per_client), "-T", str(budget), "-N", "30", "--log-file", log.name,
               *[c["events_url"] for c in rot]]
        out = tempfile.TemporaryFile()
        runs.append({"proc": subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT),
                     "out": out, "log": log.name, "want_data": want_data, "conns": conns})
    end = time.monotonic() + budget + 15
    for r in runs:
        try:
            r["proc"].wait(timeout=max(0.1, end - time.monotonic()))
        except subprocess.TimeoutExpired:
            r["proc"].kill()
            r["proc"].wait()
            r["killed"] = True
    agg = {"procs": procs, "per_client": per_client, "covered": len(covered), "ok": True,
           "durations": []}
    for r in runs:
        r["out"].seek(0)
        text = r["out"].read().decode(errors="replace")
        res = parse_h2load(text)
        if r.get("killed") or "succeeded" not in res:
            agg["ok"] = False
            print(f"h2load ({r['conns']} connections) did not finish:\n" + text[-3000:])
        r["res"] = res
        with open(r["log"]) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    agg["durations"].append(int(parts[2]) / 1e6)
        os.unlink(r["log"])
    res = [r["res"] for r in runs]
    for k in ["total", "succeeded", "failed", "errored", "timeout", "2xx", "non2xx", "traffic",
              "header_bytes", "data_bytes"]:
        agg[k] = sum(x.get(k, 0) for x in res)
    agg["want_data"] = sum(r["want_data"] for r in runs)
    agg["secs"] = max((x.get("secs", 0) for x in res), default=0)
    for key in ["ttfb", "connect"]:
        have = [(x[key], r["conns"]) for x, r in zip(res, runs) if key in x]
        if have:
            agg[key] = (min(v[0] for v, _ in have), max(v[1] for v, _ in have),
                        sum(v[2] * c for v, c in have) / sum(c for _, c in have))
    agg["requested"] = connections * per_client
    return agg


# ---- phase 2: the verifying client ----

class StreamCheck(asyncio.Protocol):
    """One verifying connection: sends its requests one after another (kept alive, the last with
    Connection: close), parses each HTTP/1.1 response incrementally as bytes arrive, and compares
    the de-chunked body with the expected stream as it goes (nothing is buffered but one line)."""

    def __init__(self, index, plan, port, stats, go, finished):
        self.index, self.plan, self.port, self.stats = index, plan, port, stats
        self.go, self.finished = go, finished
        self.transport = None
        self.k = -1  # request number in flight
        self.buf = bytearray()
        self.state = "idle"
        self.done = False

    # -- asyncio callbacks --
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.stats["wire_bytes"] += len(data)
        if self.state == "wait-first":
            self.stats["ttfb"].append(time.perf_counter() - self.t_sent)
            self.state = "status"
        elif self.state in ("idle", "wait-eof"):
            return self.fail("no-close" if self.state == "wait-eof" else "unsolicited",
                             f"{len(data)} bytes when none were due")
        self.buf += data
        try:
            self.parse()
        except ValueError as e:
            self.fail("protocol", str(e))

    def eof_received(self):
        if self.state == "wait-eof":
            self.finish()
        elif not self.done:
            self.fail("closed", f"the server closed the connection in state {self.state}")
        return False

    def connection_lost(self, exc):
        if not self.done:
            if self.state == "wait-eof":
                self.finish()
            else:
                self.fail("lost", f"connection lost in state {self.state}: {exc!r}")

    # -- the requests --
    def send_next(self):
        self.k += 1
        self.path, self.want, self.label = self.plan[self.k]
        self.last = self.k == len(self.plan) - 1
        self.offset = 0  # body bytes matched so far
        self.corrupt_at = None
        self.headers = {}
        self.state = "wait-first"
        self.t_sent = time.perf_counter()
        self.transport.write(
            f"GET {self.path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
            f"Connection: {'close' if self.last else 'keep-alive'}\r\n\r\n".encode())

    def take_line(self):
        j = self.buf.find(b"\r\n")
        if j < 0:
            if len(self.buf) > 1 << 16:
                raise ValueError("line over 64 KiB")
            return None
        line = bytes(self.buf[:j])
        del self.buf[:j + 2]
        return line

    def parse(self):
        while self.buf:
            st = self.state
            if st == "status":
                line = self.take_line()
                if line is None:
                    return
                parts = line.split(b" ", 2)
                if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
                    raise ValueError(f"bad status line {line[:80]!r}")
                self.status = int(parts[1])
                self.state = "headers"
            elif st == "headers":
                line = self.take_line()
                if line is None:
                    return
                if line:
                    k, _, v = line.partition(b":")
                    self.headers[k.strip().lower()] = v.strip()
                    continue
                if (self.status != 200 or self.headers.get(b"content-type") != b"text/event-stream"
                        or self.headers.get(b"transfer-encoding", b"").lower() != b"chunked"):
                    return self.fail("status", f"HTTP {self.status} "
                                               f"{self.headers.get(b'content-type')!r} "
                                               f"{self.headers.get(b'transfer-encoding')!r}")
                self.state = "size"
            elif st == "size":
                line = self.take_line()
                if line is None:
                    return
                self.left = int(line.split(b";")[0], 16)
                self.state = "data" if self.left else "trailer"
            elif st == "data":
                n = min(self.left, len(self.buf))
                part = bytes(self.buf[:n])
                del self.buf[:n]
                if self.corrupt_at is None and part != self.want[self.offset:self.offset + n]:
                    ref = self.want[self.offset:self.offset + n]
                    self.corrupt_at = self.offset + next(
                        (i for i, (x, y) in enumerate(zip(part, ref)) if x != y), len(ref))
                self.offset += n
                self.left -= n
                if not self.left:
                    self.state = "crlf"
            elif st == "crlf":
                if len(self.buf) < 2:
                    return
                if self.buf[:2] != b"\r\n":
                    raise ValueError("chunk data not followed by CRLF")
                del self.buf[:2]
                self.state = "size"
            elif st == "trailer":
                line = self.take_line()
                if line is None:
                    return
                if not line:
                    self.response_done()
            else:  # idle / wait-eof / failed: nothing more may come
                return self.fail("extra", f"{len(self.buf)} bytes after the response")

    def response_done(self):
        if self.corrupt_at is None and self.offset != len(self.want):
            self.corrupt_at = min(self.offset, len(self.want))
        if self.corrupt_at is not None:
            self.stats["corrupted"] += 1
            self.note("corrupted", f"{self.label}: {self.offset} bytes, {len(self.want)} expected, "
                                   f"first difference at byte {self.corrupt_at}")
        else:
            self.stats["ok"] += 1
            self.stats["body_bytes"] += self.offset
        if self.last:
            self.state = "wait-eof"  # Connection: close: the server must close now
            if self.buf:
                self.fail("extra", f"{len(self.buf)} bytes after the last response")
        else:
            self.send_next()

    # -- outcomes --
    def note(self, kind, text):
        errors = self.stats["errors"]
        errors[kind] = errors.get(kind, 0) + 1
        if len(self.stats["examples"]) < 10:
            self.stats["examples"].append(f"connection {self.index} request {self.k}: {text}")

    def fail(self, kind, text):
        if self.done:
            return
        unanswered = len(self.plan) - self.k if self.state not in ("idle", "wait-eof") else 0
        self.stats["failed"] += max(1, unanswered)
        self.note(kind, text)
        self.finish()

    def finish(self):
        if self.done:
            return
        self.done = True
        self.state = "failed"
        if self.transport:
            self.transport.close()
        self.finished()


async def verify(port, jobs, connections, rounds, budget):
    """jobs: [(path, expected bytes, label)]. Returns the figures."""
    loop = asyncio.get_running_loop()
    deadline = time.monotonic() + budget
    stats = {"connected": 0, "connect_failed": 0, "ok": 0, "failed": 0, "corrupted": 0,
             "body_bytes": 0, "wire_bytes": 0, "ttfb": [], "errors": {}, "examples": []}
    all_done = loop.create_future()
    remaining = [connections]

    def finished():
        remaining[0] -= 1
        if remaining[0] == 0 and not all_done.done():
            all_done.set_result(None)

    protocols = []
    slots = asyncio.Semaphore(512)  # connects in flight: keeps the SYN queue from overflowing

    async def open_one(i):
        plan = [jobs[(i * rounds + k) % len(jobs)] for k in range(rounds)]
        p = StreamCheck(i, plan, port, stats, None, finished)
        try:
            async with slots:
                await asyncio.wait_for(loop.create_connection(lambda: p, HOST, port), 30)
            stats["connected"] += 1
            protocols.append(p)
        except Exception as e:  # noqa: BLE001 (a test client: every error is a finding)
            stats["connect_failed"] += 1
            stats["failed"] += rounds
            p.note("connect", f"{type(e).__name__}: {e}")
            p.done = True
            finished()

    t_open = time.monotonic()
    opened = asyncio.gather(*(open_one(i) for i in range(connections)))
    try:
        await asyncio.wait_for(opened, max(1, deadline - time.monotonic()))
    except asyncio.TimeoutError:
        pass
    t_go = time.monotonic()
    stats["open_secs"] = t_go - t_open
    stats["held"] = sum(1 for p in protocols if not p.done)  # open at once, before any request
    for p in protocols:  # every connection is open: now all the requests go out together
        if not p.done:
            p.send_next()
    try:
        await asyncio.wait_for(asyncio.shield(all_done), max(1, deadline - time.monotonic()))
    except asyncio.TimeoutError:
        late = [p for p in protocols if not p.done]
        for p in late:
            p.fail("deadline", f"unfinished after {budget} s (state {p.state})")
    stats["secs"] = time.monotonic() - t_go
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--connections", type=int, default=10000)
    ap.add_argument("--h2load-requests", type=int, default=100000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--skip-h2load", action="store_true")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))  # so `finally` stops the server

    soft, hard = __import__("resource").getrlimit(__import__("resource").RLIMIT_NOFILE)
    print(f"load.py: {os.cpu_count()} CPUs, fd limit {soft}/{hard}, "
          f"{args.connections} concurrent connections per phase")
    log = tempfile.TemporaryFile()
    server, port = start_server(args.binary, args.corpus, log)
    sampler = Sampler(server.pid)
    bad = 0
    try:
        base_fds = sampler.fds()
        base_rss = sampler.status("VmRSS")
        sampler.start()
        status, _, body = fetch(port, "/", timeout=30)
        if status != 200:
            die(f"GET / answered {status}")
        cases = json.loads(body)["cases"]
        print(f"server pid {server.pid} on port {port}: {len(cases)} cases, "
              f"{base_fds} fds, RSS {base_rss} KiB at start")
        expected = {c["id"]: expected_stream(args.binary, args.corpus, c["id"]) for c in cases}
        # Sanity: one stream byte-exact through the simple client before loading.
        s, _, b = fetch(port, cases[0]["events_url"].split(str(port), 1)[1], timeout=30)
        if s != 200 or b != expected[cases[0]["id"]]:
            die(f"{cases[0]['id']}: not byte-exact before any load (HTTP {s})")

        # ---- phase 1 ----
        import resource
        def client_cpu():
            a = resource.getrusage(resource.RUSAGE_SELF)
            b = resource.getrusage(resource.RUSAGE_CHILDREN)  # h2load, once waited for
            return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

        def cpu_line(t_wall, s_cpu, c_cpu):
            print(f"CPU over {t_wall:.1f} s: server {s_cpu:.1f} s ({s_cpu / t_wall * 100:.0f}% of "
                  f"a core), clients {c_cpu:.1f} s; machine load average "
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

        if not args.skip_h2load:
            w0, s0, c0 = time.monotonic(), sampler.cpu_secs(), client_cpu()
            probe = Probe(port)
            probe.start()
            h = run_h2load(port, cases, expected, args.connections, args.h2load_requests,
                           budget=60)
            probe.finish()
            d = h["durations"]
            print(f"requests: {h['requested']} to make, {h['total']} made, {h['succeeded']} "
                  f"succeeded, {h['failed']} failed, {h['errored']} errored, {h['timeout']} "
                  f"timeout; {h['2xx']} 2xx, {h['non2xx']} other; {h['covered']} of {len(cases)} "
                  f"cases fetched")
            if h["secs"]:
                print(f"throughput: {h['succeeded'] / h['secs']:.0f} streams/s, "
                      f"{human_bytes(h['data_bytes'] / h['secs'])}/s of stream bytes "
                      f"({human_bytes(h['traffic'] / h['secs'])}/s on the wire) over "
                      f"{h['secs']:.2f} s")
            print(f"stream bytes received (h2load's de-chunked data) {h['data_bytes']}, expected "
                  f"{h['want_data']}: " + ("equal" if h["data_bytes"] == h["want_data"]
                                           else "DIFFERENT"))
            for key, label in [("connect", "time for connect"),
                               ("ttfb", "time to 1st byte (per connection, from connect start)")]:
                if key in h:
                    print(f"{label}: min {h[key][0] * 1e3:.1f} ms, max {h[key][1] * 1e3:.1f} ms, "
                          f"mean {h[key][2] * 1e3:.1f} ms")
            if d:
                print(f"request time (h2load logs, {len(d)} requests, request sent -> response "
                      f"complete): p50 {pct(d, 50) * 1e3:.2f} ms, p99 {pct(d, 99) * 1e3:.2f} ms, "
                      f"max {max(d) * 1e3:.2f} ms")
            h_bad = max(h["requested"] - h["succeeded"], h["failed"] + h["errored"]
                        + h["timeout"] + h["non2xx"])
            if h_bad or not h["ok"]:
                print(f"FAIL h2load: {h_bad} requests not answered 200 in full")
                bad += max(1, h_bad)
            elif h["data_bytes"] != h["want_data"]:
                print("FAIL h2load: the stream bytes received differ from the expected total")
                bad += 1
            cpu_line(time.monotonic() - w0, sampler.cpu_secs() - s0, client_cpu() - c0)
            for name, t in [("a fresh connection", probe.fresh),
                            ("a connection accepted before the load", probe.kept)]:
                if t:
                    print(f"probe during the load, GET / on {name}: time to first byte p50 "
                          f"{pct(t, 50) * 1e3:.1f} ms, max {max(t) * 1e3:.1f} ms ({len(t)} probes)")
            for e in probe.errors[:3]:
                print("probe error: " + e)
            print(f"server after phase 1: peak fds {sampler.peak_fds} (so at most "
                  f"{sampler.peak_fds - base_fds} connections accepted at once), peak RSS "
                  f"{sampler.peak_rss_kb} KiB")

        if server.poll() is not None:
            print(f"FAIL the server exited ({server.returncode}) during phase 1")
            sys.exit(1)

        # ---- phase 2 ----
        jobs = []
        for opt in VERIFY_OPTIONS:
            for c in cases:
                path = c["events_url"].split(str(port), 1)[1].replace("/-/v1/", f"/{opt}/v1/")
                jobs.append((path, expected[c["id"]], f"{c['id']} {opt}"))
        # Interleave so neighbours differ in both case and split.
        jobs = jobs[::7] + [j for i, j in enumerate(jobs) if i % 7]
        print(f"\n== phase 2: verifying client, {args.connections} connections held at once, "
              f"{args.rounds} keep-alive requests each, {len(cases)} cases x {VERIFY_OPTIONS}")
        w0, s0, c0 = time.monotonic(), sampler.cpu_secs(), client_cpu()
        v = asyncio.run(verify(port, jobs, args.connections, args.rounds, budget=100))
        total = args.connections * args.rounds
        print(f"held {v['held']} connections open at once (opened in {v['open_secs']:.2f} s, "
              f"{v['connect_failed']} failed to connect)")
        print(f"streams: {total} requested, {v['ok']} byte-exact, {v['failed']} failed, "
              f"{v['corrupted']} corrupted")
        if v["secs"] > 0:
            print(f"throughput: {v['ok'] / v['secs']:.0f} streams/s, "
                  f"{human_bytes(v['body_bytes'] / v['secs'])}/s of stream bytes "
                  f"({human_bytes(v['wire_bytes'] / v['secs'])}/s on the wire) over "
                  f"{v['secs']:.2f} s")
        t = v["ttfb"]
        if t:
            print(f"time to first byte (request sent -> first response byte, {len(t)} requests): "
                  f"p50 {pct(t, 50) * 1e3:.2f} ms, p99 {pct(t, 99) * 1e3:.2f} ms, "
                  f"max {max(t) * 1e3:.2f} ms")
        cpu_line(time.monotonic() - w0, sampler.cpu_secs() - s0, client_cpu() - c0)
        for kind, n in sorted(v["errors"].items()):
            print(f"  {kind}: {n}")
        for e in v["examples"]:
            print("  e.g. " + e)
        bad += v["failed"] + v["corrupted"]

        # ---- the server afterwards ----
        time.sleep(1.0)
        alive = server.poll() is None
        end_fds = sampler.fds() if alive else -1
        sampler.stop_event.set()
        sampler.join(2)
        hwm = sampler.status("VmHWM") if alive else -1
        print(f"\n== server (pid {server.pid})")
        print(f"peak RSS (VmHWM) {hwm} KiB ({hwm / 1024:.1f} MiB); RSS at start {base_rss} KiB")
        print(f"peak fds {sampler.peak_fds} (sampled every {sampler.interval} s); "
              f"fds at start {base_fds}, 1 s after the load {end_fds}")
        if not alive:
            log.seek(0)
            print(f"FAIL the server exited ({server.returncode}): "
                  + log.read().decode(errors="replace")[-2000:])
            bad += 1
        else:
            s, _, b = fetch(port, "/", timeout=30)
            if s != 200:
                print(f"FAIL GET / after the load: HTTP {s}")
                bad += 1
        print(f"\nfailures: {bad} (failed or corrupted streams, both phases)")
    finally:
        server.kill()
        server.wait()
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
