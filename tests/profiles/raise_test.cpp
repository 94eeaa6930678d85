// When each SDK profile's client raises, with which message, and what the result keeps. Every
// stream also runs at every split (profile_support.hpp).
#include <doctest/doctest.h>

#include "profiles/profile_support.hpp"

using namespace profile_test;
using harness::StreamResult;

namespace {
const std::string kFirst = chunk(R"({"role":"assistant","content":"hi"})");
}

// A top-level "error" object mid-stream (OpenRouter, vLLM). python and node raise when it is
// truthy, with error.message; go raises when the key exists and words it itself. Nothing after
// the error is read; the text so far stays; the error is also listed as a StreamError.
TEST_CASE("profiles.error-key-raises") {
  const std::string s = sse({kFirst, R"({"error":{"message":"overloaded","code":502}})",
                             chunk(R"({"content":" more"})", "\"stop\""), "[DONE]"});
  struct Want {
    std::string profile, message;
  };
  for (const Want &w :
       {Want{"openai-python", "overloaded"}, Want{"openai-node", "overloaded"},
        Want{"openai-go", R"(received error while streaming: {"message":"overloaded","code":502})"},
        Want{"litellm", "overloaded"}}) {
    CAPTURE(w.profile);
    const StreamResult r = replay_all(w.profile, s);
    CHECK(r.raised == w.message);
    CHECK(r.events == 2);
    CHECK(!r.done);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == w.message);
    CHECK(r.errors[0].source == "payload");
    CHECK(r.errors[0].event == 1);
    if (w.profile != "litellm") // LiteLLM builds its result only after the stream ended
      CHECK(only_choice(r).text == "hi");
  }
}

// `"error": null` on an ordinary chunk (some gateways send it on every chunk): falsy for python
// and node, but gjson's Exists() is true for a null value, so go raises.
TEST_CASE("profiles.error-key-null") {
  const std::string s = sse(
      {chunk(R"({"role":"assistant","content":"hi"})", "\"stop\"", R"(,"error":null)"), "[DONE]"});
  CHECK(!replay_all("openai-python", s).raised);
  CHECK(!replay_all("openai-node", s).raised);
  CHECK(!replay_all("litellm", s).raised);
  const StreamResult go = replay_all("openai-go", s);
  CHECK(go.raised == "received error while streaming: ");
  CHECK(go.choices.empty());
}

// An error object without a usable message: each SDK's fallback wording. node's makeMessage
// JSON.stringify()s the error (a string error keeps its quotes).
TEST_CASE("profiles.error-key-without-message") {
  const std::string s = sse({kFirst, R"({"error":"boom"})"});
  CHECK(replay_all("openai-python", s).raised == "An error occurred during streaming");
  CHECK(replay_all("openai-node", s).raised == "\"boom\"");
  CHECK(replay_all("openai-go", s).raised == "received error while streaming: boom");
}

// `event: error`: python and go treat it like any event with an "error" key; node throws with
// data.error or data.message.
TEST_CASE("profiles.error-event") {
  const std::string s =
      "data: " + kFirst + "\n\nevent: error\ndata: {\"message\":\"rate limited\"}\n\n";
  const StreamResult node = replay_all("openai-node", s);
  CHECK(node.raised == "rate limited");
  REQUIRE(node.errors.size() == 1);
  CHECK(node.errors[0].source == "event");
  // No "error" key: python and go read it as a chunk. python's helper needs `object` ...
  CHECK(replay_all("openai-python", s).raised ==
        "'ChatCompletionChunk' object has no attribute 'object'");
  // ... go's accumulator sees a chunk with an empty id, which differs from "c1": rejected.
  const StreamResult go = replay_all("openai-go", s);
  CHECK(!go.raised);
  CHECK(only_choice(go).text == "hi");
}

// Data that is not JSON: the runtime's own parser error is what the client raises, except in
// openai-node 7, whose Stream replaces JSON.parse's SyntaxError by its own wording.
TEST_CASE("profiles.invalid-json") {
  const std::string truncated = sse({kFirst, "{\"a\":"});
  CHECK(replay_all("openai-python", truncated).raised ==
        "Expecting value: line 1 column 6 (char 5)");
  CHECK(replay_all("openai-node", truncated).raised ==
        "Error reading response: malformed server-sent event JSON.");
  CHECK(replay_all("openai-go", truncated).raised == "unexpected end of JSON input");
  CHECK(replay_all("litellm", truncated).raised == "Expecting value: line 1 column 6 (char 5)");

  const std::string word = sse({kFirst, "hello"});
  CHECK(replay_all("openai-python", word).raised == "Expecting value: line 1 column 1 (char 0)");
  CHECK(replay_all("openai-node", word).raised ==
        "Error reading response: malformed server-sent event JSON.");
  CHECK(replay_all("openai-go", word).raised ==
        "invalid character 'h' looking for beginning of value");
  const StreamResult r = replay_all("openai-node", word);
  CHECK(only_choice(r).text == "hi");
  CHECK(r.errors.empty());
}

