// How each SDK profile reassembles the same hand-made chat streams. Each case exists to show one
// reassembly policy side by side; every stream also runs at every split (profile_support.hpp).
#include <doctest/doctest.h>

#include "profiles/profile_support.hpp"

using namespace profile_test;
using harness::StreamResult;
using harness::Usage;

// Role repeated on every delta (xAI, seed 004). openai-python merges the delta dict into the
// message dict and str + str concatenates (lib/streaming/_deltas.py accumulate_delta); node
// overwrites (`if (role) choice.message.role = role`); go sets it when non-empty; LiteLLM takes
// the first chunk's.
TEST_CASE("profiles.role-repeated-on-every-delta") {
  const std::string s = sse({chunk(R"({"role":"assistant","content":"Hi"})"),
                             chunk(R"({"role":"assistant","content":"!"})"),
                             chunk(R"({"role":"assistant"})", "\"stop\""), "[DONE]"});
  CHECK(only_choice(replay_all("openai-python", s)).role == "assistantassistantassistant");
  CHECK(only_choice(replay_all("openai-node", s)).role == "assistant");
  CHECK(only_choice(replay_all("openai-go", s)).role == "assistant");
  CHECK(only_choice(replay_all("litellm", s)).role == "assistant");
  for (const auto &p : kChatProfiles) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(only_choice(r).text == "Hi!");
    CHECK(only_choice(r).finish_reason == "stop");
    CHECK(r.done);
    CHECK(!r.raised);
    CHECK(r.findings.empty());
  }
}

// reasoning_content in fragments: python concatenates (accumulate_delta), node keeps the last
// fragment (Object.assign(choice.message, rest)), go has no field for it, LiteLLM concatenates
// (get_combined_reasoning_content).
TEST_CASE("profiles.reasoning-content-fragments") {
  const std::string s =
      sse({chunk(R"({"role":"assistant","reasoning_content":"Let"})"),
           chunk(R"({"reasoning_content":" me"})"), chunk(R"({"reasoning_content":" think"})"),
           chunk(R"({"content":"42"})", "\"stop\""), "[DONE]"});
  CHECK(only_choice(replay_all("openai-python", s)).reasoning == "Let me think");
  CHECK(only_choice(replay_all("openai-node", s)).reasoning == " think");
  CHECK(only_choice(replay_all("openai-go", s)).reasoning.empty());
  CHECK(only_choice(replay_all("litellm", s)).reasoning == "Let me think");
  for (const auto &p : kChatProfiles)
    CHECK(only_choice(replay_all(p, s)).text == "42");
}

// A provider that repeats the tool call's id and name on every fragment. python concatenates
// both (str + str), node overwrites both (`if (id) tool_call.id = id`, `if (fn?.name) ...`), go
// overwrites the id but concatenates the name (`tool.Function.Name += ...`), LiteLLM overwrites
// both (get_combined_tool_content). Arguments are concatenated everywhere.
TEST_CASE("profiles.tool-call-id-and-name-repeated") {
  const auto call = [](std::string_view args) {
    return R"({"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get","arguments":")" +
           std::string(args) + R"("}}]})";
  };
  const std::string s = sse({chunk(R"({"role":"assistant"})"), chunk(call("{\\\"a\\\"")),
                             chunk(call(":1}")), chunk("{}", "\"tool_calls\""), "[DONE]"});
  struct Want {
    std::string profile, id, name;
  };
  for (const Want &w :
       {Want{"openai-python", "call_1call_1", "getget"}, Want{"openai-node", "call_1", "get"},
        Want{"openai-go", "call_1", "getget"}, Want{"litellm", "call_1", "get"}}) {
    CAPTURE(w.profile);
    const StreamResult r = replay_all(w.profile, s);
    const auto &c = only_choice(r);
    REQUIRE(c.tool_calls.size() == 1);
    CHECK(c.tool_calls[0].id == w.id);
    CHECK(c.tool_calls[0].name == w.name);
    CHECK(c.tool_calls[0].arguments == "{\"a\":1}");
    CHECK(c.tool_calls[0].type == "function");
    CHECK(c.finish_reason == "tool_calls");
    CHECK(!r.raised);
  }
}

