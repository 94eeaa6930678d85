// Stream-level behaviour of the chat decoder: [DONE], errors, unusable payloads, hostile input.
#include <doctest/doctest.h>

#include "dialect/chat/chat_decoder.hpp"
#include "dialect/chat/findings.hpp"
#include "dialect/dialect.hpp"
#include "sse/tolerant.hpp"
#include "dialect/chat_support.hpp"
#include "dialect/decoder.hpp"

using chat_test::chunk;
using chat_test::Ev;
using chat_test::framed;
using chat_test::headed;
using chat_test::rules_of;
using chat_test::run_events;
using chat_test::run_payloads;
using Strings = std::vector<std::string>;

TEST_CASE("chat.done.sets-done-and-counts-the-event") {
  const Strings p = framed({chunk(R"({"content":"a"})")});
  REQUIRE(p.back() == "[DONE]");
  const auto r = run_payloads(p);
  CHECK(r.done);
  CHECK(r.events == p.size());
  CHECK(r.findings.empty());
}

// openai-python matches by prefix; the contract is an exact match.
TEST_CASE("chat.done.only-exact-match") {
  const auto r = run_payloads({"[DONE] ", "[DONE]x"});
  CHECK_FALSE(r.done);
  CHECK(rules_of(r) == Strings{"json.invalid", "json.invalid", "done.missing"});
}

TEST_CASE("chat.done.data-after-done-ignored") {
  Strings p = framed({chunk(R"({"content":"a"})")});
  const size_t first_after = p.size();
  p.push_back(chunk(R"({"content":"b"})"));
  p.push_back("[DONE]");
  const auto r = run_payloads(p);
  CHECK(r.done);
  CHECK(r.events == p.size());
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "a");
  REQUIRE(rules_of(r) == Strings{"done.data-after-done", "done.data-after-done"});
  CHECK(r.findings[0].severity == harness::Severity::error);
  CHECK(r.findings[0].event == first_after);
  CHECK(r.findings[0].offset == chat_test::data_offset_of(p, first_after));
}

TEST_CASE("chat.done.error-event-after-done-is-data-after-done") {
  const auto r = run_events({{"[DONE]"}, {R"({"error":{"message":"late"}})", "error"}});
  CHECK(r.errors.empty());
  CHECK(rules_of(r) == Strings{"done.data-after-done"});
}

// OpenRouter and vLLM report failures inside a 200 stream as a payload with an "error" key.
TEST_CASE("chat.error.payload-error-object") {
  // The error payload has no object: it is no chunk, so no chat.object-not-chunk either.
  const Strings p = framed({chunk(R"({"content":"par"})"),
                            R"({"error":{"message":"Provider returned error","code":502}})",
                            chunk(R"({"content":"tial"})")});
  const auto r = run_payloads(p);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] == harness::StreamError{"Provider returned error", "payload",
                                            chat_test::data_offset_of(p, 2), 2});
  CHECK(rules_of(r) == Strings{"error.payload"});
  CHECK(r.findings[0].severity == harness::Severity::error);
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "partial");
}

TEST_CASE("chat.error.payload-error-forms") {
  SUBCASE("a string") {
    const auto r = run_payloads({R"({"error":"overloaded"})"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "overloaded");
  }
  SUBCASE("an object without a string message: its compact JSON") {
    const auto r = run_payloads({R"({"error": {"code": 429, "message": null, "x": [1, true]}})"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == R"({"code":429,"message":null,"x":[1,true]})");
  }
  SUBCASE("a number") {
    const auto r = run_payloads({R"({"error":500})"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "500");
  }
  SUBCASE("null is no error") {
    const auto r = run_payloads(framed({headed(R"({"error":null,"choices":[]})")}, {.choices = 0}));
    CHECK(r.errors.empty());
    CHECK(r.findings.empty());
  }
}

TEST_CASE("chat.error.rest-of-the-object-still-merged") {
  const auto r = run_payloads({R"({"error":{"message":"cut short"},"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"error"}]})"});
  REQUIRE(r.errors.size() == 1);
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "x");
  CHECK(r.choices[0].finish_reason == "error");
}

