// The framing notes whatwg and tolerant share (sse/line_steps.hpp): sse.comment, sse.no-space-after-
// colon and sse.cr-line-ends. Each input runs through the split runner (whole, byte by byte, every
// split) for both parsers, which must give the same, exact log.
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "sse/parser.hpp"
#include "sse/replay_log.hpp"

using harness::sse::test::check_log;
using harness::sse::test::event_line;
using harness::sse::test::finding_line;
using harness::sse::test::log_of_chunks;

namespace {

void both(std::string_view input, const std::string &expected) {
  check_log("whatwg", input, expected);
  check_log("tolerant", input, expected);
}

std::string comment(uint64_t offset, uint64_t event) {
  return finding_line("sse.comment", "info", offset, event);
}
std::string no_space(uint64_t offset, uint64_t event) {
  return finding_line("sse.no-space-after-colon", "info", offset, event);
}
std::string bare_cr(uint64_t offset, uint64_t event) {
  return finding_line("sse.cr-line-ends", "warning", offset, event);
}

struct Messages final : harness::sse::EventSink {
  std::vector<harness::Finding> findings;
  void on_event(const harness::sse::Event &) override {}
  void on_finding(harness::Finding f) override { findings.push_back(std::move(f)); }
};

} // namespace

// --- sse.comment -----------------------------------------------------------------------------------

// OpenRouter sends `: OPENROUTER PROCESSING` before and between events.
TEST_CASE("sse.comment.every-comment-line") {
  both(": OPENROUTER PROCESSING\n\ndata: a\n\n: OPENROUTER PROCESSING\n\ndata: b\n\n",
       comment(0, 0) + event_line(0, 25, 31, "a") + comment(34, 1) + event_line(1, 59, 65, "b"));
  // Between the data lines of one event, and after the leading BOM: the offset is the colon's.
  both("\xEF\xBB\xBF: hi\r\ndata: a\r\n:\r\ndata: b\r\n\r\n",
       finding_line("sse.bom", "info", 0, 0) + comment(3, 0) + comment(18, 0) +
           event_line(0, 9, 15, "a\nb"));
  // Not a comment: a colon later in the line, or after a space.
  both(" : x\n\n", finding_line("sse.ignored-line", "info", 0, 0));
}

TEST_CASE("sse.comment.message-quotes-the-line") {
  for (const std::string_view parser : {"whatwg", "tolerant"}) {
    CAPTURE(std::string(parser));
    Messages sink;
    auto p = harness::sse::find_parser(parser)->make(sink);
    p->feed(": keep-alive\n: caf\xFF\n");
    p->finish();
    REQUIRE(sink.findings.size() == 3);
    CHECK(sink.findings[0].message ==
          "comment \": keep-alive\"; valid SSE, but clients that parse every line as JSON fail on it");
    CHECK(sink.findings[1].rule == "sse.invalid-utf8");
    // The quoted line is the repaired one: a message is always valid UTF-8.
    CHECK(sink.findings[2].message == "comment \": caf\xEF\xBF\xBD\"; valid SSE, but clients that "
                                      "parse every line as JSON fail on it");
  }
}

// --- sse.no-space-after-colon -------------------------------------------------------------------

// TGI and several gateways: data:{...}. Once per stream, at the first value byte.
TEST_CASE("sse.no-space-after-colon.once-at-the-first-value") {
  both("data:{\"a\":1}\n\ndata:{\"b\":2}\n\n",
       no_space(5, 0) + event_line(0, 0, 5, "{\"a\":1}") + event_line(1, 14, 19, "{\"b\":2}"));
  // A tab is no space.
  both("data:\tx\n\n", no_space(5, 0) + event_line(0, 0, 5, "\tx"));
}

// Lines without a value do not count: a bare `data:`, `data` without a colon, `data: ` with its
// space. The first line that counts comes after them.
TEST_CASE("sse.no-space-after-colon.empty-values-do-not-count") {
  both("data:\ndata\ndata: \ndata: x\ndata:y\n\n",
       no_space(31, 0) + event_line(0, 0, 5, "\n\n\nx\ny"));
  both("data:\n\ndata\n\ndata: \n\n",
       event_line(0, 0, 5, "") + event_line(1, 7, 11, "") + event_line(2, 13, 19, ""));
  // Other fields are not data lines.
  both("event:x\nid:1\nretry:5\ndata: a\n\n", event_line(0, 0, 27, "a", "x", "1"));
}

