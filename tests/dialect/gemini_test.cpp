// The Gemini decoder fed hand-made events (no SSE parser): the reassembled choices, the usage,
// errors, the end of the stream and each rule it applies; and the dialect's detection.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dialect/decoder.hpp"
#include "dialect/dialect.hpp"
#include "dialect/messages_support.hpp"

using namespace dialect_test;
using harness::dialect::make_gemini_decoder;

namespace {

const Runner run{make_gemini_decoder};

// A chunk of candidate 0 with `parts` (a JSON array), optional finishReason and usageMetadata,
// shaped like the API's (role model, modelVersion).
std::string chunk(std::string_view parts, std::string_view finish = "",
                  std::string_view usage = "") {
  std::string s =
      R"({"candidates": [{"content": {"parts": )" + std::string(parts) + R"(,"role": "model"})";
  if (!finish.empty())
    s += R"(,"finishReason": ")" + std::string(finish) + "\"";
  s += "}]";
  if (!usage.empty())
    s += R"(,"usageMetadata": )" + std::string(usage);
  return s + R"(,"modelVersion": "gemini-2.5-flash"})";
}
std::string text(std::string_view t) {
  return R"([{"text": ")" + std::string(t) + "\"}]";
}
std::string usage(int prompt, int candidates, int thoughts, int total) {
  return R"({"promptTokenCount": )" + std::to_string(prompt) + R"(,"candidatesTokenCount": )" +
         std::to_string(candidates) + R"(,"thoughtsTokenCount": )" + std::to_string(thoughts) +
         R"(,"totalTokenCount": )" + std::to_string(total) + "}";
}

} // namespace

TEST_CASE("gemini.text-concatenated-usage-last-finish-as-sent") {
  const auto r = run({{chunk(text("Hel"), "", R"({"promptTokenCount": 7,"totalTokenCount": 7})")},
                      {chunk(text("lo"), "STOP", usage(7, 2, 0, 9))}});
  CHECK(r.events == 2);
  CHECK(r.done);
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].index == 0);
  CHECK(r.choices[0].role == "model");
  CHECK(r.choices[0].text == "Hello");
  CHECK(r.choices[0].finish_reason == "STOP");
  REQUIRE(r.usage);
  CHECK(r.usage->prompt_tokens == 7);
  CHECK(r.usage->completion_tokens == 2);
  CHECK(r.usage->reasoning_tokens == 0);
  CHECK(r.usage->total_tokens == 9);
  CHECK(r.findings.empty());
}

TEST_CASE("gemini.thought-parts-are-reasoning-and-thoughts-count-in-total") {
  const auto r = run(
      {{chunk(R"([{"text": "**Plan**\n", "thought": true}])", "",
              R"({"promptTokenCount": 10,"totalTokenCount": 78,"thoughtsTokenCount": 68})")},
       {chunk(R"([{"text": "Blue.", "thought": false}])", "MAX_TOKENS", usage(10, 2, 68, 80))}});
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].reasoning == "**Plan**\n");
  CHECK(r.choices[0].text == "Blue.");
  CHECK(r.choices[0].finish_reason == "MAX_TOKENS");
  CHECK(r.usage->reasoning_tokens == 68);
  CHECK(r.findings.empty());
}

TEST_CASE("gemini.function-calls-whole-with-args-json") {
  const auto r = run({{chunk(
      R"([{"functionCall": {"name": "now","args": {}},"thoughtSignature": "Ci"},)"
      R"({"functionCall": {"id": "c2","name": "weather","args": {"city": "San Jose", "n": 2}}}])",
      "STOP", usage(38, 6, 0, 44))}});
  REQUIRE(r.choices.size() == 1);
  const auto &calls = r.choices[0].tool_calls;
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].index == 0);
  CHECK(!calls[0].id);
  CHECK(calls[0].type == "function");
  CHECK(calls[0].name == "now");
  CHECK(calls[0].arguments == "{}");
  CHECK(calls[1].index == 1);
  CHECK(calls[1].id == "c2");
  CHECK(calls[1].arguments == R"({"city":"San Jose","n":2})");
  CHECK(r.findings.empty());
}

