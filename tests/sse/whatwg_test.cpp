// The `whatwg` parser against every row of REFERENCE.md section 1 (WHATWG event stream
// interpretation; web-platform-tests eventsource/format-*.any.js). Each input runs whole, byte by
// byte and at every split (check_log), and must give exactly the expected log.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "sse/replay_log.hpp"
#include "sse/whatwg.hpp"

using namespace std::literals;
using harness::sse::test::check_log;
using harness::sse::test::event_line;
using harness::sse::test::finding_line;
using harness::sse::test::log_of_chunks;

namespace {
void whatwg(std::string_view input, const std::string &expected) {
  check_log("whatwg", input, expected);
}
} // namespace

TEST_CASE("sse.whatwg.single-event") {
  whatwg("data: a\n\n", event_line(0, 0, 6, "a"));
  whatwg("data: a\n\ndata: b\n\n", event_line(0, 0, 6, "a") + event_line(1, 9, 15, "b"));
}

TEST_CASE("sse.whatwg.empty-streams-dispatch-nothing") {
  whatwg("", "");
  whatwg("\n\n\r\n", "");
  whatwg("\n\n\r\n\r", finding_line("sse.cr-line-ends", "warning", 4, 0));
}

// The decoder strips one BOM at the very start; the event's block then starts after it.
TEST_CASE("sse.whatwg.bom-leading-stripped") {
  whatwg("\xEF\xBB\xBF"
         "data: a\n\n",
         finding_line("sse.bom", "info", 0, 0) + event_line(0, 3, 9, "a"));
  whatwg("\xEF\xBB\xBF\n", finding_line("sse.bom", "info", 0, 0));
}

TEST_CASE("sse.whatwg.bom-split-across-feeds") {
  const std::string expected = finding_line("sse.bom", "info", 0, 0) + event_line(0, 3, 9, "a");
  CHECK(log_of_chunks("whatwg", {"\xEF", "\xBB", "\xBF", "data: a\n\n"}) == expected);
  CHECK(log_of_chunks("whatwg", {"\xEF\xBB",
                                 "\xBF"
                                 "data: a\n",
                                 "\n"}) == expected);
}

// A second BOM is not stripped: that line's field name is "\uFEFFdata", which is ignored. The line
// is reported twice: sse.bom-mid-stream says why it is lost, sse.ignored-line that it is.
TEST_CASE("sse.whatwg.bom-second-not-stripped") {
  whatwg("\xEF\xBB\xBF\xEF\xBB\xBF"
         "data: a\n\ndata: b\n\n",
         finding_line("sse.bom", "info", 0, 0) + finding_line("sse.bom-mid-stream", "error", 3, 0) +
             finding_line("sse.ignored-line", "info", 3, 0) + event_line(0, 15, 21, "b"));
  whatwg("data: a\n\xEF\xBB\xBF"
         "data: b\n\n",
         finding_line("sse.bom-mid-stream", "error", 8, 0) +
             finding_line("sse.ignored-line", "info", 8, 0) + event_line(0, 0, 6, "a"));
}

// whatwg's events do not change: a BOM line is ignored whatever follows the BOM; a BOM inside a
// line is no line start.
TEST_CASE("sse.whatwg.bom-mid-stream") {
  whatwg("data: a\n\xEF\xBB\xBF\n\ndata: b\n\n",
         finding_line("sse.bom-mid-stream", "error", 8, 0) +
             finding_line("sse.ignored-line", "info", 8, 0) + event_line(0, 0, 6, "a") +
             event_line(1, 13, 19, "b"));
  whatwg("data: a\r\n\xEF\xBB\xBF: c\r\n\r\n",
         finding_line("sse.bom-mid-stream", "error", 9, 0) +
             finding_line("sse.ignored-line", "info", 9, 0) + event_line(0, 0, 6, "a"));
  whatwg("data: a\xEF\xBB\xBF\n\n", event_line(0, 0, 6, "a\xEF\xBB\xBF"));
}

TEST_CASE("sse.whatwg.line-ends-lf-cr-crlf") {
  whatwg("data: a\n\n", event_line(0, 0, 6, "a"));
  whatwg("data: a\r\r", finding_line("sse.cr-line-ends", "warning", 7, 0) + event_line(0, 0, 6, "a"));
  whatwg("data: a\r\n\r\n", event_line(0, 0, 6, "a"));
}

TEST_CASE("sse.whatwg.line-ends-mixed") {
  whatwg("data: a\rdata: b\ndata: c\r\n\r",
         finding_line("sse.cr-line-ends", "warning", 7, 0) + event_line(0, 0, 6, "a\nb\nc"));
  // LF then CR is two line ends: the CR line is blank and dispatches.
  whatwg("data: a\n\rdata: b\n\n", event_line(0, 0, 6, "a") +
                                     finding_line("sse.cr-line-ends", "warning", 8, 1) +
                                     event_line(1, 9, 15, "b"));
}