// Seed 000: the JSON on the line after a bare `data:` is no `data:` line, so it is not reported
// as a value without a space (sse.payload-on-next-line already says what happened).
TEST_CASE("sse.no-space-after-colon.not-for-the-payload-on-the-next-line") {
  check_log("tolerant", "data:\n{\"a\":1}\n\ndata:{}\n\n",
            finding_line("sse.payload-on-next-line", "error", 6, 0) +
                event_line(0, 0, 6, "{\"a\":1}") + no_space(20, 1) + event_line(1, 15, 20, "{}"));
  check_log("tolerant", "data:\n{\"a\":1}\n\n",
            finding_line("sse.payload-on-next-line", "error", 6, 0) +
                event_line(0, 0, 6, "{\"a\":1}"));
}

// tolerant cuts the pending event off first: the note belongs to the new one.
TEST_CASE("sse.no-space-after-colon.after-a-missing-blank-line") {
  check_log("tolerant", "data: {}\ndata:{}\n\n",
            finding_line("sse.blank-line-missing", "error", 9, 0) + event_line(0, 0, 6, "{}") +
                no_space(14, 1) + event_line(1, 9, 14, "{}"));
  check_log("whatwg", "data: {}\ndata:{}\n\n", no_space(14, 0) + event_line(0, 0, 6, "{}\n{}"));
}

// --- sse.cr-line-ends ------------------------------------------------------------------------------

TEST_CASE("sse.cr-line-ends.once-at-the-first-bare-cr") {
  both("data: a\r\ndata: b\rdata: c\r\r",
       bare_cr(16, 0) + event_line(0, 0, 6, "a\nb\nc"));
  both("data: a\r\n\r\n", event_line(0, 0, 6, "a"));
  // At the very end of the stream: no LF can follow any more.
  both("data: a\n\n\r", event_line(0, 0, 6, "a") + bare_cr(9, 1));
}

// Reported once the line the CR ends was processed, before the next line: here that line is blank
// and dispatches event 0, so the finding has event 1 — also when the CR ends a feed and the next
// byte arrives later.
TEST_CASE("sse.cr-line-ends.event-is-the-one-after-the-line-it-ends") {
  both("data: a\n\rdata: b\n\n",
       event_line(0, 0, 6, "a") + bare_cr(8, 1) + event_line(1, 9, 15, "b"));
  both("data: a\r\rdata: b\n\n",
       bare_cr(7, 0) + event_line(0, 0, 6, "a") + event_line(1, 9, 15, "b"));
}

// A CR ending one feed and a LF starting the next are one CRLF; a CR ending one feed and anything
// else starting the next is bare. (The split runner also cuts between every CR and LF above.)
TEST_CASE("sse.cr-line-ends.crlf-across-feeds-is-not-bare") {
  for (const std::string_view parser : {"whatwg", "tolerant"}) {
    CAPTURE(std::string(parser));
    CHECK(log_of_chunks(parser, {"data: a\r", "", "\n\r", "\n"}) == event_line(0, 0, 6, "a"));
    CHECK(log_of_chunks(parser, {"data: a\r", "", "data: b\r\n\r\n"}) ==
          bare_cr(7, 0) + event_line(0, 0, 6, "a\nb"));
  }
}

TEST_CASE("sse.framing-notes.messages") {
  for (const std::string_view parser : {"whatwg", "tolerant"}) {
    CAPTURE(std::string(parser));
    Messages sink;
    auto p = harness::sse::find_parser(parser)->make(sink);
    p->feed("data:x\rdata:y\r\r");
    p->finish();
    REQUIRE(sink.findings.size() == 2);
    CHECK(sink.findings[0].message == "data: is followed directly by its value; clients that strip "
                                      "a fixed \"data: \" prefix lose the first byte");
    CHECK(sink.findings[1].message == "a bare CR ends this line; clients that split lines on LF "
                                      "only run it into the next one");
  }
}
