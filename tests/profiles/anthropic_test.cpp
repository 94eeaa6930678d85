// The Anthropic SDK profiles (anthropic-sdk-python, anthropic-sdk-typescript): where each
// MessageStream departs from the harness's reference decoder, and from each other. Every stream
// also runs at every split (profile_support.hpp).
#include <doctest/doctest.h>

#include "profiles/profile_support.hpp"

using namespace profile_test;
using harness::StreamResult;

namespace {

const std::string kPy = "anthropic-sdk-python";
const std::string kTs = "anthropic-sdk-typescript";

const std::pair<std::string, std::string> kStart{
    "message_start",
    R"({"type":"message_start","message":{"id":"m","type":"message","role":"assistant",)"
    R"("content":[],"stop_reason":null,"usage":{"input_tokens":7,"output_tokens":1}}})"};
const std::pair<std::string, std::string> kTextStart{
    "content_block_start",
    R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"};

std::pair<std::string, std::string> text_delta(int index, const std::string &text) {
  return {"content_block_delta", R"({"type":"content_block_delta","index":)" +
                                     std::to_string(index) +
                                     R"(,"delta":{"type":"text_delta","text":")" + text + "\"}}"};
}

std::pair<std::string, std::string> message_delta(const std::string &reason, int output) {
  return {"message_delta", R"({"type":"message_delta","delta":{"stop_reason":)" + reason +
                               R"(},"usage":{"output_tokens":)" + std::to_string(output) + "}}"};
}

const std::pair<std::string, std::string> kStop{"message_stop", R"({"type":"message_stop"})"};

} // namespace

// The common path: both SDKs show what the reference shows.
TEST_CASE("profiles.anthropic-text") {
  const std::string s =
      typed_sse({kStart, kTextStart, text_delta(0, "Hel"), text_delta(0, "lo"),
                 {"content_block_stop", R"({"type":"content_block_stop","index":0})"},
                 message_delta("\"end_turn\"", 3), kStop});
  for (const std::string &p : {kPy, kTs}) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(!r.raised);
    CHECK(r.done);
    const auto &c = only_choice(r);
    CHECK(c.role == "assistant");
    CHECK(c.text == "Hello");
    CHECK(c.finish_reason == "end_turn");
    REQUIRE(r.usage);
    CHECK(r.usage->prompt_tokens == 7);
    CHECK(r.usage->completion_tokens == 3);
  }
}

// `snapshot.stop_reason = event.delta.stop_reason` in both SDKs: a later message_delta with
// stop_reason null erases the reason (the reference keeps the first non-empty one).
TEST_CASE("profiles.anthropic-stop-reason-overwritten") {
  const std::string s = typed_sse({kStart, kTextStart, text_delta(0, "a"),
                                   message_delta("\"end_turn\"", 2), message_delta("null", 3),
                                   kStop});
  for (const std::string &p : {kPy, kTs}) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(!only_choice(r).finish_reason);
    CHECK(r.usage->completion_tokens == 3);
  }
}

// Captures rebuilt from JSON lines have no `event:` lines. Python's Stream yields only events whose
// SSE type it knows, TypeScript's skips `sse.event === null`: neither reads anything, and each
// fails its own way at the end.
TEST_CASE("profiles.anthropic-without-event-lines") {
  const std::string s = typed_sse({{"", kStart.second}, {"", kTextStart.second},
                                   {"", text_delta(0, "a").second}, {"", kStop.second}});
  const StreamResult py = replay_all(kPy, s);
  CHECK(py.raised == "AssertionError");
  CHECK(py.choices.empty());
  const StreamResult ts = replay_all(kTs, s);
  CHECK(ts.raised == "request ended without sending any chunks");
  CHECK(ts.events == 4);
}

// An event before message_start: Python's accumulate_event raises, TypeScript's ignores it.
TEST_CASE("profiles.anthropic-event-before-message-start") {
  const std::string s =
      typed_sse({kTextStart, kStart, kTextStart, text_delta(0, "a"), message_delta("\"end_turn\"", 1),
                 kStop});
  CHECK(replay_all(kPy, s).raised ==
        "Unexpected event order, got content_block_start before \"message_start\"");
  const StreamResult ts = replay_all(kTs, s);
  CHECK(!ts.raised);
  CHECK(only_choice(ts).text == "a");
}

// A stream cut before message_stop: Python's get_final_message() returns the snapshot; TypeScript's
// finalMessage() throws (the message is only recorded at message_stop).
TEST_CASE("profiles.anthropic-no-message-stop") {
  const std::string s = typed_sse({kStart, kTextStart, text_delta(0, "partial")});
  const StreamResult py = replay_all(kPy, s);
  CHECK(!py.raised);
  CHECK(!py.done);
  CHECK(only_choice(py).text == "partial");
  CHECK(replay_all(kTs, s).raised ==
        "stream ended without producing a Message with role=assistant");
}

// `event: error`: Python raises with str() of the parsed body (a dict's repr), TypeScript with
// APIError's message (JSON.stringify of a body without a top-level message).
TEST_CASE("profiles.anthropic-error-event") {
  const std::string s = typed_sse(
      {kStart, {"error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"}});
  const StreamResult py = replay_all(kPy, s);
  CHECK(py.raised == "{'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'Overloaded'}}");
  REQUIRE(py.errors.size() == 1);
  CHECK(py.errors[0].source == "event");
  const StreamResult ts = replay_all(kTs, s);
  CHECK(ts.raised == R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
  CHECK(ts.errors.size() == 1);
}

// Blocks are appended as content_block_start events arrive: their `index` is never read, and a
// delta finds its block by position. A tool block's arguments are the JSON its input was parsed
// from; a second message_start throws in TypeScript and changes nothing in Python.
TEST_CASE("profiles.anthropic-blocks-by-arrival") {
  const std::string s = typed_sse(
      {kStart,
       {"content_block_start",
        R"({"type":"content_block_start","index":5,"content_block":{"type":"tool_use","id":"t1","name":"get","input":{}}})"},
       {"content_block_delta",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\": "}})"},
       {"content_block_delta",
        R"({"type":"content_block_delta","index":-1,"delta":{"type":"input_json_delta","partial_json":"1}"}})"},
       message_delta("\"tool_use\"", 4), kStop});
  for (const std::string &p : {kPy, kTs}) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(!r.raised);
    const auto &c = only_choice(r);
    REQUIRE(c.tool_calls.size() == 1);
    CHECK(c.tool_calls[0].id == "t1");
    CHECK(c.tool_calls[0].type == "tool_use");
    CHECK(c.tool_calls[0].name == "get");
    CHECK(c.tool_calls[0].arguments == "{\"a\": 1}");
  }
  const std::string twice = typed_sse({kStart, kStart, kStop});
  CHECK(!replay_all(kPy, twice).raised);
  CHECK(replay_all(kTs, twice).raised ==
        "Unexpected event order, got message_start before receiving \"message_stop\"");
}

// A delta for a block that does not exist: Python's list index raises, TypeScript's Array.at()
// finds nothing and then reads `.type` of the last block, which is undefined.
TEST_CASE("profiles.anthropic-delta-without-block") {
  const std::string s = typed_sse({kStart, text_delta(0, "a"), kStop});
  CHECK(replay_all(kPy, s).raised == "list index out of range");
  CHECK(replay_all(kTs, s).raised == "Cannot read properties of undefined (reading 'type')");
}
