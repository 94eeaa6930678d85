// The chat decoder's checks of the producer, one rule at a time: the chunk header, choices and
// finish_reason, tool calls, usage, and the end of the stream (merge.hpp, stream_end.hpp). Every
// stream is decoded with the memo on and off (run_memo_on_and_off), which must agree; findings are
// checked with their exact offset (the event's data_offset) and event index.
#include <doctest/doctest.h>

#include "dialect/chat_support.hpp"

using chat_test::chunk;
using chat_test::data_offset_of;
using chat_test::finish_chunk;
using chat_test::Frame;
using chat_test::framed;
using chat_test::headed;
using chat_test::rules_of;
using chat_test::run_memo_on_and_off;
using Strings = std::vector<std::string>;

namespace {

// The findings of rule `rule` as "event@offset" strings, for exact placement checks.
Strings where(const harness::StreamResult &r, std::string_view rule) {
  Strings out;
  for (const auto &f : r.findings)
    if (f.rule == rule)
      out.push_back(std::to_string(f.event) + "@" + std::to_string(f.offset));
  return out;
}

std::string at(const Strings &p, size_t i) {
  return std::to_string(i) + "@" + std::to_string(data_offset_of(p, i));
}

// A content chunk with the given top-level members instead of chunk()'s id and object.
std::string with_header(std::string_view header, std::string_view content = "x") {
  return "{" + std::string(header) + R"(,"choices":[{"index":0,"delta":{"content":")" +
         std::string(content) + R"("}}]})";
}

std::string usage_chunk(std::string_view usage) {
  return headed(R"({"choices":[],"usage":)" + std::string(usage) + "}");
}

} // namespace

// --- json.integer-precision ----------------------------------------------------------------------

TEST_CASE("chat.json.integer-precision-beyond-2-53") {
  // 2^53 = 9007199254740992 itself is exact in a double; one more is not.
  const Strings p = framed({
      headed(R"({"seed":9007199254740992,"n":-9007199254740992,"f":1.5,"e":1e15})"),
      headed(R"({"seed":9007199254740993})"),
      headed(R"({"seed":-9007199254740993})"),
      headed(R"({"x":{"deep":[1,[18446744073709551615]]}})"), // in a subtree nobody reads
      headed(R"({"e":1e20,"f":1e300,"g":2.5e16})"),           // integral doubles beyond 2^53
      headed(R"({"f":1.5e300,"g":-9007199254740996.0,"h":0.5})"),
  });
  const auto r = run_memo_on_and_off(p);
  CHECK(where(r, "json.integer-precision") == Strings{at(p, 2), at(p, 3), at(p, 4), at(p, 5),
                                                       at(p, 6)});
  CHECK(rules_of(r) == Strings(5, "json.integer-precision"));
  REQUIRE(r.findings.size() == 5);
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.findings[0].message == "the payload holds the integer 9007199254740993 beyond +-2^53, "
                                 "which JavaScript and other double-based parsers change");
  CHECK(r.findings[1].message.find("-9007199254740993 beyond") != std::string::npos);
  CHECK(r.findings[3].message.find("integer 1e+20 and 2 more beyond") != std::string::npos);
  CHECK(r.findings[4].message.find("integer 1.5e+300 and 1 more beyond") != std::string::npos);
}

// --- chunk header ----------------------------------------------------------------------------------

TEST_CASE("chat.header.object-not-chunk") {
  const Strings p = framed({
      with_header(R"("id":"chatcmpl-1")"),                                   // absent
      with_header(R"("id":"chatcmpl-1","object":"chat.completion")"),        // another object
      with_header(R"("id":"chatcmpl-1","object":"")"),                       // Azure's first chunk
      with_header(R"("id":"chatcmpl-1","object":null)"),
      with_header(R"("id":"chatcmpl-1","object":7)"),
      with_header(R"("id":"chatcmpl-1","object":"chat.completion.chunk")"),
      R"({"error":{"message":"overloaded"}})", // an error payload is no chunk
  });
  const auto r = run_memo_on_and_off(p);
  CHECK(where(r, "chat.object-not-chunk") ==
        Strings{at(p, 1), at(p, 2), at(p, 3), at(p, 4), at(p, 5)});
  CHECK(rules_of(r) == Strings{"chat.object-not-chunk", "chat.object-not-chunk",
                               "chat.object-not-chunk", "chat.object-not-chunk",
                               "chat.object-not-chunk", "error.payload"});
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.findings[0].message ==
        "the chunk has no string object; \"chat.completion.chunk\" was expected");
  CHECK(r.findings[1].message ==
        "object is \"chat.completion\", not \"chat.completion.chunk\"");
  CHECK(r.findings[2].message == "object is \"\", not \"chat.completion.chunk\"");
}

