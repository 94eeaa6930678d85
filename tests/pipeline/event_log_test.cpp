// pipeline.event-log-*: what `replay --events` prints and `check` compares: every implementation's
// dispatched events with block offsets, the last id, the block's own retry, whole or split.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/implementation.hpp"
#include "pipeline/replay.hpp"
#include "report/event_log_json.hpp"

using harness::pipeline::EventLog;
using harness::pipeline::find_implementation;
using harness::pipeline::implementations;
using harness::pipeline::replay;
using harness::pipeline::replay_logged;
using harness::split::Split;

namespace {

// retry and id in the first block, a named event over CRLF, an unterminated tail.
const std::string kStream = ": c\nretry: 0030\nid: 7\ndata: a\ndata: b\n\nevent: ping\r\ndata: x\r\n\r\n"
                            "data: tail";

EventLog log_of(const char *impl, const std::string &stream, Split split = Split{}) {
  const auto *i = find_implementation(impl);
  REQUIRE(i);
  return replay_logged(stream, *i, "sse", split).events;
}

} // namespace

TEST_CASE("pipeline.event-log-whatwg-fields") {
  const EventLog log = log_of("whatwg", kStream);
  REQUIRE(log.size() == 2);
  CHECK(log[0].index == 0);
  CHECK(log[0].offset == 4); // the retry line opens the block; the comment does not
  CHECK(log[0].type == "message");
  CHECK(log[0].data == "a\nb");
  CHECK(log[0].id == "7");
  CHECK(log[0].retry == "30"); // canonical decimal
  CHECK(log[1].index == 1);
  CHECK(log[1].offset == kStream.find("event: ping"));
  CHECK(log[1].type == "ping");
  CHECK(log[1].id == "7");      // the last id stays in force
  CHECK(log[1].retry.empty());  // retry belongs to its own block only
  CHECK(harness::report::to_json_line(log[0]) ==
        R"({"index":0,"offset":4,"type":"message","data":"a\nb","id":"7","retry":30})");
  CHECK(harness::report::to_json_line(log[1]).find("retry") == std::string::npos);
}

TEST_CASE("pipeline.event-log-differs-per-implementation") {
  CHECK(log_of("tolerant", kStream).size() == 3); // the tail dispatched (a repair)
  const EventLog lines = log_of("lines", kStream);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].data == "a");
  CHECK(lines[0].offset == kStream.find("data: a"));
  CHECK(lines[2].data == "x"); // one CR before LF dropped
  CHECK(lines[3].data == "tail");
  // openai-python's SSEDecoder: event None logged as "message", id and retry as int() reads it.
  const EventLog python = log_of("openai-python", ": c\nretry: -0_5\ndata: a\n\n");
  REQUIRE(python.size() == 1);
  CHECK(python[0].type == "message");
  CHECK(python[0].retry == "-5");
  // openai-go appends LF after each data line and ignores id.
  const EventLog go = log_of("openai-go", kStream);
  REQUIRE(go.size() == 2);
  CHECK(go[0].data == "a\nb\n");
  CHECK(go[0].id.empty());
}

TEST_CASE("pipeline.event-log-ill-formed-bytes-logged-as-replacement") {
  const EventLog lines = log_of("lines", "data: \xff" "a\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].data == "\xEF\xBF\xBD" "a");
}

TEST_CASE("pipeline.event-log-same-under-every-split-for-every-implementation") {
  for (const auto &impl : implementations()) {
    CAPTURE(impl.name);
    if (!handles(impl, "sse"))
      continue; // google-genai-python: no SSE parser, no SSE-level cases
    const EventLog whole = replay_logged(kStream, impl, "sse", Split{}).events;
    for (size_t k = 1; k < kStream.size(); ++k) {
      CAPTURE(k);
      CHECK(replay_logged(kStream, impl, "sse", Split{Split::Kind::at, k}).events == whole);
    }
  }
}

TEST_CASE("pipeline.event-log-recording-changes-no-result") {
  for (const auto &impl : implementations()) {
    CAPTURE(impl.name);
    for (const char *dialect : {"sse", "openai-chat"}) {
      if (!harness::pipeline::handles(impl, dialect))
        continue;
      const std::string chat = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
                               "data: [DONE]\n\n";
      CHECK(replay_logged(chat, impl, dialect, Split{}).result == replay(chat, impl, dialect, Split{}));
    }
  }
}