// Groq and Anthropic send `event: error`; here it ends the stream, which then has no [DONE].
TEST_CASE("chat.error.event-error") {
  SUBCASE("JSON with error.message") {
    const auto r = run_events({{R"({"error":{"message":"rate limited","type":"x"}})", "error"}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0] == harness::StreamError{"rate limited", "event", 6, 0});
    CHECK(rules_of(r) == Strings{"error.event", "done.missing"});
    CHECK(r.events == 1);
    CHECK(r.choices.empty());
  }
  SUBCASE("JSON with message") {
    const auto r = run_events({{R"({"message":"boom"})", "error"}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "boom");
  }
  SUBCASE("not JSON: the raw data, and no json finding") {
    const auto r = run_events({{"upstream timed out", "error"}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "upstream timed out");
    CHECK(rules_of(r) == Strings{"error.event", "done.missing"});
  }
  SUBCASE("JSON choices in an error event are not merged") {
    const auto r = run_events({{chunk(R"({"content":"x"})"), "error"}});
    CHECK(r.choices.empty());
    CHECK(r.errors.size() == 1);
  }
}

TEST_CASE("chat.json.invalid-skipped-with-offset-rest-reassembled") {
  const Strings p = framed({chunk(R"({"role":"assistant","content":"Hel"})"),
                            R"({"choices":[{"index":0,"delta":{"content":"XX"}}],)", // trailing comma
                            chunk(R"({"content":"lo"})")},
                           {.role = false});
  const auto r = run_payloads(p);
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "Hello");
  CHECK(r.done);
  REQUIRE(rules_of(r) == Strings{"json.invalid"});
  const auto &f = r.findings[0];
  CHECK(f.severity == harness::Severity::error);
  CHECK(f.event == 1);
  // RapidJSON stops at the end of input, where a member name should follow the comma.
  CHECK(f.offset == chat_test::data_offset_of(p, 1) + p[1].size());
  CHECK(f.message.find("Missing a name for object member.") != std::string::npos);
}

TEST_CASE("chat.json.invalid-offset-points-at-the-bad-byte") {
  const std::string bad = R"({"choices":[{"index":0,"delta":{"content":"a"}}], "usage": nul})";
  const auto r = run_payloads(framed({bad}, {.choices = 0}));
  REQUIRE(rules_of(r) == Strings{"json.invalid"});
  // RapidJSON reports the byte where it noticed: the '}' that should have been the second 'l'.
  CHECK(r.findings[0].offset == 6 + bad.find("nul}") + 3);
  CHECK(r.findings[0].message.find("Invalid value.") != std::string::npos);
}

TEST_CASE("chat.json.empty-payload-is-invalid") {
  // An `event: ping` block with no data: the SDKs fail on the JSON too.
  const auto r = run_events({{"", "ping"}, {"[DONE]"}});
  CHECK(rules_of(r) == Strings{"json.invalid"});
  CHECK(r.findings[0].message.find("The document is empty.") != std::string::npos);
}

TEST_CASE("chat.json.invalid-utf8-and-controls-rejected") {
  const auto r =
      run_payloads(framed({chunk("{\"content\":\"caf\xC3\"}"), chunk("{\"content\":\"a\x01\"}"),
                           chunk("{\"content\":\"\\ud800\"}"), chunk(R"({"content":"ok"})")}));
  CHECK(rules_of(r) == Strings{"json.invalid", "json.invalid", "json.invalid"});
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "ok");
}

// RapidJSON treats a NUL byte as the end of input; what follows must not be silently dropped.
TEST_CASE("chat.json.nul-after-document-is-invalid") {
  const std::string p = chunk(R"({"content":"a"})") + std::string("\0{}", 3);
  const auto r = run_payloads(framed({p}, {.choices = 0}));
  REQUIRE(rules_of(r) == Strings{"json.invalid"});
  CHECK(r.findings[0].offset == 6 + p.size() - 3);
  CHECK(r.choices.empty());
}

TEST_CASE("chat.json.not-object") {
  const auto r =
      run_payloads(framed({"[1,2]", "\"text\"", "42", "null", chunk(R"({"content":"a"})")}));
  CHECK(rules_of(r) ==
        Strings{"json.not-object", "json.not-object", "json.not-object", "json.not-object"});
  CHECK(r.findings[0].severity == harness::Severity::error);
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "a");
}

TEST_CASE("chat.json.million-nested-brackets-no-crash") {
  const std::string open(1000000, '[');
  SUBCASE("unterminated") {
    const auto r = run_payloads(framed({open, chunk(R"({"content":"after"})")}));
    CHECK(rules_of(r) == Strings{"json.invalid"});
    REQUIRE(r.choices.size() == 1);
    CHECK(r.choices[0].text == "after");
  }
  SUBCASE("closed: valid, but not an object") {
    const auto r = run_payloads(framed({open + std::string(1000000, ']')}, {.choices = 0}));
    CHECK(rules_of(r) == Strings{"json.not-object"});
  }
  SUBCASE("inside a field") {
    const auto r = run_payloads(
        framed({headed(R"({"choices":[{"index":0,"delta":{"content":"x"},"logprobs":)" + open +
                       std::string(1000000, ']') + "}]}")}));
    CHECK(r.findings.empty());
    REQUIRE(r.choices.size() == 1);
    CHECK(r.choices[0].text == "x");
  }
}