TEST_CASE("chat.header.id-changed") {
  const std::string obj = R"("object":"chat.completion.chunk")";
  const Strings p = framed(
      {
          with_header(obj + R"(,"id":"")"), // Azure's first chunk: "" is ignored
          with_header(obj + R"(,"id":"a")"),
          with_header(obj + R"(,"id":"b")"),
          with_header(obj + R"(,"id":"a")"),
          with_header(obj + R"(,"id":"")"),
          with_header(obj),
          with_header(obj + R"(,"id":"b")"),
      },
      {.role = false, .finish = std::nullopt, .usage = false});
  const auto r = run_memo_on_and_off(p);
  // framed()'s own chunks carry an id too, so they are left out here.
  CHECK(rules_of(r) == Strings{"chat.first-delta-without-role", "chat.id-changed",
                               "chat.id-changed", "chat.finish-reason-missing", "usage.missing"});
  CHECK(where(r, "chat.id-changed") == Strings{at(p, 2), at(p, 6)});
  const auto &f = r.findings[1]; // after the first delta's missing role
  CHECK(f.rule == "chat.id-changed");
  CHECK(f.severity == harness::Severity::warning);
  CHECK(f.message == "id \"b\" differs from the first id \"a\"");
}

TEST_CASE("chat.header.model-changed") {
  const Strings p = framed({
      with_header(R"("id":"chatcmpl-1","object":"chat.completion.chunk","model":"")"),
      with_header(R"("id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o")"),
      with_header(R"("id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o")"),
      with_header(R"("id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o-mini")"),
      with_header(R"("id":"chatcmpl-1","object":"chat.completion.chunk","model":null)"),
  });
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"chat.model-changed"});
  CHECK(where(r, "chat.model-changed") == Strings{at(p, 4)});
  CHECK(r.findings[0].severity == harness::Severity::info);
  CHECK(r.findings[0].message == "model \"gpt-4o-mini\" differs from the first model \"gpt-4o\"");
}

TEST_CASE("chat.header.created-backwards") {
  const std::string obj = R"("id":"chatcmpl-1","object":"chat.completion.chunk")";
  const Strings p = framed({
      with_header(obj + R"(,"created":100)"),
      with_header(obj + R"(,"created":105)"),
      with_header(obj + R"(,"created":103)"), // earlier than 105
      with_header(obj + R"(,"created":104)"), // still earlier than 105
      with_header(obj + R"(,"created":105)"),
      with_header(obj + R"(,"created":"99")"), // not an integer: not compared
      with_header(obj + R"(,"created":99.5)"),
      with_header(obj + R"(,"created":106)"),
  });
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"chat.created-backwards", "chat.created-backwards"});
  CHECK(where(r, "chat.created-backwards") == Strings{at(p, 3), at(p, 4)});
  CHECK(r.findings[0].message == "created 103 is earlier than 105 of an earlier chunk");
}

// --- choices and finish_reason ---------------------------------------------------------------------

