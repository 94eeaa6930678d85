"""A small SSE parser following the WHATWG "event stream interpretation"
(https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).

It stands in for *your* library in this example: adapter.py feeds it the response body in the
chunks the network delivers and reports what it dispatches. Replace it with your own parser; keep
adapter.py. Standard library only.
"""

import codecs


class Event:
    __slots__ = ("type", "data", "id", "retry")

    def __init__(self, type, data, id, retry):
        self.type = type    # "message" when the block had no event field
        self.data = data    # data lines joined by "\n"
        self.id = id        # the last event id in force ("" when none)
        self.retry = retry  # the reconnection time this block set, or None


class Parser:
    """feed(bytes) any number of times, then close(); every complete event is returned as it
    completes. The result never depends on how the bytes were cut."""

    def __init__(self):
        # Incremental UTF-8 decoding (U+FFFD for ill-formed bytes, never split inside a sequence).
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._buffer = ""
        self._started = False   # the leading BOM is stripped once
        self._after_cr = False  # a CR ended the last line: a LF right after it belongs to it
        self._data = []
        self._type = ""
        self._retry = None
        self._last_id = ""

    def feed(self, chunk):
        return self._lines(self._decoder.decode(chunk))

    def close(self):
        # An incomplete last line is no line, and an event without its blank line is discarded.
        self._lines(self._decoder.decode(b"", final=True))
        return []

    def _lines(self, text):
        if not self._started and text:
            self._started = True
            if text.startswith("\ufeff"):
                text = text[1:]
        if self._after_cr and text.startswith("\n"):
            text = text[1:]
        if text:
            self._after_cr = False
        self._buffer += text
        events = []
        while True:
            ends = [i for i in (self._buffer.find("\r"), self._buffer.find("\n")) if i >= 0]
            if not ends:
                return events
            end = min(ends)
            line, rest = self._buffer[:end], self._buffer[end + 1:]
            if self._buffer[end] == "\r":
                if rest.startswith("\n"):
                    rest = rest[1:]
                elif not rest:
                    self._after_cr = True  # the LF may come in the next chunk
            self._buffer = rest
            event = self._line(line)
            if event is not None:
                events.append(event)

    def _line(self, line):
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._type = value
        elif name == "id":
            if "\0" not in value:
                self._last_id = value
        elif name == "retry":
            if value and all("0" <= c <= "9" for c in value):
                self._retry = int(value)
        return None

    def _dispatch(self):
        event = None
        if self._data:
            event = Event(self._type or "message", "\n".join(self._data), self._last_id,
                          self._retry)
        self._data, self._type, self._retry = [], "", None
        return event
