"""A raw HTTP/1.1 client for the tests and benchmarks that talk to `sse-harness serve`
(tests/serve/robustness.py, bench/serve/load.py): blocking sockets to 127.0.0.1 only, a reader
that takes responses apart (chunked bodies de-chunked, every chunk's CRLF checked), and a case's
expected stream bytes."""
import json, os, re, socket, struct, subprocess, time

HOST = "127.0.0.1"
IO_TIMEOUT = 10  # seconds any single read may wait


def connect(port, rcvbuf=None, timeout=IO_TIMEOUT):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)  # before connect: sets the window
    s.settimeout(timeout)
    s.connect((HOST, port))
    return s


def rst_close(s):
    """Close with a TCP reset instead of a FIN (SO_LINGER 0)."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def get_request(path, port, close=True, extra=""):
    return (f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n{extra}"
            f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n").encode()


class Reader:
    """Reads HTTP/1.1 responses from a blocking socket, one buffer across responses."""

    def __init__(self, sock, chunk=65536, delay=0.0):
        self.s, self.chunk, self.delay = sock, chunk, delay
        self.buf = bytearray()
        self.pos = 0

    def fill(self):
        if self.delay:
            time.sleep(self.delay)
        d = self.s.recv(self.chunk)
        if not d:
            raise EOFError("closed by the server")
        if self.pos > 1 << 16:
            del self.buf[:self.pos]
            self.pos = 0
        self.buf += d

    def line(self):
        while True:
            j = self.buf.find(b"\r\n", self.pos)
            if j >= 0:
                out = bytes(self.buf[self.pos:j])
                self.pos = j + 2
                return out
            if len(self.buf) - self.pos > 1 << 16:
                raise ValueError("line over 64 KiB")
            self.fill()

    def take(self, n):
        while len(self.buf) - self.pos < n:
            self.fill()
        out = bytes(self.buf[self.pos:self.pos + n])
        self.pos += n
        return out

    def response(self):
        """(status, headers with lowercased names, de-chunked body)."""
        status_line = self.line()
        parts = status_line.split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
            raise ValueError(f"bad status line {status_line[:80]!r}")
        status = int(parts[1])
        headers = {}
        while (h := self.line()):
            k, _, v = h.partition(b":")
            headers[k.strip().lower().decode()] = v.strip().decode(errors="replace")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = []
            while True:
                n = int(self.line().split(b";")[0], 16)
                if n == 0:
                    while self.line():
                        pass
                    return status, headers, b"".join(body)
                body.append(self.take(n))
                if self.take(2) != b"\r\n":
                    raise ValueError("chunk data not followed by CRLF")
        return status, headers, self.take(int(headers.get("content-length", "0")))

    def at_eof(self, timeout=IO_TIMEOUT):
        """True when the server closes (FIN or reset) with nothing more sent."""
        if self.pos < len(self.buf):
            return False
        self.s.settimeout(timeout)
        try:
            return self.s.recv(1) == b""
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False


def fetch(port, path, method="GET", body=b"", headers="", timeout=IO_TIMEOUT):
    """One request on a fresh connection; (status, headers, body) or raises."""
    with connect(port, timeout=timeout) as s:
        req = (f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n{headers}"
               f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
        if method == "GET" and not body:
            req = get_request(path, port, extra=headers)
        s.sendall(req)
        return Reader(s).response()


def expected_stream(binary, corpus, case_id):
    """The case's stream bytes: the capture file, or the byte range of a markdown transcript."""
    case_dir = os.path.join(corpus, case_id)
    meta = json.load(open(os.path.join(case_dir, "case.json")))
    raw = open(os.path.join(case_dir, meta["stream"]["file"]), "rb").read()
    if meta["stream"]["capture"] == "markdown":
        out = subprocess.run([binary, "replay", case_dir], capture_output=True, text=True,
                             timeout=60).stdout
        a, b = map(int, re.search(r"bytes (\d+)\.\.(\d+) of", out).groups())
        raw = raw[a:b]
    return raw
