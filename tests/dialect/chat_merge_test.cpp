// The chat dialect's merge rules, one by one, with hand-made payloads.
#include <doctest/doctest.h>

#include "dialect/chat_support.hpp"

using chat_test::chunk;
using chat_test::finish_chunk;
using chat_test::Frame;
using chat_test::framed;
using chat_test::headed;
using chat_test::rules_of;
using chat_test::run_payloads;
using Strings = std::vector<std::string>;

// Most tests put their payloads in chat_test::framed() (a role first, a finish_reason, usage and
// [DONE] last), so that they see only the findings of the rule they are about.

namespace {

const harness::Choice &only_choice(const harness::StreamResult &r) {
  REQUIRE(r.choices.size() == 1);
  return r.choices[0];
}

} // namespace

// --- role ----------------------------------------------------------------------------------------

TEST_CASE("chat.role.first-seen-kept") {
  const auto r = run_payloads(framed({chunk(R"({"role":"assistant","content":""})"),
                                      chunk(R"({"content":"hi"})")},
                                     {.role = false}));
  CHECK(only_choice(r).role == "assistant");
  CHECK(r.findings.empty());
}

// openai-python concatenates a role repeated on every delta (xAI grok-beta): "assistantassistant".
TEST_CASE("chat.role.repeated-identical-not-concatenated") {
  const auto r = run_payloads(framed({chunk(R"({"role":"assistant","content":"a"})"),
                                      chunk(R"({"role":"assistant","content":"b"})"),
                                      chunk(R"({"role":"assistant"})")},
                                     {.role = false}));
  CHECK(only_choice(r).role == "assistant");
  CHECK(only_choice(r).text == "ab");
  CHECK(r.findings.empty());
}

TEST_CASE("chat.role.changed-keeps-first-with-warning") {
  const Strings p =
      framed({chunk(R"({"role":"assistant"})"), chunk(R"({"role":"user"})")}, {.role = false});
  const auto r = run_payloads(p);
  CHECK(only_choice(r).role == "assistant");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "chat.role-changed");
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.findings[0].event == 1);
  CHECK(r.findings[0].offset == chat_test::data_offset_of(p, 1));
}

TEST_CASE("chat.role.null-ignored-and-absent-stays-null") {
  const auto r = run_payloads(framed({chunk(R"({"role":null,"content":"x"})")}, {.role = false}));
  CHECK_FALSE(only_choice(r).role.has_value());
  CHECK(rules_of(r) == Strings{"chat.first-delta-without-role"});
}

// --- text fields ---------------------------------------------------------------------------------

TEST_CASE("chat.content.concatenated-null-ignored") {
  const auto r = run_payloads({chunk(R"({"content":"Hel"})"), chunk(R"({"content":null})"),
                               chunk(R"({"content":"lo"})"), chunk(R"({})")});
  CHECK(only_choice(r).text == "Hello");
}

TEST_CASE("chat.reasoning.reasoning-content-concatenated") {
  const auto r = run_payloads(
      {chunk(R"({"reasoning_content":"Let me "})"), chunk(R"({"reasoning_content":"think"})"),
       chunk(R"({"reasoning_content":null,"content":"42"})")});
  CHECK(only_choice(r).reasoning == "Let me think");
  CHECK(only_choice(r).text == "42");
}

TEST_CASE("chat.reasoning.reasoning-field-concatenated") {
  const auto r = run_payloads({chunk(R"({"reasoning":"a"})"), chunk(R"({"reasoning":"b"})")});
  CHECK(only_choice(r).reasoning == "ab");
}

TEST_CASE("chat.reasoning.both-fields-in-one-delta") {
  SUBCASE("equal: counted once") {
    const auto r = run_payloads(framed({chunk(R"({"reasoning_content":"x","reasoning":"x"})")}));
    CHECK(only_choice(r).reasoning == "x");
    CHECK(r.findings.empty());
  }
  SUBCASE("one empty: the other is used") {
    const auto r = run_payloads(framed({chunk(R"({"reasoning_content":"","reasoning":"y"})")}));
    CHECK(only_choice(r).reasoning == "y");
    CHECK(r.findings.empty());
  }
  SUBCASE("different: reasoning_content with a warning") {
    const auto r = run_payloads(framed({chunk(R"({"reasoning_content":"x","reasoning":"y"})")}));
    CHECK(only_choice(r).reasoning == "x");
    CHECK(rules_of(r) == Strings{"chat.reasoning-conflict"});
  }
}