// A CR ending one read and a LF starting the next are one line end, not a blank line.
TEST_CASE("sse.whatwg.crlf-split-across-feeds") {
  const std::string expected = event_line(0, 0, 6, "a\nb");
  CHECK(log_of_chunks("whatwg", {"data: a\r", "\ndata: b\r", "\n\r", "\n"}) == expected);
  CHECK(log_of_chunks("whatwg", {"data: a\r", "", "\ndata: b\r\n\r\n"}) == expected);
  whatwg("data: a\r\ndata: b\r\n\r\n", expected);
}

TEST_CASE("sse.whatwg.data-empty-with-and-without-colon") {
  whatwg("data:\n\n", event_line(0, 0, 5, ""));
  whatwg("data\n\n", event_line(0, 0, 4, ""));
  whatwg("data: \n\n", event_line(0, 0, 6, ""));
  whatwg("data\ndata\n\n", event_line(0, 0, 4, "\n"));
  whatwg("data:\ndata\n\n", event_line(0, 0, 5, "\n"));
}

TEST_CASE("sse.whatwg.one-leading-space-removed-tab-kept") {
  whatwg("data:x\n\n",
         finding_line("sse.no-space-after-colon", "info", 5, 0) + event_line(0, 0, 5, "x"));
  whatwg("data:  two\n\n", event_line(0, 0, 6, " two"));
  whatwg("data:\tx\n\n",
         finding_line("sse.no-space-after-colon", "info", 5, 0) + event_line(0, 0, 5, "\tx"));
  whatwg("data: a: b\n\n", event_line(0, 0, 6, "a: b"));
}

TEST_CASE("sse.whatwg.field-names-case-sensitive-and-exact") {
  whatwg("Data: a\n data: b\ndata\0: c\nDATA: d\ndata :e\n\n"sv,
         finding_line("sse.ignored-line", "info", 0, 0) +
             finding_line("sse.ignored-line", "info", 8, 0) +
             finding_line("sse.ignored-line", "info", 17, 0) +
             finding_line("sse.ignored-line", "info", 26, 0) +
             finding_line("sse.ignored-line", "info", 34, 0));
}

TEST_CASE("sse.whatwg.nul-in-data-kept") {
  whatwg("data: a\0b\n\n"sv, event_line(0, 0, 6, "a\0b"sv));
}

TEST_CASE("sse.whatwg.unknown-field-and-comments-ignored") {
  whatwg("foo: bar\n: comment\ndata: a\n: between\ndata: b\n\n",
         finding_line("sse.ignored-line", "info", 0, 0) +
             finding_line("sse.comment", "info", 9, 0) +
             finding_line("sse.comment", "info", 27, 0) + event_line(0, 19, 25, "a\nb"));
  whatwg(":\n:data: x\n\n",
         finding_line("sse.comment", "info", 0, 0) + finding_line("sse.comment", "info", 2, 0));
}

// Only comments, event, id or retry: the blank line dispatches nothing. The id still persists.
TEST_CASE("sse.whatwg.block-without-data-dispatches-nothing") {
  whatwg("event: ping\nid: 1\nretry: 10\n: c\n\ndata: x\n\n",
         finding_line("sse.comment", "info", 28, 0) + event_line(0, 33, 39, "x", "message", "1"));
  whatwg("event: ping\n\n", "");
}

TEST_CASE("sse.whatwg.event-type-one-block-empty-means-message") {
  whatwg("event: a\ndata: 1\n\ndata: 2\n\nevent: b\nevent:\ndata: 3\n\n",
         event_line(0, 0, 15, "1", "a") + event_line(1, 18, 24, "2") + event_line(2, 27, 49, "3"));
}

TEST_CASE("sse.whatwg.id-persists-nul-ignored-bare-resets") {
  whatwg("id: 1\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\n"sv,
         event_line(0, 0, 12, "a", "message", "1") + event_line(1, 15, 21, "b", "message", "1") +
             event_line(2, 24, 38, "c", "message", "1") + event_line(3, 41, 50, "d"));
  whatwg("id: 7\n\nid:\ndata: d\n\n", event_line(0, 7, 17, "d"));
}

TEST_CASE("sse.whatwg.retry-digits-only") {
  struct NullSink final : harness::sse::EventSink {
    int calls = 0;
    void on_event(const harness::sse::Event &) override { ++calls; }
    void on_finding(harness::Finding) override { ++calls; }
  } sink;
  harness::sse::WhatwgParser parser(sink);
  parser.feed("retry: 03000\n");
  REQUIRE(parser.retry().has_value());
  CHECK(*parser.retry() == 3000);
  parser.feed("retry: 12a\nretry: -1\nretry:  5\nretry:\nretry: \xD9\xA1\n\n");
  CHECK(*parser.retry() == 3000);
  parser.feed("retry:7\n\n");
  CHECK(*parser.retry() == 7);
  parser.finish();
  CHECK(sink.calls == 0);
  whatwg("retry: 3000\nretry: x\n\n", "");
}

