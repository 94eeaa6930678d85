// The `lines` parser: what a hand-written `for line in iter_lines(): if startswith("data: ")`
// client sees.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "sse/replay_log.hpp"

using harness::sse::test::check_log;
using harness::sse::test::event_line;

namespace {
void lines(std::string_view input, const std::string &expected) {
  check_log("lines", input, expected);
}
} // namespace

TEST_CASE("sse.lines.one-event-per-data-line") {
  lines("data: a\ndata: b\n\n", event_line(0, 0, 6, "a") + event_line(1, 8, 14, "b"));
  lines("data: \n", event_line(0, 0, 6, ""));
  lines("data: a\n\n\ndata: b\n", event_line(0, 0, 6, "a") + event_line(1, 10, 16, "b"));
}

TEST_CASE("sse.lines.crlf-trailing-cr-dropped") {
  lines("data: a\r\ndata: b\r\n\r\n", event_line(0, 0, 6, "a") + event_line(1, 9, 15, "b"));
}

TEST_CASE("sse.lines.bare-cr-not-a-line-end") {
  lines("data: a\rdata: b\n", event_line(0, 0, 6, "a\rdata: b"));
  lines("data: a\r\r\n", event_line(0, 0, 6, "a\r"));
}

TEST_CASE("sse.lines.data-without-space-and-other-fields-dropped") {
  lines("data:x\ndata: y\nevent: e\n\n", event_line(0, 7, 13, "y"));
  lines(": x\nid: 1\ndata: z\n", event_line(0, 10, 16, "z"));
  lines("Data: a\n data: b\ndata\n", "");
}

TEST_CASE("sse.lines.final-unterminated-line-processed") {
  lines("data: a\ndata: b", event_line(0, 0, 6, "a") + event_line(1, 8, 14, "b"));
  lines("data: b\r", event_line(0, 0, 6, "b"));
}

TEST_CASE("sse.lines.raw-bytes-no-repair-no-bom-strip") {
  lines("data: \xFF\n", event_line(0, 0, 6, "\xFF"));
  lines("\xEF\xBB\xBF"
        "data: a\n",
        "");
}