TEST_CASE("chat.choices.first-delta-without-role") {
  const Strings p = framed(
      {
          finish_chunk("null", 0), // an empty delta: choice 0's first, without role
          headed(R"({"choices":[{"index":1,"finish_reason":null}]})"),        // no delta
          headed(R"({"choices":[{"index":1,"delta":null}]})"),                // null is none
          headed(R"({"choices":[{"index":1,"delta":{"content":"a"}}]})"),      // first for 1
          headed(R"({"choices":[{"index":1,"delta":{"content":"b"}}]})"),      // once only
          headed(R"({"choices":[{"index":2,"delta":{"role":"","content":"c"}}]})"), // empty role
          headed(R"({"choices":[{"index":3,"delta":{"role":"assistant"}}]})"),
      },
      {.choices = 4, .role = false});
  const auto r = run_memo_on_and_off(p);
  CHECK(where(r, "chat.first-delta-without-role") == Strings{at(p, 0), at(p, 3), at(p, 5)});
  CHECK(rules_of(r) == Strings(3, "chat.first-delta-without-role"));
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.findings[1].message == "choice 1: the first delta carries no role");
  CHECK(r.findings[2].message == "choice 2: the first delta's role is empty");
}

TEST_CASE("chat.choices.content-after-finish") {
  const Strings p = framed(
      {
          headed(R"({"choices":[{"index":0,"delta":{"content":"done"},"finish_reason":"stop"}]})"),
          chunk(R"({"content":""})"),                   // nothing arrives
          chunk(R"({})"),                               // nothing arrives
          chunk(R"({"content":"late"})"),
          chunk(R"({"reasoning":"hmm","refusal":"no"})"),
          chunk(R"({"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{}"}}]})"),
          chunk(R"({"tool_calls":[{"index":0,"type":"function"}]})"), // nothing of substance
      },
      {.finish = std::nullopt});
  const auto r = run_memo_on_and_off(p);
  CHECK(where(r, "chat.content-after-finish") == Strings{at(p, 4), at(p, 5), at(p, 6)});
  CHECK(rules_of(r) == Strings(3, "chat.content-after-finish"));
  CHECK(r.findings[0].message == "choice 0: content after finish_reason \"stop\"");
  CHECK(r.findings[1].message == "choice 0: refusal and reasoning after finish_reason \"stop\"");
  CHECK(r.findings[2].message == "choice 0: tool calls after finish_reason \"stop\"");
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "donelate"); // still merged
}

TEST_CASE("chat.choices.finish-reason-missing") {
  const Strings p = framed(
      {
          chunk(R"({"content":"a"})", 0),
          chunk(R"({"content":"b"})", 1),
          finish_chunk("\"stop\"", 1),
          chunk(R"({"content":"c"})", 0), // choice 0's last chunk
          headed(R"({"choices":[]})"),
      },
      {.choices = 2, .finish = std::nullopt});
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"chat.finish-reason-missing"});
  CHECK(where(r, "chat.finish-reason-missing") == Strings{at(p, 4)});
  CHECK(r.findings[0].severity == harness::Severity::error);
  CHECK(r.findings[0].message == "choice 0 ended without a finish_reason");
  // A stream without any choice has no choice to finish.
  const auto none = run_memo_on_and_off(framed({headed(R"({"choices":[]})")}, {.choices = 0}));
  CHECK(none.findings.empty());
}

TEST_CASE("chat.choices.finish-reason-empty") {
  const Strings p =
      framed({finish_chunk("\"\"", 0), finish_chunk("\"\"", 1), finish_chunk("\"\"", 0),
              finish_chunk("\"stop\"", 0), finish_chunk("\"\"", 0), finish_chunk("\"length\"", 1)},
             {.choices = 2, .finish = std::nullopt});
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"chat.finish-reason-empty", "chat.finish-reason-empty"});
  CHECK(where(r, "chat.finish-reason-empty") == Strings{at(p, 1), at(p, 2)});
  CHECK(r.findings[1].message ==
        "choice 1: finish_reason is \"\", which is neither null nor a documented value");
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[0].finish_reason == "stop");
}