// Together's `seed` is above 2^53; double-based parsers round it. The decoder still reads what fits
// an int64, and says once for the payload that there are such integers.
TEST_CASE("chat.json.integers-above-2-53") {
  const auto r = run_payloads(framed(
      {headed(
          R"({"seed":18446744073709551615,"big":123456789012345678901234567890,"choices":[{"index":0,"delta":{"content":"ok"}}],"usage":{"prompt_tokens":9007199254740993,"completion_tokens":9223372036854775807,"total_tokens":9223372036854775808}})")},
      {.usage = false}));
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "ok");
  REQUIRE(r.usage.has_value());
  CHECK(r.usage->prompt_tokens == int64_t{9007199254740993});
  CHECK(r.usage->completion_tokens == INT64_MAX);
  CHECK_FALSE(r.usage->total_tokens.has_value()); // above INT64_MAX: not representable
  REQUIRE(rules_of(r) == Strings{"json.integer-precision"});
  CHECK(r.findings[0].message == "the payload holds the integer 18446744073709551615 and 4 more "
                                 "beyond +-2^53, which JavaScript and other double-based parsers "
                                 "change");
}

TEST_CASE("chat.json.choice-index-above-int64-defaults-to-zero") {
  const auto r = run_payloads(
      framed({headed(R"({"choices":[{"index":18446744073709551615,"delta":{"content":"a"}}]})")}));
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].index == 0);
  CHECK(rules_of(r) == Strings{"chat.unexpected-type", "json.integer-precision"});
}

// JSON.parse and Python's json keep the last of repeated keys.
TEST_CASE("chat.json.repeated-key-last-wins") {
  const auto r = run_payloads(
      {R"({"choices":[{"index":0,"delta":{"content":"lost"}}],"choices":[{"index":0,"delta":{"content":"kept","content":"!"}}]})"});
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "!");
}

TEST_CASE("chat.findings.parser-and-decoder-findings-in-arrival-order") {
  auto d = harness::dialect::make_chat_decoder();
  harness::sse::Event e;
  e.data = "{";
  e.data_offset = 10;
  d->on_finding(harness::Finding{"sse.first", harness::Severity::warning, 1, 0, "one"});
  d->on_event(e);
  d->on_finding(harness::Finding{"sse.second", harness::Severity::info, 20, 1, "two"});
  const auto r = d->finish();
  // The end-of-stream checks come last.
  CHECK(rules_of(r) == Strings{"sse.first", "json.invalid", "sse.second", "done.missing"});
  CHECK(r.findings[1].offset == 11);
  CHECK(r.events == 1);
}

TEST_CASE("chat.json.repeated-key-unusable-later-value-wins") {
  const auto r = run_payloads(framed(
      {headed(
          R"({"choices":[{"index":2,"index":{},"delta":{"content":"a"}}],"usage":{"prompt_tokens":5,"prompt_tokens":"x","total_tokens":7,"total_tokens":[1]}})")},
      {.usage = false}));
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].index == 0);
  REQUIRE(r.usage.has_value());
  CHECK(r.usage == harness::Usage{});
  CHECK(rules_of(r) == Strings{"chat.unexpected-type"}); // counters have no type note
}

// Found by the fuzz target decoder-openai-chat (issue 6): the tolerant parser dispatched an
// unterminated last event whose ill-formed byte it had repaired to the 3-byte U+FFFD, and
// json.invalid (at data_offset + the payload's length) landed 2 bytes past the end of the stream.
// The same holds for the DOM decoders (Anthropic Messages, Responses API).
TEST_CASE("chat.json.invalid-offset-never-past-the-stream-after-utf8-repair") {
  const std::string stream = "data: {\"a\":\"\xE8";
  for (const auto dialect : harness::dialect::dialects()) {
    auto decoder = harness::dialect::make_decoder(dialect);
    auto parser = harness::sse::make_tolerant_parser(*decoder);
    parser->feed(stream);
    parser->finish();
    const auto r = decoder->finish();
    INFO(dialect);
    bool seen = false;
    for (const auto &f : r.findings) {
      CHECK(f.offset <= stream.size());
      seen = seen || f.rule == "json.invalid";
    }
    CHECK(seen);
  }
  // Without a repair the offset is exact: the end of the payload.
  CHECK(harness::chat::payload_stream_offset(6, "{\"a\":\"x", 7) == 13);
  CHECK(harness::chat::payload_stream_offset(6, "{\"a\":\"\xEF\xBF\xBD", 9) == 13);
}
