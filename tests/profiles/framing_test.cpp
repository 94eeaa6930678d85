// Each SDK profile's own line splitting and event dispatch, shown on hand-made streams; every
// stream also runs at every split (profile_support.hpp).
#include <doctest/doctest.h>

#include "profiles/profile_support.hpp"

using namespace profile_test;
using harness::StreamResult;

namespace {

std::string with_line_end(const std::vector<std::string> &payloads, std::string_view eol) {
  std::string out;
  for (const std::string &p : payloads)
    out += "data: " + p + std::string(eol) + std::string(eol);
  return out;
}

const std::string kHello = chunk(R"({"role":"assistant","content":"hi"})", "\"stop\"");

} // namespace

// Lines ending in a bare CR. python (bytes.splitlines) and node (LineDecoder) split there; go's
// bufio.ScanLines splits on LF only, so the whole body is one line, never dispatched.
TEST_CASE("profiles.bare-cr-line-ends") {
  const std::string s = with_line_end({kHello, "[DONE]"}, "\r");
  for (const auto &p : {"openai-python", "openai-node", "litellm"}) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(r.events == 2);
    CHECK(r.done);
    CHECK(only_choice(r).text == "hi");
  }
  const StreamResult go = replay_all("openai-go", s);
  CHECK(go.events == 0);
  CHECK(!go.done);
  CHECK(go.choices.empty());
  CHECK(!go.raised);
}

// CRLF works everywhere: go's ScanLines drops the CR before LF.
TEST_CASE("profiles.crlf-line-ends") {
  const std::string s = with_line_end({kHello, "[DONE]"}, "\r\n");
  for (const auto &p : kChatProfiles) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(r.events == 2);
    CHECK(r.done);
    CHECK(only_choice(r).text == "hi");
  }
}

// A BOM at the start of every line. node decodes each line with a fresh TextDecoder, which strips
// a leading BOM every time; python decodes "\ufeffdata" as the field name and ignores the line;
// go does not decode at all and does the same. Only [DONE] (no BOM) gets through to them, so the
// python helper has no chunk at all when get_final_completion() runs.
TEST_CASE("profiles.bom-at-start-of-every-line") {
  const std::string bom = "\xEF\xBB\xBF";
  const std::string s = bom + "data: " + chunk(R"({"role":"assistant","content":"a"})") + "\n\n" +
                        bom + "data: " + chunk(R"({"content":"b"})", "\"stop\"") +
                        "\n\ndata: [DONE]\n\n";
  const StreamResult node = replay_all("openai-node", s);
  CHECK(node.events == 3);
  CHECK(only_choice(node).text == "ab");
  CHECK(!node.raised);
  const StreamResult python = replay_all("openai-python", s);
  CHECK(python.events == 1);
  CHECK(python.done);
  CHECK(python.choices.empty());
  CHECK(python.raised == "AssertionError");
  const StreamResult go = replay_all("openai-go", s);
  CHECK(go.events == 1);
  CHECK(go.choices.empty());
  CHECK(!go.raised);
  const StreamResult litellm = replay_all("litellm", s);
  CHECK(litellm.events == 1);
  CHECK(litellm.choices.empty()); // stream_chunk_builder([]) returns None
  CHECK(!litellm.raised);
}

// `data: [DONE]` followed by more bytes: python and go test a prefix and stop reading there;
// openai-node 7 ends only at data exactly `[DONE]` (`sse.data === '[DONE]'`), so "[DONE] bye" is
// JSON to it, which it refuses with its own wording.
TEST_CASE("profiles.done-prefix-match") {
  const std::string s = sse({kHello, "[DONE] bye", chunk(R"({"content":" more"})")});
  for (const auto &p : kChatProfiles) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(only_choice(r).text == "hi");
    CHECK(r.events == 2u);
    if (p == "openai-node") {
      CHECK(!r.done);
      CHECK(r.raised == "Error reading response: malformed server-sent event JSON.");
    } else {
      CHECK(r.done);
    }
  }
}