TEST_CASE("chat.choices.finish-reason-unknown") {
  Strings body;
  for (const char *documented : {"stop", "length", "tool_calls", "content_filter", "function_call"})
    body.push_back(finish_chunk("\"" + std::string(documented) + "\"", static_cast<int>(body.size())));
  body.push_back(finish_chunk("\"eos\"", 5)); // TGI
  body.push_back(finish_chunk("\"STOP\"", 6));
  const Strings p = framed(body, {.choices = 7, .finish = std::nullopt});
  const auto r = run_memo_on_and_off(p);
  CHECK(where(r, "chat.finish-reason-unknown") == Strings{at(p, 6), at(p, 7)});
  CHECK(rules_of(r) == Strings{"chat.finish-reason-unknown", "chat.finish-reason-unknown"});
  CHECK(r.findings[0].message == "choice 5: finish_reason \"eos\" is not one of stop, length, "
                                 "tool_calls, content_filter, function_call");
  CHECK(r.choices[5].finish_reason == "eos"); // still the choice's finish_reason
}

TEST_CASE("chat.choices.choice-index-gap") {
  SUBCASE("a hole") {
    const Strings p = framed({chunk(R"({"role":"assistant","content":"a"})", 0),
                              chunk(R"({"role":"assistant","content":"c"})", 2),
                              finish_chunk("\"stop\"", 0), finish_chunk("\"stop\"", 2)},
                             {.choices = 0});
    const auto r = run_memo_on_and_off(p);
    CHECK(rules_of(r) == Strings{"chat.choice-index-gap"});
    CHECK(where(r, "chat.choice-index-gap") == Strings{at(p, 1)}); // where choice 2 appeared
    CHECK(r.findings[0].message == "the choice indexes seen are 0, 2 rather than 0..1");
  }
  SUBCASE("not starting at 0") {
    const Strings p = framed({chunk(R"({"role":"assistant"})", -1), chunk(R"({"role":"assistant"})", 0),
                              finish_chunk("\"stop\"", -1), finish_chunk("\"stop\"", 0)},
                             {.choices = 0});
    const auto r = run_memo_on_and_off(p);
    CHECK(where(r, "chat.choice-index-gap") == Strings{at(p, 0)});
    CHECK(r.findings[0].message == "the choice indexes seen are -1, 0 rather than 0..1");
  }
  SUBCASE("0..n-1 in any order") {
    const auto r = run_memo_on_and_off(framed({chunk(R"({"content":"b"})", 1),
                                               chunk(R"({"content":"a"})", 0)},
                                              {.choices = 2}));
    CHECK(r.findings.empty());
  }
}

// --- tool calls ------------------------------------------------------------------------------------

TEST_CASE("chat.tool-calls.without-id-and-without-name") {
  const Strings p = framed(
      {
          chunk(R"({"tool_calls":[{"index":0,"id":"call_1","function":{"name":"f","arguments":"{}"}}]})"),
          chunk(R"({"tool_calls":[{"index":1,"id":"","function":{"arguments":"{"}}]})"), // Alibaba
          chunk(R"({"tool_calls":[{"index":1,"id":"","function":{"name":"","arguments":"}"}}]})"),
          chunk(R"({"tool_calls":[{"index":2,"id":"call_3","function":{"arguments":"[]"}}]})"),
      },
      {.finish = "tool_calls"});
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"chat.tool-call-without-id", "chat.tool-call-without-name",
                               "chat.tool-call-without-name"});
  // At each call's first fragment.
  CHECK(where(r, "chat.tool-call-without-id") == Strings{at(p, 2)});
  CHECK(where(r, "chat.tool-call-without-name") == Strings{at(p, 2), at(p, 4)});
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.findings[1].severity == harness::Severity::error);
  CHECK(r.findings[0].message == "choice 0 tool call 1 never got a non-empty id");
  CHECK(r.findings[2].message == "choice 0 tool call 2 never got a non-empty function.name");
}