// finish_reason sent twice, then a trailing chunk with a choice and finish_reason null (LM Studio,
// OpenRouter). python and node overwrite with every truthy value, so the LAST one wins (REFERENCE
// section 2 says "first truthy kept"; the sources say otherwise); go overwrites with every chunk,
// null included, so nothing is left; LiteLLM reads the last chunk that has choices (null there
// becomes its default "stop").
TEST_CASE("profiles.finish-reason-repeated") {
  const std::string s = sse({chunk(R"({"role":"assistant","content":"x"})", "\"stop\""),
                             chunk("{}", "\"tool_calls\""), chunk("{}", "null"), "[DONE]"});
  CHECK(only_choice(replay_all("openai-python", s)).finish_reason == "tool_calls");
  CHECK(only_choice(replay_all("openai-node", s)).finish_reason == "tool_calls");
  CHECK(!only_choice(replay_all("openai-go", s)).finish_reason);
  CHECK(only_choice(replay_all("litellm", s)).finish_reason == "stop");
}

// No finish_reason at all (Snowflake): only node throws, from finalizeChatCompletion, after the
// whole stream was read; what it accumulated stays in the result.
TEST_CASE("profiles.missing-finish-reason") {
  const std::string s = sse(
      {chunk(R"({"role":"assistant","content":"hel"})"), chunk(R"({"content":"lo"})"), "[DONE]"});
  const StreamResult node = replay_all("openai-node", s);
  CHECK(node.raised == "missing finish_reason for choice 0");
  CHECK(only_choice(node).text == "hello");
  CHECK(node.events == 3);
  CHECK(node.done);
  const StreamResult python = replay_all("openai-python", s);
  CHECK(!python.raised);
  CHECK(!only_choice(python).finish_reason);
  CHECK(!replay_all("openai-go", s).raised);
  CHECK(only_choice(replay_all("litellm", s)).finish_reason == "stop"); // its default
}

// Cumulative usage on every chunk (xAI, vLLM continuous usage): python and node keep the last
// chunk's, go sums them all, LiteLLM keeps the last non-zero counts and recomputes the total.
TEST_CASE("profiles.usage-cumulative") {
  const auto usage = [](int completion) {
    return ",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":" + std::to_string(completion) +
           ",\"total_tokens\":" + std::to_string(10 + completion) + "}";
  };
  const std::string s = sse({chunk(R"({"role":"assistant","content":"a"})", "null", usage(1)),
                             chunk(R"({"content":"b"})", "null", usage(2)),
                             chunk("{}", "\"stop\"", usage(3)), "[DONE]"});
  CHECK(replay_all("openai-python", s).usage == Usage{10, 3, 13, std::nullopt});
  CHECK(replay_all("openai-node", s).usage == Usage{10, 3, 13, std::nullopt});
  CHECK(replay_all("openai-go", s).usage == Usage{30, 6, 36, 0});
  CHECK(replay_all("litellm", s).usage == Usage{10, 3, 13, 0});
}

// Usage on the finish chunk, then a chunk with `usage: null` (LiteLLM #17136), or without the key.
// python assigns every chunk's usage (`completion_snapshot.usage = chunk.usage`), so both erase
// it; node Object.assign()s the chunk, so null erases it and an absent key does not; go adds
// zero; LiteLLM ignores chunks without counts.
TEST_CASE("profiles.usage-null-or-absent-after-usage") {
  const std::string usage =
      R"(,"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7})";
  const std::string then_null =
      sse({chunk(R"({"role":"assistant","content":"a"})", "\"stop\"", usage),
           chunk("{}", "null", R"(,"usage":null)"), "[DONE]"});
  const std::string then_absent = sse(
      {chunk(R"({"role":"assistant","content":"a"})", "\"stop\"", usage), chunk("{}"), "[DONE]"});
  CHECK(!replay_all("openai-python", then_null).usage);
  CHECK(!replay_all("openai-python", then_absent).usage);
  CHECK(!replay_all("openai-node", then_null).usage);
  CHECK(replay_all("openai-node", then_absent).usage == Usage{5, 2, 7, std::nullopt});
  CHECK(replay_all("openai-go", then_null).usage == Usage{5, 2, 7, 0});
  CHECK(replay_all("openai-go", then_absent).usage == Usage{5, 2, 7, 0});
  CHECK(replay_all("litellm", then_null).usage == Usage{5, 2, 7, 0});
  CHECK(replay_all("litellm", then_absent).usage == Usage{5, 2, 7, 0});
}