// A stream with no chunk at all (only [DONE]): node's #endRequest throws, python's
// get_final_completion() fails its assertion, go has an empty accumulator, LiteLLM's builder
// returns None.
TEST_CASE("profiles.no-chunks") {
  const std::string s = sse({"[DONE]"});
  CHECK(replay_all("openai-node", s).raised == "request ended without sending any chunks");
  CHECK(replay_all("openai-python", s).raised == "AssertionError");
  for (const auto &p : {"openai-go", "litellm"}) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(!r.raised);
    CHECK(r.done);
    CHECK(r.choices.empty());
  }
}

// finish_reason "length": openai-python's get_final_completion() runs parse_chat_completion,
// which raises LengthFinishReasonError whether or not a response format was asked for.
TEST_CASE("profiles.python-length-finish-raises") {
  const std::string s =
      sse({chunk(R"({"role":"assistant","content":"cut"})", "\"length\""), "[DONE]"});
  const StreamResult python = replay_all("openai-python", s);
  CHECK(python.raised == "Could not parse response content as the length limit was reached");
  CHECK(only_choice(python).text == "cut");
  CHECK(!replay_all("openai-node", s).raised);
  CHECK(only_choice(replay_all("litellm", s)).finish_reason == "length");
}

// A tool call that never gets an id: openai-node 7's finalizeChatCompletion generates one
// (`call_${uuid4()}`, random: shown as null); python keeps none either.
TEST_CASE("profiles.node-tool-call-without-id") {
  const std::string s = sse(
      {chunk(
           R"({"role":"assistant","tool_calls":[{"index":0,"type":"function","function":{"name":"f","arguments":"{}"}}]})",
           "\"tool_calls\""),
       "[DONE]"});
  const StreamResult node = replay_all("openai-node", s);
  CHECK(!node.raised);
  REQUIRE(only_choice(node).tool_calls.size() == 1);
  CHECK(!only_choice(node).tool_calls[0].id);
  CHECK(!replay_all("openai-python", s).raised);
  // LiteLLM keeps only tool calls that have both an id and a name.
  CHECK(only_choice(replay_all("litellm", s)).tool_calls.empty());
}

// openai-node 7 refuses a choice or tool call whose index is not an integer from 0 to 127 (Mistral
// sends tool calls without an index); python merges them by position.
TEST_CASE("profiles.node-invalid-index") {
  const std::string no_index = sse(
      {chunk(
           R"({"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]})",
           "\"tool_calls\""),
       "[DONE]"});
  CHECK(replay_all("openai-node", no_index).raised ==
        "Chat completion stream contains an invalid tool call index: undefined");
  const std::string big = sse({R"({"id":"c1","choices":[{"index":128,"delta":{"content":"x"}}]})"});
  CHECK(replay_all("openai-node", big).raised ==
        "Chat completion stream contains an invalid choice index: 128");
}

// A tool call without `type`: openai-node 7 throws when the call ends (the next call starts or a
// finish_reason arrives), before finalizeChatCompletion would.
TEST_CASE("profiles.node-tool-call-without-type") {
  const std::string s = sse(
      {chunk(R"({"role":"assistant","tool_calls":[{"index":0,"id":"c1","function":{"name":"f","arguments":"{}"}}]})"),
       chunk(R"({})", "\"tool_calls\""), "[DONE]"});
  const StreamResult node = replay_all("openai-node", s);
  CHECK(node.raised == "tool call snapshot missing `type`");
  CHECK(node.events == 2);
}

// openai-node 7 merges a chunk's top-level fields (usage among them) into its snapshot only when
// the chunk has an id, or is the first: a usage chunk without an id is lost.
TEST_CASE("profiles.node-usage-needs-an-id") {
  const std::string s = sse({chunk(R"({"role":"assistant","content":"hi"})", "\"stop\""),
                             R"({"object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}})",
                             "[DONE]"});
  CHECK(!replay_all("openai-node", s).usage);
  REQUIRE(replay_all("openai-python", s).usage);
}