TEST_CASE("gemini.function-call-without-name-or-object-args-is-malformed") {
  const auto r = run(
      {{chunk(R"([{"functionCall": {"args": {}}}, {"functionCall": {"name": "f", "args": [1]}}])",
              "STOP", usage(1, 1, 0, 2))}});
  CHECK(rules_of(r) == Strings{"gemini.malformed-chunk", "gemini.malformed-chunk"});
  REQUIRE(r.choices[0].tool_calls.size() == 1);
  CHECK(r.choices[0].tool_calls[0].name == "f");
  CHECK(r.choices[0].tool_calls[0].arguments.empty());
}

TEST_CASE("gemini.candidates-by-index-ordered-missing-index-is-zero") {
  const std::string two = R"({"candidates": [{"content": {"parts": [{"text": "b"}]},"index": 1},)"
                          R"({"content": {"parts": [{"text": "a"}]}}]})";
  const std::string finish =
      R"({"candidates": [{"finishReason": "STOP","index": 1},{"finishReason": "STOP","index": 0}],)"
      R"("usageMetadata": {"promptTokenCount": 1,"candidatesTokenCount": 2,"totalTokenCount": 3}})";
  const auto r = run({{two}, {finish}});
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[0].index == 0);
  CHECK(r.choices[0].text == "a");
  CHECK(r.choices[1].index == 1);
  CHECK(r.choices[1].text == "b");
  CHECK(!r.choices[0].role); // content without a role
  CHECK(r.done);
  CHECK(r.findings.empty());
}

TEST_CASE("gemini.finish-reason-missing-per-candidate-then-usage-and-done") {
  const std::vector<Ev> events{{chunk(text("cut"))}};
  const auto r = run(events);
  CHECK(!r.done);
  CHECK(rules_of(r) == Strings{"gemini.finish-reason-missing", "usage.missing", "done.missing"});
  check_findings_at(r, events, 0);
}

TEST_CASE("gemini.empty-stream-and-only-usage-are-not-done") {
  CHECK(rules_of(run({})) == Strings{"done.missing"});
  const auto r = run({{R"({"usageMetadata": {"promptTokenCount": 3,"totalTokenCount": 3}})"}});
  CHECK(!r.done);
  CHECK(rules_of(r) == Strings{"done.missing"});
}

TEST_CASE("gemini.finish-reason-changed-keeps-the-first") {
  const std::vector<Ev> events{{chunk(text("a"), "STOP")},
                               {chunk("[]", "MAX_TOKENS", usage(1, 1, 0, 2))}};
  const auto r = run(events);
  CHECK(r.choices[0].finish_reason == "STOP");
  CHECK(rules_of(r) == Strings{"gemini.finish-reason-changed"});
  check_findings_at(r, events, 1);
}

TEST_CASE("gemini.content-after-finish-still-appended") {
  const auto r = run({{chunk(text("a"), "STOP")}, {chunk(text("b"), "", usage(1, 2, 0, 3))}});
  CHECK(r.choices[0].text == "ab");
  CHECK(rules_of(r) == Strings{"gemini.content-after-finish"});
}

TEST_CASE("gemini.safety-stop-and-unknown-finish-reason") {
  auto r = run({{chunk(text("<redacted>"), "SAFETY", usage(10, 66, 0, 76))}});
  CHECK(r.done);
  CHECK(r.choices[0].finish_reason == "SAFETY");
  CHECK(rules_of(r) == Strings{"gemini.safety-stop"});
  r = run({{chunk(text("x"), "FUTURE_REASON", usage(1, 1, 0, 2))}});
  CHECK(r.choices[0].finish_reason == "FUTURE_REASON");
  CHECK(rules_of(r) == Strings{"gemini.unknown-finish-reason"});
}

