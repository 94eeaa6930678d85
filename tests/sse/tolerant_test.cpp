// The `tolerant` parser: each repair with its finding and offset, the cases it must not repair,
// and agreement with `whatwg` on well-formed streams.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "sse/replay_log.hpp"

using namespace std::literals;
using harness::sse::test::check_log;
using harness::sse::test::event_line;
using harness::sse::test::finding_line;
using harness::sse::test::replay_all_splits;

namespace {
void tolerant(std::string_view input, const std::string &expected) {
  check_log("tolerant", input, expected);
}
} // namespace

// GLM / Kimi style: events separated by a single newline.
TEST_CASE("sse.tolerant.blank-line-missing-after-complete-json") {
  tolerant("data: {\"a\":1}\ndata: {\"b\":2}\n\n",
           finding_line("sse.blank-line-missing", "error", 14, 0) +
               event_line(0, 0, 6, "{\"a\":1}") + event_line(1, 14, 20, "{\"b\":2}"));
  tolerant("data: {\"a\":[1,{\"b\":2}]}\ndata: [1]\n\n",
           finding_line("sse.blank-line-missing", "error", 24, 0) +
               event_line(0, 0, 6, "{\"a\":[1,{\"b\":2}]}") + event_line(1, 24, 30, "[1]"));
}

TEST_CASE("sse.tolerant.blank-line-missing-before-done") {
  tolerant(
      "data: {\"a\":1}\ndata: [DONE]\n",
      finding_line("sse.blank-line-missing", "error", 14, 0) + event_line(0, 0, 6, "{\"a\":1}") +
          finding_line("sse.unterminated-event", "error", 14, 1) + event_line(1, 14, 20, "[DONE]"));
  tolerant("data: [DONE]\ndata: [DONE]\n\n",
           finding_line("sse.blank-line-missing", "error", 13, 0) + event_line(0, 0, 6, "[DONE]") +
               event_line(1, 13, 19, "[DONE]"));
}

// An `event:` line opens a new event when the pending one already has its type; the type goes to
// the new one.
TEST_CASE("sse.tolerant.blank-line-missing-before-event-line") {
  tolerant("event: a\ndata: {}\nevent: x\ndata: {}\n\n",
           finding_line("sse.blank-line-missing", "error", 18, 0) +
               event_line(0, 0, 15, "{}", "a") + event_line(1, 18, 33, "{}", "x"));
}

// `data:` before `event:` in one block is legal field order (Amazon Bedrock's Responses streams):
// not a missing blank line. Without blank lines, the next data line is.
TEST_CASE("sse.tolerant.event-line-after-data-is-field-order") {
  tolerant("data: {}\nevent: x\n\ndata: {}\nevent: y\n\n",
           event_line(0, 0, 6, "{}", "x") + event_line(1, 19, 25, "{}", "y"));
  tolerant("data: {}\nevent: x\ndata: {}\n\n",
           finding_line("sse.blank-line-missing", "error", 18, 0) + event_line(0, 0, 6, "{}", "x") +
               event_line(1, 18, 24, "{}"));
}

// Legitimately multi-line payloads must still be joined with LF, as whatwg does.
TEST_CASE("sse.tolerant.multi-line-json-not-split") {
  tolerant("data: {\"a\":\ndata: 1}\n\n", event_line(0, 0, 6, "{\"a\":\n1}"));
  // Brackets and escaped quotes inside strings do not count.
  tolerant("data: {\"s\":\"a}b\\\"c\"\ndata: }\n\n", event_line(0, 0, 6, "{\"s\":\"a}b\\\"c\"\n}"));
  tolerant("data: [\"]\", \"\\\\\"\ndata: ]\n\n", event_line(0, 0, 6, "[\"]\", \"\\\\\"\n]"));
  tolerant("data: hello\ndata: world\n\n", event_line(0, 0, 6, "hello\nworld"));
  // Text after a closed value: not one complete value, so nothing is cut.
  tolerant("data: {} x\ndata: {}\n\n", event_line(0, 0, 6, "{} x\n{}"));
  // `id:` after a complete payload is ordinary (the id belongs to this event).
  tolerant("data: {}\nid: 7\n\n", event_line(0, 0, 6, "{}", "message", "7"));
}