TEST_CASE("chat.refusal.concatenated") {
  const auto r = run_payloads({chunk(R"({"refusal":"I can't "})"), chunk(R"({"refusal":null})"),
                               chunk(R"({"refusal":"help."})")});
  CHECK(only_choice(r).refusal == "I can't help.");
  CHECK(only_choice(r).text.empty());
}

TEST_CASE("chat.content.escapes-decoded") {
  const auto r = run_payloads({chunk(R"({"content":"a\"b\\c\n\u00e9\ud83d\ude00"})")});
  CHECK(only_choice(r).text == "a\"b\\c\n\xC3\xA9\xF0\x9F\x98\x80");
}

// --- choices ---------------------------------------------------------------------------------------

TEST_CASE("chat.choices.ordered-by-index-and-kept-apart") {
  const auto r = run_payloads({chunk(R"({"content":"B1"})", 1), chunk(R"({"content":"A1"})", 0),
                               chunk(R"({"content":"B2"})", 1), chunk(R"({"content":"A2"})", 0)});
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[0].index == 0);
  CHECK(r.choices[0].text == "A1A2");
  CHECK(r.choices[1].index == 1);
  CHECK(r.choices[1].text == "B1B2");
}

// seed 000 sends "index" after "delta": fields are applied once the choice object is complete.
TEST_CASE("chat.choices.index-after-delta") {
  const auto r = run_payloads({R"({"choices":[{"delta":{"content":"x"},"index":3}]})",
                               R"({"choices":[{"delta":{"content":"y"}}]})"});
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[0].index == 0);
  CHECK(r.choices[0].text == "y");
  CHECK(r.choices[1].index == 3);
  CHECK(r.choices[1].text == "x");
}

TEST_CASE("chat.choices.empty-and-null-mean-none") {
  const auto r = run_payloads(framed(
      {headed(R"({"choices":[]})"), headed(R"({"choices":null})"), headed(R"({})")},
      {.choices = 0}));
  CHECK(r.choices.empty());
  CHECK(r.findings.empty());
}

TEST_CASE("chat.choices.two-choices-in-one-chunk") {
  const auto r = run_payloads(
      {R"({"choices":[{"index":1,"delta":{"content":"b"}},{"index":0,"delta":{"content":"a"}}]})"});
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[0].text == "a");
  CHECK(r.choices[1].text == "b");
}

TEST_CASE("chat.choices.unusable-types-noted") {
  const auto r = run_payloads(framed({headed(R"({"choices":{"index":0}})"),
                                      chunk(R"({"content":["a","b"]})"),
                                      chunk(R"({"content":"ok","role":7})")},
                                     {.role = false}));
  CHECK(only_choice(r).text == "ok");
  CHECK_FALSE(only_choice(r).role.has_value());
  // The role that is not a string leaves the choice without one.
  CHECK(rules_of(r) == Strings{"chat.unexpected-type", "chat.unexpected-type",
                               "chat.first-delta-without-role", "chat.unexpected-type"});
  CHECK(r.findings[1].message == "delta.content is an array, not a string or null; ignored");
}

// --- tool calls ------------------------------------------------------------------------------------

TEST_CASE("chat.tool-calls.fragments-merged-by-index") {
  const auto r = run_payloads(framed(
      {
          chunk(R"({"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]})"),
          chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]})"),
          chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]})"),
      },
      {.finish = "tool_calls"}));
  const auto &c = only_choice(r);
  REQUIRE(c.tool_calls.size() == 1);
  CHECK(c.tool_calls[0].index == 0);
  CHECK(c.tool_calls[0].id == "call_1");
  CHECK(c.tool_calls[0].type == "function");
  CHECK(c.tool_calls[0].name == "get_weather");
  CHECK(c.tool_calls[0].arguments == R"({"city":"Paris"})");
  CHECK(r.findings.empty());
}