// The pending event is discarded at end of stream, with a warning at its block's start.
TEST_CASE("sse.whatwg.unterminated-tail-discarded") {
  whatwg("data: a\n\ndata: b\n",
         event_line(0, 0, 6, "a") + finding_line("sse.unterminated-event", "error", 9, 1));
  whatwg("data: a\n\ndata: b",
         event_line(0, 0, 6, "a") + finding_line("sse.unterminated-event", "error", 9, 1));
  whatwg("data: a\n\nid: 5\ndata: b",
         event_line(0, 0, 6, "a") + finding_line("sse.unterminated-event", "error", 9, 1));
  whatwg("data: a\r", finding_line("sse.cr-line-ends", "warning", 7, 0) +
                         finding_line("sse.unterminated-event", "error", 0, 0));
  // Nothing with data was lost: no warning. An incomplete last line is no line, so no comment.
  whatwg("data: a\n\n: comment", event_line(0, 0, 6, "a"));
  whatwg("data: a\n\nevent: x", event_line(0, 0, 6, "a"));
}

TEST_CASE("sse.whatwg.invalid-utf8-replaced") {
  whatwg("data: a\xFF"
         "b\n\n",
         finding_line("sse.invalid-utf8", "error", 7, 0) + event_line(0, 0, 6,
                                                                        "a\xEF\xBF\xBD"
                                                                        "b"));
  // Maximal subparts: one U+FFFD per broken prefix, each stray byte on its own.
  whatwg("data: \xF0\x80\x80|\xE0\x80|\xED\xA0\x80|\xF4\x90|\xC0\xAF|\xE2\x82"
         "A\n\n",
         finding_line("sse.invalid-utf8", "error", 6, 0) +
             event_line(0, 0, 6,
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|"
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|"
                        "\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD"
                        "A"));
  // Once per line, at the first bad byte; the id is decoded too.
  whatwg("id: \xFF\nevent: \xC3\ndata: ok\xFF\xFF\n\n",
         finding_line("sse.invalid-utf8", "error", 4, 0) +
             finding_line("sse.invalid-utf8", "error", 13, 0) +
             finding_line("sse.invalid-utf8", "error", 23, 0) +
             event_line(0, 0, 21, "ok\xEF\xBF\xBD\xEF\xBF\xBD", "\xEF\xBF\xBD", "\xEF\xBF\xBD"));
  // In a field name: still decoded (reported), and the name is unknown.
  whatwg("d\xFFta: x\n\n", finding_line("sse.invalid-utf8", "error", 1, 0) +
                               finding_line("sse.ignored-line", "info", 0, 0));
}

// A valid multibyte sequence cut by a feed boundary is not broken.
TEST_CASE("sse.whatwg.utf8-split-across-feeds") {
  const std::string expected = event_line(0, 0, 6, "\xE2\x82\xAC\xF0\x9F\x98\x80");
  CHECK(log_of_chunks("whatwg", {"data: \xE2", "\x82", "\xAC\xF0\x9F", "\x98\x80\n\n"}) ==
        expected);
  whatwg("data: \xE2\x82\xAC\xF0\x9F\x98\x80\n\n", expected);
}

// A sequence truncated by the line end becomes one U+FFFD; the LF still ends the line.
TEST_CASE("sse.whatwg.utf8-truncated-before-lf") {
  whatwg("data: \xE2\x82\n\n",
         finding_line("sse.invalid-utf8", "error", 6, 0) + event_line(0, 0, 6, "\xEF\xBF\xBD"));
  whatwg("data: \xF0\x9F\x98\r\ndata: x\n\n", finding_line("sse.invalid-utf8", "error", 6, 0) +
                                                  event_line(0, 0, 6, "\xEF\xBF\xBD\nx"));
}

// U+2028 (E2 80 A8) and NEL (C2 85) are not line ends; a raw 0x85 byte is invalid UTF-8, not NEL.
TEST_CASE("sse.whatwg.u2028-and-nel-not-line-ends") {
  whatwg("data: {\"s\":\"a\xE2\x80\xA8"
         "b\xC2\x85"
         "c\"}\n\n",
         event_line(0, 0, 6,
                    "{\"s\":\"a\xE2\x80\xA8"
                    "b\xC2\x85"
                    "c\"}"));
  whatwg("data: a\x85"
         "b\n\n",
         finding_line("sse.invalid-utf8", "error", 7, 0) + event_line(0, 0, 6,
                                                                        "a\xEF\xBF\xBD"
                                                                        "b"));
}