TEST_CASE("gemini.prompt-blocked-is-done-without-candidates") {
  const auto r = run({{R"({"promptFeedback": {"blockReason": "SAFETY","safetyRatings": []}})"}});
  CHECK(r.done);
  CHECK(r.choices.empty());
  CHECK(rules_of(r) == Strings{"gemini.prompt-blocked", "usage.missing"});
  // A promptFeedback without a block reason (sent beside candidates) says nothing.
  const auto ok = run(
      {{R"({"candidates": [{"content": {"parts": [{"text": "x"}]},"finishReason": "STOP"}],)"
        R"("promptFeedback": {"safetyRatings": []},"usageMetadata": {"totalTokenCount": 0}})"}});
  CHECK(ok.findings.empty());
}

TEST_CASE("gemini.error-object-is-a-stream-error") {
  const std::vector<Ev> events{
      {chunk(text("First "))},
      {R"({"error": {"code": 499,"message": "The operation was cancelled.","status": "CANCELLED"}})"}};
  const auto r = run(events);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "The operation was cancelled.");
  CHECK(r.errors[0].source == "payload");
  CHECK(r.errors[0].event == 1);
  CHECK(r.errors[0].offset == data_offset_of(events, 1));
  CHECK(rules_of(r) ==
        Strings{"error.payload", "gemini.finish-reason-missing", "usage.missing", "done.missing"});
}

TEST_CASE("gemini.usage-decreased-and-total-mismatch") {
  const auto r = run({{chunk(text("a"), "", usage(10, 5, 3, 18))},
                      {chunk(text("b"), "STOP", usage(10, 4, 3, 20))}});
  CHECK(rules_of(r) == Strings{"usage.decreased", "usage.total-mismatch"});
  CHECK(r.usage->completion_tokens == 4);
  CHECK(r.usage->total_tokens == 20);
  // toolUsePromptTokenCount is part of the total.
  const auto tool = run({{chunk(
      text("a"), "STOP",
      R"({"promptTokenCount": 21,"candidatesTokenCount": 126,"totalTokenCount": 485,"toolUsePromptTokenCount": 243,"thoughtsTokenCount": 95})")}});
  CHECK(tool.findings.empty());
}

TEST_CASE("gemini.malformed-fields-ignored") {
  const auto r = run(
      {{R"({"candidates": {"a": 1}})"},
       {R"({"candidates": [7, {"index": -1, "content": {"parts": "x"}, "finishReason": 3}]})"},
       {R"({"candidates": [{"content": {"parts": [5, {"text": 1}, {"foo": 1}, {"inlineData": {}}]}, "finishReason": "STOP"}], "usageMetadata": []})"},
       {R"({"modelVersion": "gemini"})"}});
  CHECK(rule_counts(r) == Counts{{"gemini.malformed-chunk", 8},
                                 {"gemini.unknown-part", 1},
                                 {"gemini.unknown-chunk", 1},
                                 {"gemini.finish-reason-missing", 1},
                                 {"usage.missing", 1},
                                 {"done.missing", 1}});
  // Index -1 at position 1 becomes candidate 1, which never finishes; position 0 is candidate 0.
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[0].index == 0);
  CHECK(r.choices[0].finish_reason == "STOP");
  CHECK(r.choices[1].index == 1);
  CHECK(!r.done);
}

TEST_CASE("gemini.detected-from-its-fields") {
  using harness::dialect::detect_dialect;
  CHECK(detect_dialect("data: {\"candidates\": [{\"content\": {\"parts\": []}}]}\r\n\r\n") ==
        "gemini");
  CHECK(detect_dialect("data: {\"promptFeedback\": {\"blockReason\": \"SAFETY\"}}\r\n") ==
        "gemini");
  CHECK(detect_dialect("data: {\"usageMetadata\": {}}\n\n") == "gemini");
  CHECK(detect_dialect("data: {\"choices\": [], \"usageMetadata\": {}}\n\n") == "openai-chat");
  CHECK(harness::dialect::is_dialect("gemini"));
  CHECK(harness::dialect::make_decoder("gemini") != nullptr);
}