// Alibaba repeats `"id":""` and the name on later fragments; openai-python concatenates them.
TEST_CASE("chat.tool-calls.repeated-id-empty-and-identical-not-concatenated") {
  const auto r = run_payloads(framed(
      {
          chunk(R"({"tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"f","arguments":"{\"a\""}}]})"),
          chunk(R"({"tool_calls":[{"index":0,"id":"","type":"function","function":{"name":"f","arguments":":1}"}}]})"),
          chunk(R"({"tool_calls":[{"index":0,"id":"call_9","type":"","function":{"name":"","arguments":""}}]})"),
      },
      {.finish = "tool_calls"}));
  const auto &t = only_choice(r).tool_calls.at(0);
  CHECK(t.id == "call_9");
  CHECK(t.type == "function");
  CHECK(t.name == "f");
  CHECK(t.arguments == R"({"a":1})");
  CHECK(r.findings.empty());
}

TEST_CASE("chat.tool-calls.changed-id-or-name-keeps-first") {
  const auto r = run_payloads(framed({
      chunk(R"({"tool_calls":[{"index":0,"id":"a","function":{"name":"f"}}]})"),
      chunk(R"({"tool_calls":[{"index":0,"id":"b","function":{"name":"g"}}]})"),
  }));
  const auto &t = only_choice(r).tool_calls.at(0);
  CHECK(t.id == "a");
  CHECK(t.name == "f");
  CHECK(rules_of(r) == Strings{"chat.tool-call-changed", "chat.tool-call-changed"});
  CHECK(r.findings[0].severity == harness::Severity::warning);
}

// Mistral sends whole tool calls without `index`: the position in the array stands in.
TEST_CASE("chat.tool-calls.without-index-uses-position") {
  const auto r = run_payloads(framed(
      {chunk(
          R"({"tool_calls":[{"id":"x","function":{"name":"f","arguments":"{}"}},{"id":"y","function":{"name":"g","arguments":"[]"}}]})")},
      {.finish = "tool_calls"}));
  const auto &c = only_choice(r);
  REQUIRE(c.tool_calls.size() == 2);
  CHECK(c.tool_calls[0].index == 0);
  CHECK(c.tool_calls[0].id == "x");
  CHECK(c.tool_calls[1].index == 1);
  CHECK(c.tool_calls[1].arguments == "[]");
  CHECK(rules_of(r) == Strings{"chat.tool-call-without-index", "chat.tool-call-without-index"});
}

// openai-python #3201: two entries with index 0 in one chunk are one call.
TEST_CASE("chat.tool-calls.same-index-twice-in-one-chunk") {
  const auto r = run_payloads({chunk(
      R"({"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{"}},{"index":0,"function":{"arguments":"}"}}]})")});
  const auto &c = only_choice(r);
  REQUIRE(c.tool_calls.size() == 1);
  CHECK(c.tool_calls[0].arguments == "{}");
}

TEST_CASE("chat.tool-calls.ordered-by-index-across-two-choices") {
  const auto r = run_payloads(framed(
      {
          chunk(R"({"tool_calls":[{"index":1,"id":"c1","function":{"name":"g","arguments":"1"}}]})", 0),
          chunk(R"({"tool_calls":[{"index":0,"id":"c0","function":{"name":"f","arguments":"0"}}]})", 0),
          chunk(R"({"tool_calls":[{"index":0,"id":"d0","function":{"name":"h","arguments":"x"}}]})", 1),
          chunk(R"({"tool_calls":[{"index":1,"function":{"arguments":"1"}}]})", 0),
      },
      {.choices = 2}));
  REQUIRE(r.choices.size() == 2);
  const auto &a = r.choices[0].tool_calls;
  REQUIRE(a.size() == 2);
  CHECK(a[0].id == "c0");
  CHECK(a[0].arguments == "0");
  CHECK(a[1].id == "c1");
  CHECK(a[1].arguments == "11");
  REQUIRE(r.choices[1].tool_calls.size() == 1);
  CHECK(r.choices[1].tool_calls[0].name == "h");
  CHECK(r.findings.empty());
}

// --- finish_reason ---------------------------------------------------------------------------------

TEST_CASE("chat.finish-reason.first-non-empty-kept") {
  const auto r = run_payloads(
      framed({finish_chunk("null"), finish_chunk("\"stop\"")}, {.finish = std::nullopt}));
  CHECK(only_choice(r).finish_reason == "stop");
  CHECK(r.findings.empty());
}