// `event: ping` with no data. python (any field set) and node (a non-empty event type) dispatch an
// event with empty data and then fail on JSON; go dispatches only blocks with data, so it skips it.
TEST_CASE("profiles.event-only-block") {
  const std::string s = "data: " + chunk(R"({"role":"assistant","content":"a"})") +
                        "\n\nevent: ping\n\ndata: " + chunk(R"({"content":"b"})", "\"stop\"") +
                        "\n\ndata: [DONE]\n\n";
  const StreamResult python = replay_all("openai-python", s);
  CHECK(python.raised == "Expecting value: line 1 column 1 (char 0)");
  CHECK(python.events == 2);
  CHECK(only_choice(python).text == "a"); // what came before the raise stays
  CHECK(replay_all("litellm", s).raised == "Expecting value: line 1 column 1 (char 0)");
  const StreamResult node = replay_all("openai-node", s);
  CHECK(node.raised == "Error reading response: malformed server-sent event JSON.");
  CHECK(only_choice(node).text == "a");
  const StreamResult go = replay_all("openai-go", s);
  CHECK(!go.raised);
  CHECK(go.events == 3);
  CHECK(only_choice(go).text == "ab");
}

// The body ends without the blank line after the last event. python and go decode the last lines
// but never see a blank line; openai-node 7's SSEDecoder.flush() dispatches the pending event at the
// end of the body, so it keeps the finish_reason the others lose.
TEST_CASE("profiles.unterminated-last-event") {
  const std::string s = "data: " + chunk(R"({"role":"assistant","content":"a"})") +
                        "\n\ndata: " + chunk(R"({"content":"b"})", "\"stop\"") + "\n";
  for (const auto &p : kChatProfiles) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(!r.done);
    if (p == "openai-node") {
      CHECK(r.events == 2);
      CHECK(only_choice(r).text == "ab");
      CHECK(only_choice(r).finish_reason == "stop");
      CHECK(!r.raised);
    } else {
      CHECK(r.events == 1);
      CHECK(only_choice(r).text == "a");
    }
  }
  CHECK(!replay_all("openai-python", s).raised);
}

// openai-python never resets the last event id, and a remembered id alone makes a blank line
// dispatch: after `id: 7`, the second blank line yields an event with empty data. node and go
// ignore `id:`.
TEST_CASE("profiles.python-id-makes-blank-lines-events") {
  const std::string s = "id: 7\ndata: " + kHello + "\n\n\ndata: [DONE]\n\n";
  const StreamResult python = replay_all("openai-python", s);
  CHECK(python.events == 2);
  CHECK(python.raised == "Expecting value: line 1 column 1 (char 0)");
  const StreamResult node = replay_all("openai-node", s);
  CHECK(node.events == 2);
  CHECK(node.done);
  CHECK(!node.raised);
}

// An event type on chat chunks. openai-node 7's Stream yields the parsed data of every event but
// `error` and `thread.*` (wrapped as {event, data}, which ChatCompletionStream cannot iterate);
// python and go ignore the type.
TEST_CASE("profiles.node-event-types") {
  const std::string s = "event: message\ndata: " + kHello + "\n\ndata: [DONE]\n\n";
  CHECK(only_choice(replay_all("openai-node", s)).text == "hi");
  CHECK(only_choice(replay_all("openai-python", s)).text == "hi");
  CHECK(only_choice(replay_all("openai-go", s)).text == "hi");
  const std::string thread = "event: thread.run\ndata: " + kHello + "\n\ndata: [DONE]\n\n";
  CHECK(replay_all("openai-node", thread).raised == "chunk.choices is not iterable");
}

// Ill-formed UTF-8 inside a payload. openai-python decodes every line strictly and raises
// UnicodeDecodeError (the profile keeps an sse.invalid-utf8 finding at the byte); node's
// TextDecoder and Go's JSON decoding replace it with U+FFFD (Go: one per byte).
TEST_CASE("profiles.invalid-utf8") {
  const std::string s =
      "data: " + chunk("{\"role\":\"assistant\",\"content\":\"a\xFF\xFE\"}", "\"stop\"") +
      "\n\ndata: [DONE]\n\n";
  const size_t bad = s.find('\xFF'); // the line starts at offset 0: same position in both
  const StreamResult python = replay_all("openai-python", s);
  CHECK(python.raised == "'utf-8' codec can't decode byte 0xff in position " + std::to_string(bad) +
                             ": invalid start byte");
  REQUIRE(python.findings.size() == 1);
  CHECK(python.findings[0].rule == "sse.invalid-utf8");
  CHECK(python.findings[0].offset == bad);
  CHECK(python.events == 0);
  CHECK(only_choice(replay_all("openai-node", s)).text == "a\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(only_choice(replay_all("openai-go", s)).text == "a\xEF\xBF\xBD\xEF\xBF\xBD");
}