// A total that is not prompt + completion (xAI counts reasoning in it): only LiteLLM recomputes.
TEST_CASE("profiles.usage-total-recomputed-by-litellm") {
  const std::string s =
      sse({chunk(R"({"role":"assistant","content":"a"})", "\"stop\"",
                 R"(,"usage":{"prompt_tokens":8,"completion_tokens":18,"total_tokens":99})"),
           "[DONE]"});
  CHECK(replay_all("openai-python", s).usage == Usage{8, 18, 99, std::nullopt});
  CHECK(replay_all("openai-go", s).usage == Usage{8, 18, 99, 0});
  CHECK(replay_all("litellm", s).usage == Usage{8, 18, 26, 0});
}

// A chunk whose id differs from the first chunk's: go's AddChunk rejects it whole (returns false,
// which the usual loop ignores); the others do not look at ids.
TEST_CASE("profiles.go-rejects-chunk-with-another-id") {
  const std::string s = sse({chunk(R"({"role":"assistant","content":"a"})"),
                             chunk(R"({"content":"b"})", "null", "", "other"),
                             chunk(R"({"content":"c"})", "\"stop\""), "[DONE]"});
  CHECK(only_choice(replay_all("openai-go", s)).text == "ac");
  CHECK(only_choice(replay_all("openai-python", s)).text == "abc");
  CHECK(only_choice(replay_all("openai-node", s)).text == "abc");
}

// Azure's first chunk: `object: ""`, `choices: []`, prompt_filter_results. openai-python's
// ChatCompletionStream skips chunks whose object is not "chat.completion.chunk"; LiteLLM's builder
// reads chunks[0]["choices"][0] and fails; node and go take it in their stride.
TEST_CASE("profiles.azure-first-chunk-without-choices") {
  const std::string s =
      sse({R"({"id":"","object":"","choices":[],"prompt_filter_results":[]})",
           chunk(R"({"role":"assistant","content":"ok"})", "\"stop\""), "[DONE]"});
  CHECK(only_choice(replay_all("openai-python", s)).text == "ok");
  CHECK(only_choice(replay_all("openai-node", s)).text == "ok");
  CHECK(only_choice(replay_all("openai-go", s)).text == "ok");
  const StreamResult litellm = replay_all("litellm", s);
  CHECK(litellm.raised ==
        "litellm.APIError: Error building chunks for logging/streaming usage calculation");
  CHECK(litellm.choices.empty());
}

// Two choices (n=2): LiteLLM's builder keeps one choice holding every choice's text.
TEST_CASE("profiles.litellm-joins-choices") {
  const std::string two =
      R"({"id":"c1","object":"chat.completion.chunk","choices":[)"
      R"({"index":0,"delta":{"role":"assistant","content":"A"},"finish_reason":"stop"},)"
      R"({"index":1,"delta":{"role":"assistant","content":"B"},"finish_reason":"stop"}]})";
  const std::string s = sse({two, "[DONE]"});
  CHECK(only_choice(replay_all("litellm", s)).text == "AB");
  const StreamResult python = replay_all("openai-python", s);
  REQUIRE(python.choices.size() == 2);
  CHECK(python.choices[1].text == "B");
  CHECK(replay_all("openai-node", s).choices.size() == 2);
  CHECK(replay_all("openai-go", s).choices.size() == 2);
}

// Magistral streams delta.content as an array of parts. openai-node concatenates with JavaScript's
// `+`, so each part object becomes "[object Object]" (what the real SDK shows); python's
// accumulate_delta extends a list.
TEST_CASE("profiles.node-content-array") {
  const std::string s = sse(
      {chunk(R"({"role":"assistant","content":[{"type":"text","text":"a"}]})"),
       chunk(R"({"content":[{"type":"text","text":"b"},{"type":"text","text":"c"}]})", "\"stop\""),
       "[DONE]"});
  CHECK(only_choice(replay_all("openai-node", s)).text ==
        "[object Object][object Object],[object Object]");
}