// grok-3 proxy (seed 000): `data:` alone, the JSON on the next line.
TEST_CASE("sse.tolerant.payload-on-next-line") {
  tolerant("data:\n{\"a\":1}\n\n", finding_line("sse.payload-on-next-line", "error", 6, 0) +
                                       event_line(0, 0, 6, "{\"a\":1}"));
  tolerant("data:\n[1]\n\n",
           finding_line("sse.payload-on-next-line", "error", 6, 0) + event_line(0, 0, 6, "[1]"));
  tolerant("data: {}\ndata:\n{}\n",
           finding_line("sse.blank-line-missing", "error", 9, 0) + event_line(0, 0, 6, "{}") +
               finding_line("sse.payload-on-next-line", "error", 15, 1) +
               finding_line("sse.unterminated-event", "error", 9, 1) + event_line(1, 9, 15, "{}"));
  // whatwg ignores that line and dispatches the empty data line.
  check_log("whatwg", "data:\n{\"a\":1}\n\n",
            finding_line("sse.ignored-line", "info", 6, 0) + event_line(0, 0, 5, ""));
}

TEST_CASE("sse.tolerant.payload-on-next-line-only-right-after-first-bare-data") {
  // The bare `data:` was not the event's first data line.
  tolerant("data: x\ndata:\n{}\n\n",
           finding_line("sse.ignored-line", "info", 14, 0) + event_line(0, 0, 6, "x\n"));
  // Not right after: a comment came in between.
  tolerant("data:\n: c\n{}\n\n", finding_line("sse.comment", "info", 6, 0) +
                                    finding_line("sse.ignored-line", "info", 10, 0) +
                                    event_line(0, 0, 5, ""));
  // The next line is not JSON.
  tolerant("data:\nabc\n\n",
           finding_line("sse.ignored-line", "info", 6, 0) + event_line(0, 0, 5, ""));
}

TEST_CASE("sse.tolerant.unterminated-event-dispatched") {
  tolerant("data: a",
           finding_line("sse.unterminated-event", "error", 0, 0) + event_line(0, 0, 6, "a"));
  tolerant("data: a\r", finding_line("sse.cr-line-ends", "warning", 7, 0) +
                           finding_line("sse.unterminated-event", "error", 0, 0) +
                           event_line(0, 0, 6, "a"));
  tolerant("id: 1\ndata: a\n", finding_line("sse.unterminated-event", "error", 0, 0) +
                                   event_line(0, 0, 12, "a", "message", "1"));
  tolerant("event: x\n", "");
  // The incomplete last line is processed as a line: here a comment.
  tolerant("data: a\n\n: c", event_line(0, 0, 6, "a") + finding_line("sse.comment", "info", 9, 1));
}

TEST_CASE("sse.tolerant.bom") {
  tolerant("\xEF\xBB\xBF"
           "data: a\n\n",
           finding_line("sse.bom", "info", 0, 0) + event_line(0, 3, 9, "a"));
  tolerant("data: a\n\xEF\xBB\xBF"
           "data: b\n\n",
           finding_line("sse.bom-mid-stream", "error", 8, 0) + event_line(0, 0, 6, "a\nb"));
  tolerant("\xEF\xBB\xBF\xEF\xBB\xBF"
           "data: a\n\n",
           finding_line("sse.bom", "info", 0, 0) +
               finding_line("sse.bom-mid-stream", "error", 3, 0) + event_line(0, 6, 12, "a"));
}

TEST_CASE("sse.tolerant.invalid-utf8") {
  tolerant("data: a\xFF"
           "b\n\n",
           finding_line("sse.invalid-utf8", "error", 7, 0) + event_line(0, 0, 6,
                                                                        "a\xEF\xBF\xBD"
                                                                        "b"));
  tolerant("data:\n[\"\xFF\"]\n\n", finding_line("sse.invalid-utf8", "error", 8, 0) +
                                        finding_line("sse.payload-on-next-line", "error", 6, 0) +
                                        event_line(0, 0, 6, "[\"\xEF\xBF\xBD\"]"));
}

TEST_CASE("sse.tolerant.ignored-line") {
  tolerant("foo: 1\ndata: a\n\n",
           finding_line("sse.ignored-line", "info", 0, 0) + event_line(0, 7, 13, "a"));
}

// Where nothing needs repair, tolerant reports exactly what whatwg does.
TEST_CASE("sse.tolerant.agrees-with-whatwg-on-well-formed-streams") {
  const std::string_view inputs[] = {
      "data: a\n\n",
      "\xEF\xBB\xBF"
      "data: a\r\ndata: b\r\n\r\n",
      "event: x\ndata: {\"a\":\ndata: 1}\nid: 3\n\nid\ndata\n\n",
      ": comment\nretry: 5\nfoo\ndata: a\0b\n\n"sv,
      "data: {\"s\":\"\xE2\x80\xA8\"}\r\rdata: [DONE]\r\r",
  };
  for (const std::string_view input : inputs) {
    CAPTURE(harness::sse::test::escape(input));
    const auto w = replay_all_splits("whatwg", input);
    const auto t = replay_all_splits("tolerant", input);
    CHECK(w.mismatch.empty());
    CHECK(t.mismatch.empty());
    CHECK(t.log == w.log);
  }
}