// Ollama sends "" on every chunk: reported once, and the choice never finishes.
TEST_CASE("chat.finish-reason.empty-string-means-none") {
  const Strings p = framed(
      {headed(R"({"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":""}]})"),
       finish_chunk("\"\"")},
      {.finish = std::nullopt});
  const auto r = run_payloads(p);
  CHECK_FALSE(only_choice(r).finish_reason.has_value());
  CHECK(rules_of(r) == Strings{"chat.finish-reason-empty", "chat.finish-reason-missing"});
  CHECK(r.findings[0].offset == chat_test::data_offset_of(p, 1));
  CHECK(r.findings[0].event == 1);
}

// OpenRouter gpt-oss and LM Studio send it twice.
TEST_CASE("chat.finish-reason.repeated-keeps-first-with-warning") {
  const auto r = run_payloads(framed({finish_chunk("\"tool_calls\""), finish_chunk("\"stop\""),
                                      finish_chunk("\"stop\"")},
                                     {.role = false, .finish = std::nullopt}));
  CHECK(only_choice(r).finish_reason == "tool_calls");
  // The first chunk with a delta has no role: that is the opening chunk framed() left out.
  CHECK(rules_of(r) == Strings{"chat.first-delta-without-role", "chat.finish-reason-repeated",
                               "chat.finish-reason-repeated"});
  CHECK(r.findings[1].event == 1);
  CHECK(r.findings[2].event == 2);
}

// --- usage -----------------------------------------------------------------------------------------

TEST_CASE("chat.usage.last-object-wins") {
  const auto r = run_payloads(
      {chunk(R"({"content":"a"})", 0, R"("usage":{"prompt_tokens":41,"completion_tokens":1,"total_tokens":42})"),
       chunk(R"({"content":"b"})", 0, R"("usage":{"prompt_tokens":41,"completion_tokens":2,"total_tokens":43})")});
  REQUIRE(r.usage.has_value());
  CHECK(r.usage->prompt_tokens == 41);
  CHECK(r.usage->completion_tokens == 2);
  CHECK(r.usage->total_tokens == 43);
  CHECK_FALSE(r.usage->reasoning_tokens.has_value());
}

// LiteLLM #17136: a later `usage: null` must not erase what was reported.
TEST_CASE("chat.usage.null-after-usage-keeps-it") {
  const Strings p =
      framed({headed(R"({"choices":[],"usage":null})"),
              headed(R"({"choices":[],"usage":{"prompt_tokens":8,"completion_tokens":18,"total_tokens":26}})"),
              headed(R"({"choices":[],"usage":null})"), headed(R"({"choices":[],"usage":null})")},
             {.choices = 0, .usage = false});
  const auto r = run_payloads(p);
  REQUIRE(r.usage.has_value());
  CHECK(r.usage->total_tokens == 26);
  CHECK(rules_of(r) == Strings{"usage.null-after-usage", "usage.null-after-usage"});
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.findings[0].offset == chat_test::data_offset_of(p, 2));
}

TEST_CASE("chat.usage.reasoning-tokens-and-missing-counters") {
  const auto r = run_payloads({R"({"usage":{"prompt_tokens":332,"completion_tokens":13,"total_tokens":465,"completion_tokens_details":{"reasoning_tokens":120}}})",
                               R"({"usage":{"prompt_tokens":"7","completion_tokens":1.5,"total_tokens":null}})"});
  REQUIRE(r.usage.has_value());
  // The second object replaced the first; none of its counters is an integer.
  CHECK(r.usage == harness::Usage{});
  const auto first = run_payloads({R"({"usage":{"prompt_tokens":332,"completion_tokens":13,"total_tokens":465,"completion_tokens_details":{"reasoning_tokens":120}}})"});
  REQUIRE(first.usage.has_value());
  CHECK(first.usage->prompt_tokens == 332);
  CHECK(first.usage->completion_tokens == 13);
  CHECK(first.usage->total_tokens == 465);
  CHECK(first.usage->reasoning_tokens == 120);
}

// ... and is no usage object: the stream has none.
TEST_CASE("chat.usage.null-before-any-usage-is-silent") {
  const auto r =
      run_payloads(framed({chunk(R"({"content":"a"})", 0, R"("usage":null)")}, {.usage = false}));
  CHECK_FALSE(r.usage.has_value());
  CHECK(rules_of(r) == Strings{"usage.missing"});
}