// An empty string is invalid: it is no JSON text (JSON.parse and json.loads raise); OpenAI sends
// "{}" for a function without parameters.
TEST_CASE("chat.tool-calls.arguments-invalid") {
  auto call = [](int index, const std::string &args_json) {
    return chunk(R"({"tool_calls":[{"index":)" + std::to_string(index) + R"(,"id":"c)" +
                 std::to_string(index) + R"(","function":{"name":"f","arguments":)" + args_json +
                 "}}]}");
  };
  const Strings body = {
      call(0, R"("{}")"),
      call(1, R"("{\"city\":")"), // cut short
      call(2, R"("")"),
      call(3, R"(" [1, \"x\"] ")"), // any JSON text, whitespace around it
      call(4, R"("{}\u0000")"),     // a NUL after the value
      call(5, R"("{\"a\":1}{}")"),
      call(6, "null"),             // no arguments at all: the empty string
  };
  SUBCASE("finished with tool_calls") {
    const Strings p = framed(body, {.finish = "tool_calls"});
    const auto r = run_memo_on_and_off(p);
    CHECK(where(r, "chat.tool-arguments-invalid") ==
          Strings{at(p, 2), at(p, 3), at(p, 5), at(p, 6), at(p, 7)});
    CHECK(rules_of(r) == Strings(5, "chat.tool-arguments-invalid"));
    CHECK(r.findings[0].severity == harness::Severity::error);
    CHECK(r.findings[0].message == "choice 0 tool call 1 finished with tool_calls but its "
                                   "arguments \"{\"city\":\" are not valid JSON");
    CHECK(r.findings[1].message == "choice 0 tool call 2 finished with tool_calls but its "
                                   "arguments are empty, which is not JSON");
  }
  SUBCASE("finished otherwise: arguments are not checked") {
    const auto r = run_memo_on_and_off(framed(body, {.finish = "length"}));
    CHECK(r.findings.empty());
  }
}

// --- usage -----------------------------------------------------------------------------------------

TEST_CASE("chat.usage.missing") {
  const Strings p = framed({chunk(R"({"content":"a"})", 0, R"("usage":null)")}, {.usage = false});
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"usage.missing"});
  // At the last event: here the [DONE].
  CHECK(where(r, "usage.missing") == Strings{at(p, p.size() - 1)});
  CHECK(r.findings[0].severity == harness::Severity::info);
  CHECK(r.findings[0].message == "the stream carries no usage object");
  // No chunk at all: nothing to say about usage.
  CHECK(run_memo_on_and_off({"[DONE]"}).findings.empty());
}

TEST_CASE("chat.usage.total-mismatch") {
  const Strings p = framed(
      {
          usage_chunk(R"({"prompt_tokens":8,"completion_tokens":18,"total_tokens":26})"),
          usage_chunk(R"({"prompt_tokens":8,"completion_tokens":18,"total_tokens":30})"),
          // xAI: 332 + 13 + 120 = 465; the plain sum is accepted too.
          usage_chunk(R"({"prompt_tokens":332,"completion_tokens":13,"total_tokens":465,"completion_tokens_details":{"reasoning_tokens":120}})"),
          usage_chunk(R"({"prompt_tokens":332,"completion_tokens":13,"total_tokens":345,"completion_tokens_details":{"reasoning_tokens":120}})"),
          usage_chunk(R"({"prompt_tokens":332,"completion_tokens":13,"total_tokens":500,"completion_tokens_details":{"reasoning_tokens":120}})"),
          usage_chunk(R"({"prompt_tokens":332,"completion_tokens":13})"), // no total: no sum
          usage_chunk(R"({"prompt_tokens":332,"completion_tokens":13,"total_tokens":"345"})"),
          usage_chunk(R"({"prompt_tokens":9223372036854775807,"completion_tokens":9223372036854775807,"total_tokens":9223372036854775807})"),
      },
      {.choices = 0, .usage = false});
  const auto r = run_memo_on_and_off(p);
  CHECK(where(r, "usage.total-mismatch") == Strings{at(p, 1), at(p, 4), at(p, 7)});
  const Strings mismatches = where(r, "usage.total-mismatch");
  REQUIRE(mismatches.size() == 3);
  Strings messages;
  for (const auto &f : r.findings)
    if (f.rule == "usage.total-mismatch")
      messages.push_back(f.message);
  CHECK(messages == Strings{
                        "usage total_tokens 30 is not prompt_tokens + completion_tokens (26)",
                        "usage total_tokens 500 is neither prompt_tokens + completion_tokens (345) "
                        "nor that plus reasoning_tokens (465)",
                        "usage total_tokens 9223372036854775807 is not prompt_tokens + "
                        "completion_tokens (too large)",
                    });
  // Other rules these objects break: completion 18 -> 13 and total 465 -> 345 went down;
  // INT64_MAX is beyond 2^53.
  CHECK(rules_of(r) == Strings{"usage.total-mismatch", "usage.decreased", "usage.decreased",
                               "usage.total-mismatch", "json.integer-precision",
                               "usage.total-mismatch"});
}

// Cumulative usage (vLLM continuous usage, xAI grok-beta): a counter must not go down.
TEST_CASE("chat.usage.decreased") {
  const Strings p = framed(
      {
          usage_chunk(R"({"prompt_tokens":41,"completion_tokens":1,"total_tokens":42})"),
          usage_chunk(R"({"prompt_tokens":41,"completion_tokens":2,"total_tokens":43})"),
          usage_chunk("null"), // kept: the next one is compared with 41/2/43
          usage_chunk(R"({"prompt_tokens":41,"completion_tokens":1,"total_tokens":42})"),
          usage_chunk(R"({"prompt_tokens":0,"completion_tokens":3})"), // total absent: not compared
          usage_chunk(R"({"prompt_tokens":0,"completion_tokens":3,"total_tokens":3})"),
      },
      {.choices = 0, .usage = false});
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"usage.null-after-usage", "usage.decreased", "usage.decreased"});
  CHECK(where(r, "usage.decreased") == Strings{at(p, 3), at(p, 4)});
  CHECK(r.findings[1].severity == harness::Severity::warning);
  CHECK(r.findings[1].message == "usage went down since the previous usage object: "
                                 "completion_tokens from 2 to 1 and total_tokens from 43 to 42");
  CHECK(r.findings[2].message ==
        "usage went down since the previous usage object: prompt_tokens from 41 to 0");
}

TEST_CASE("chat.usage.counters-disagree") {
  const Strings p = framed(
      {
          // Seed 000's finish chunk: 0/0 beside 0/0 agree.
          usage_chunk(R"({"prompt_tokens":0,"completion_tokens":0,"total_tokens":0,"input_tokens":0,"output_tokens":0})"),
          // Seed 000's last chunk.
          usage_chunk(R"({"prompt_tokens":8,"completion_tokens":18,"total_tokens":26,"input_tokens":0,"output_tokens":0})"),
          usage_chunk(R"({"prompt_tokens":8,"completion_tokens":18,"total_tokens":26,"input_tokens":8,"output_tokens":17})"),
          usage_chunk(R"({"prompt_tokens":8,"completion_tokens":18,"total_tokens":26,"input_tokens":8})"),
          usage_chunk(R"({"input_tokens":5,"output_tokens":6})"), // no counterpart
      },
      {.choices = 0, .usage = false});
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"usage.counters-disagree", "usage.counters-disagree"});
  CHECK(where(r, "usage.counters-disagree") == Strings{at(p, 1), at(p, 2)});
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.findings[0].message == "usage input_tokens 0 differs from prompt_tokens 8 and "
                                 "output_tokens 0 differs from completion_tokens 18");
  CHECK(r.findings[1].message == "usage output_tokens 17 differs from completion_tokens 18");
}

// --- done.missing ----------------------------------------------------------------------------------

TEST_CASE("chat.done.missing") {
  const Strings p = framed({chunk(R"({"content":"a"})")}, {.done = false});
  const auto r = run_memo_on_and_off(p);
  CHECK(rules_of(r) == Strings{"done.missing"});
  CHECK(where(r, "done.missing") == Strings{at(p, p.size() - 1)}); // at the last event
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.findings[0].message == "the stream ended after 4 events without data: [DONE]");
  // Not one event (whatwg on seed 000): offset 0, event 0.
  const auto empty = run_memo_on_and_off({});
  REQUIRE(rules_of(empty) == Strings{"done.missing"});
  CHECK(empty.findings[0].offset == 0);
  CHECK(empty.findings[0].event == 0);
  CHECK(empty.findings[0].message == "the stream ended after 0 events without data: [DONE]");
}
