// The OpenAI Responses API decoder fed hand-made events (no SSE parser): the reassembled choice,
// the usage, errors, and each rule it applies.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dialect/decoder.hpp"
#include "dialect/figures.hpp"
#include "dialect/messages_support.hpp"

using namespace dialect_test;
using harness::dialect::make_responses_decoder;

namespace {

const Runner run{make_responses_decoder};

// Payloads shaped like OpenAI's, compact and without sequence_number unless a test adds one.
constexpr std::string_view kUsage =
    R"({"input_tokens":25,"input_tokens_details":{"cached_tokens":0},"output_tokens":10,"output_tokens_details":{"reasoning_tokens":4},"total_tokens":35})";

std::string response_event(std::string_view type, std::string_view status,
                           std::string_view usage = "null", std::string_view error = "null") {
  return R"({"type":")" + std::string(type) +
         R"(","response":{"id":"resp_1","object":"response","status":")" + std::string(status) +
         R"(","error":)" + std::string(error) + R"(,"output":[],"usage":)" + std::string(usage) +
         "}}";
}
std::string created() {
  return response_event("response.created", "in_progress");
}
std::string completed(std::string_view usage = kUsage) {
  return response_event("response.completed", "completed", usage);
}
std::string item_event(std::string_view type, int output_index, std::string_view item) {
  return R"({"type":")" + std::string(type) + R"(","output_index":)" +
         std::to_string(output_index) + R"(,"item":)" + std::string(item) + "}";
}
std::string message_item(std::string_view id = "msg_1") {
  return R"({"type":"message","id":")" + std::string(id) +
         R"(","status":"in_progress","role":"assistant","content":[]})";
}
std::string call_item(std::string_view id, std::string_view call_id, std::string_view name,
                      std::string_view arguments = "") {
  return R"({"type":"function_call","id":")" + std::string(id) + R"(","call_id":")" +
         std::string(call_id) + R"(","name":")" + std::string(name) + R"(","arguments":")" +
         std::string(arguments) + R"(","status":"in_progress"})";
}
std::string added(int output_index, std::string_view item) {
  return item_event("response.output_item.added", output_index, item);
}
// An event about output item `output_index` with `fields` (JSON members, comma-led or empty).
std::string about(std::string_view type, int output_index, std::string_view fields) {
  return R"({"type":")" + std::string(type) + R"(","output_index":)" +
         std::to_string(output_index) + std::string(fields) + "}";
}
std::string text_delta(int output_index, std::string_view delta, int content_index = 0) {
  return about("response.output_text.delta", output_index,
               R"(,"content_index":)" + std::to_string(content_index) + R"(,"delta":")" +
                   std::string(delta) + "\"");
}
std::string text_done(int output_index, std::string_view text, int content_index = 0) {
  return about("response.output_text.done", output_index,
               R"(,"content_index":)" + std::to_string(content_index) + R"(,"text":")" +
                   std::string(text) + "\"");
}
std::string args_delta(int output_index, std::string_view delta) {
  return about("response.function_call_arguments.delta", output_index,
               R"(,"delta":")" + std::string(delta) + "\"");
}
std::string args_done(int output_index, std::string_view arguments) {
  return about("response.function_call_arguments.done", output_index,
               R"(,"arguments":")" + std::string(arguments) + "\"");
}
// Adds "sequence_number":n as the payload's first member.
std::string seq(int n, const std::string &payload) {
  return "{\"sequence_number\":" + std::to_string(n) + "," + payload.substr(1);
}

} // namespace

TEST_CASE("responses.text.reassembled-with-role-finish-and-usage") {
  const auto r = run({{created()},
                      {response_event("response.in_progress", "in_progress")},
                      {added(0, message_item())},
                      {about("response.content_part.added", 0,
                             R"(,"content_index":0,"part":{"type":"output_text","text":""})")},
                      {text_delta(0, "Hel")},
                      {text_delta(0, "lo")},
                      {text_done(0, "Hello")},
                      {about("response.content_part.done", 0, R"(,"content_index":0)")},
                      {item_event("response.output_item.done", 0, message_item())},
                      {completed()}});
  check_figures(r, {.events = 10,
                    .role = "assistant",
                    .text = {"Hello"},
                    .finish_reason = "completed",
                    .usage = harness::Usage{25, 10, 35, 4}});
}

TEST_CASE("responses.text.event-lines-and-payload-types-agree") {
  std::vector<Ev> events = {
      {created()}, {added(0, message_item())}, {text_delta(0, "x")}, {completed()}};
  const auto reconstructed = run(events);
  const char *types[] = {"response.created", "response.output_item.added",
                         "response.output_text.delta", "response.completed"};
  for (size_t k = 0; k < events.size(); ++k)
    events[k].type = types[k];
  CHECK(run(events) == reconstructed);
  CHECK(reconstructed.findings.empty());
}

TEST_CASE("responses.refusal-and-reasoning") {
  const auto r = run(
      {{created()},
       {added(0, R"({"type":"reasoning","id":"rs_1","summary":[]})")},
       {about("response.reasoning_summary_text.delta", 0, R"(,"summary_index":0,"delta":"Sum.")")},
       {about("response.reasoning_summary_text.done", 0, R"(,"summary_index":0,"text":"Sum.")")},
       {about("response.reasoning_text.delta", 0, R"(,"content_index":0,"delta":" Raw")")},
       {about("response.reasoning_text.done", 0, R"(,"content_index":0,"text":" Raw")")},
       {added(1, message_item())},
       {about("response.refusal.delta", 1, R"(,"content_index":0,"delta":"I can't")")},
       {about("response.refusal.delta", 1, R"(,"content_index":0,"delta":" help.")")},
       {about("response.refusal.done", 1, R"(,"content_index":0,"refusal":"I can't help.")")},
       {completed()}});
  CHECK(r.findings.empty());
  const auto &c = r.choices.at(0);
  CHECK(c.reasoning == "Sum. Raw");
  CHECK(c.refusal == "I can't help.");
  CHECK(c.text.empty());
}

TEST_CASE("responses.tool-calls.fragments-ids-and-order") {
  const auto r =
      run({{created()},
           {added(0, call_item("fc_1", "call_a", "get_capital"))},
           {args_delta(0, R"({\")")},
           {args_delta(0, R"(country\":\"France\"})")},
           {args_done(0, R"({\"country\":\"France\"})")},
           {item_event("response.output_item.done", 0,
                       call_item("fc_1", "call_a", "get_capital", R"({\"country\":\"France\"})"))},
           {added(1, message_item())},
           {text_delta(1, "and")},
           {added(2, call_item("fc_2", "call_b", "get_time"))},
           {args_delta(2, "{}")},
           {completed()}});
  CHECK(r.findings.empty());
  const auto &c = r.choices.at(0);
  CHECK(c.text == "and");
  // Indexes count function_call items only; id is the call_id, not the item id.
  check_tool_calls(c, {{0, "call_a", "function", "get_capital", R"({"country":"France"})"},
                       {1, "call_b", "function", "get_time", "{}"}});
}

TEST_CASE("responses.tool-calls.tool-call-only-response-has-no-role") {
  const auto r = run(
      {{created()}, {added(0, call_item("fc_1", "c", "f"))}, {args_delta(0, "{}")}, {completed()}});
  REQUIRE(r.choices.size() == 1);
  CHECK_FALSE(r.choices[0].role.has_value());
  CHECK(r.choices[0].finish_reason == "completed");
}

// LM Studio sends function_call_arguments.done and no delta.
TEST_CASE("responses.done.without-deltas-taken") {
  const std::vector<Ev> events = {
      {created()},
      {added(0, call_item("fc_1", "call_1", "weather"))},
      {args_done(0, R"({\"location\":\"San Francisco\"})")},
      {item_event("response.output_item.done", 0,
                  call_item("fc_1", "call_1", "weather", R"({\"location\":\"San Francisco\"})"))},
      {added(1, message_item())},
      {text_done(1, "only done")},
      {completed()}};
  const auto r = run(events);
  REQUIRE(rules_of(r) == Strings{"responses.done-without-deltas", "responses.done-without-deltas"});
  CHECK(r.findings[0].event == 2);
  CHECK(r.findings[0].severity == harness::Severity::info);
  CHECK(r.findings[1].event == 5);
  const auto &c = r.choices.at(0);
  CHECK(c.tool_calls.at(0).arguments == R"({"location":"San Francisco"})");
  CHECK(c.text == "only done");
}

TEST_CASE("responses.done.item-done-arguments-when-nothing-else-came") {
  const auto r = run({{created()},
                      {added(0, call_item("fc_1", "", ""))},
                      {item_event("response.output_item.done", 0,
                                  call_item("fc_1", "call_9", "late_name", R"({\"k\":1})"))},
                      {completed()}});
  CHECK(rules_of(r) == Strings{"responses.done-without-deltas"});
  // call_id and name "" at added count as absent: the done item fills them.
  CHECK(r.choices.at(0).tool_calls.at(0) ==
        harness::ToolCall{0, "call_9", "function", "late_name", R"({"k":1})"});
}

TEST_CASE("responses.done.text-differs-from-deltas") {
  const std::vector<Ev> events = {{created()},
                                  {added(0, message_item())},
                                  {text_delta(0, "Hello")},
                                  {text_done(0, "Hello!")},
                                  {added(1, call_item("fc", "c", "f"))},
                                  {args_delta(1, "{}")},
                                  {args_done(1, R"({\"a\":1})")},
                                  {completed()}};
  const auto r = run(events);
  REQUIRE(rules_of(r) == Strings{"responses.done-text-mismatch", "responses.done-text-mismatch"});
  CHECK(r.findings[0].severity == harness::Severity::error);
  CHECK(r.findings[0].offset == data_offset_of(events, 3));
  // The deltas are what a streaming client showed.
  CHECK(r.choices.at(0).text == "Hello");
  CHECK(r.choices.at(0).tool_calls.at(0).arguments == "{}");
}

TEST_CASE("responses.done.parts-compared-separately") {
  const auto r = run({{created()},
                      {added(0, message_item())},
                      {text_delta(0, "a", 0)},
                      {text_delta(0, "b", 1)},
                      {text_done(0, "a", 0)},
                      {text_done(0, "b", 1)},
                      {completed()}});
  CHECK(r.findings.empty());
  CHECK(r.choices.at(0).text == "ab");
}

TEST_CASE("responses.items.unknown-output-index-or-item-id") {
  const auto r = run(
      {{created()},
       {added(0, message_item("msg_1"))},
       {text_delta(3, "lost")},
       {R"({"type":"response.output_text.delta","item_id":"msg_1","content_index":0,"delta":"by id"})"},
       {R"({"type":"response.output_text.delta","item_id":"msg_9","content_index":0,"delta":"lost"})"},
       {about("response.content_part.added", 5, R"(,"content_index":0)")},
       {R"({"type":"response.output_text.delta","content_index":0,"delta":"lost"})"},
       {completed()}});
  CHECK(rules_of(r) == Strings{"responses.unknown-item", "responses.unknown-item",
                               "responses.unknown-item", "responses.malformed-event"});
  CHECK(r.findings[0].event == 2);
  CHECK(r.findings[0].severity == harness::Severity::error);
  CHECK(r.choices.at(0).text == "by id");
}

TEST_CASE("responses.items.delta-for-an-item-of-another-type") {
  const auto r = run({{created()},
                      {added(0, call_item("fc", "c", "f"))},
                      {text_delta(0, "no")},
                      {added(1, message_item())},
                      {args_delta(1, "{}")},
                      {about("response.reasoning_text.delta", 1, R"(,"delta":"no")")},
                      {completed()}});
  CHECK(rules_of(r) == Strings(3, "responses.item-type-mismatch"));
  CHECK(r.choices.at(0).text.empty());
  CHECK(r.choices.at(0).reasoning.empty());
  CHECK(r.choices.at(0).tool_calls.at(0).arguments.empty());
}

TEST_CASE("responses.items.repeated-output-index-keeps-the-first") {
  const auto r = run({{created()},
                      {added(0, message_item())},
                      {added(0, call_item("fc", "c", "f"))},
                      {text_delta(0, "x")},
                      {completed()}});
  CHECK(rules_of(r) == Strings{"responses.item-repeated"});
  CHECK(r.choices.at(0).tool_calls.empty());
  CHECK(r.choices.at(0).text == "x");
}

TEST_CASE("responses.items.arguments-not-a-json-object") {
  const auto r =
      run({{created()},
           {added(0, call_item("fc", "c", "f"))},
           {args_delta(0, R"({\"a\":)")},
           {item_event("response.output_item.done", 0, call_item("fc", "c", "f", R"({\"a\":)"))},
           {added(1, call_item("fc2", "c2", "g"))},
           {args_delta(1, "[]")},
           {item_event("response.output_item.done", 1, call_item("fc2", "c2", "g", "[]"))},
           {completed()}});
  CHECK(rules_of(r) ==
        Strings{"responses.tool-arguments-invalid", "responses.tool-arguments-invalid"});
  CHECK(r.findings[0].event == 3);
}

TEST_CASE("responses.sequence.gaps") {
  SUBCASE("consecutive from any start (a resumed stream starts after starting_after)") {
    const auto r = run({{seq(1, response_event("response.queued", "queued"))},
                        {seq(2, created())},
                        {seq(3, completed())}});
    CHECK(r.findings.empty());
  }
  SUBCASE("a skipped, a repeated and a backwards number") {
    const auto r = run({{seq(0, created())},
                        {seq(2, added(0, message_item()))},
                        {seq(2, text_delta(0, "a"))},
                        {seq(1, text_delta(0, "b"))},
                        {seq(2, completed())}});
    CHECK(rules_of(r) == Strings(3, "responses.sequence-gap"));
    CHECK(r.findings[0].event == 1);
    CHECK(r.findings[0].message == "sequence_number 2 after 0");
    CHECK(r.choices.at(0).text == "ab"); // nothing is reordered or dropped
  }
  SUBCASE("events without sequence_number are not checked; one that is not an integer is noted") {
    const auto r = run(
        {{seq(0, created())},
         {added(0, message_item())},
         {seq(1, text_delta(0, "a"))},
         {R"({"sequence_number":"2","type":"response.output_text.delta","output_index":0,"delta":"b"})"},
         {seq(3, completed())}});
    CHECK(rules_of(r) == Strings{"responses.malformed-event", "responses.sequence-gap"});
  }
  SUBCASE("an event: error block's number counts") {
    const auto r =
        run({{seq(0, created())},
             {R"({"type":"error","sequence_number":1,"code":"server_error","message":"boom"})",
              "error"},
             {seq(2, response_event("response.failed", "failed", "null",
                                    R"({"code":"server_error","message":"boom"})"))}});
    CHECK(rules_of(r) == Strings{"error.event", "usage.missing"});
  }
}

TEST_CASE("responses.terminal.incomplete-and-status") {
  SUBCASE("incomplete") {
    const auto r = run({{created()},
                        {added(0, message_item())},
                        {text_delta(0, "cut")},
                        {response_event("response.incomplete", "incomplete", kUsage)}});
    CHECK(r.done);
    CHECK(r.findings.empty());
    CHECK(r.choices.at(0).finish_reason == "incomplete");
  }
  SUBCASE("a status that contradicts the event is used") {
    const auto r =
        run({{created()}, {response_event("response.completed", "in_progress", kUsage)}});
    CHECK(rules_of(r) == Strings{"responses.status-mismatch"});
    CHECK(r.choices.at(0).finish_reason == "in_progress");
  }
  SUBCASE("no status: the event's own word") {
    const auto r =
        run({{created()}, {R"({"type":"response.completed","response":{"usage":null}})"}});
    CHECK(rules_of(r) == Strings{"responses.status-mismatch", "usage.missing"});
    CHECK(r.choices.at(0).finish_reason == "completed");
  }
  SUBCASE("no response object") {
    const auto r = run({{created()}, {R"({"type":"response.completed"})"}});
    CHECK(rules_of(r) == Strings{"responses.malformed-event", "usage.missing"});
    CHECK(r.done);
    CHECK(r.choices.at(0).finish_reason == "completed");
  }
}

TEST_CASE("responses.terminal.failed") {
  SUBCASE("without error") {
    const auto r = run({{created()}, {response_event("response.failed", "failed")}});
    CHECK(rules_of(r) == Strings{"responses.failed-without-error", "usage.missing"});
    CHECK(r.choices.at(0).finish_reason == "failed");
    CHECK(r.errors.empty());
  }
  SUBCASE("with an error and none before: the failure is the error") {
    const std::vector<Ev> events = {
        {created()},
        {response_event("response.failed", "failed", "null",
                        R"({"code":"server_error","message":"The server had an error"})")}};
    const auto r = run(events);
    CHECK(rules_of(r) == Strings{"error.payload", "usage.missing"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0] == harness::StreamError{"The server had an error", "payload",
                                              data_offset_of(events, 1), 1});
  }
  SUBCASE("after an error payload: reported once") {
    const auto r = run(
        {{created()},
         {R"({"type":"error","code":"insufficient_quota","message":"You exceeded your current quota"})"},
         {response_event(
             "response.failed", "failed", "null",
             R"({"code":"insufficient_quota","message":"You exceeded your current quota"})")}});
    CHECK(rules_of(r) == Strings{"error.payload", "usage.missing"});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].source == "payload");
    CHECK(r.errors[0].event == 1);
  }
}

TEST_CASE("responses.error.forms") {
  SUBCASE("error nested in an error member (vercel/ai fixture shape)") {
    const auto r =
        run({{R"({"type":"error","error":{"type":"insufficient_quota","message":"quota"}})"}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "quota");
  }
  SUBCASE("event: error with data that is not JSON") {
    const auto r = run({{"stream reset", "error"}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0] == harness::StreamError{"stream reset", "event", 6, 0});
    CHECK(rules_of(r) == Strings{"error.event", "done.missing"});
  }
}

TEST_CASE("responses.usage.total-mismatch-and-missing-counters") {
  SUBCASE("total is not input + output") {
    const auto r = run(
        {{created()},
         {completed(
             R"({"input_tokens":10,"output_tokens":5,"total_tokens":20,"output_tokens_details":{"reasoning_tokens":5}})")}});
    CHECK(rules_of(r) == Strings{"usage.total-mismatch"});
    CHECK(r.usage == harness::Usage{10, 5, 20, 5});
  }
  SUBCASE("counters that are absent or not integers stay empty") {
    const auto r = run({{created()}, {completed(R"({"input_tokens":10,"output_tokens":"5"})")}});
    CHECK(r.findings.empty());
    CHECK(r.usage == harness::Usage{10, std::nullopt, std::nullopt, std::nullopt});
  }
  SUBCASE("counters above INT64_MAX overflow nothing") {
    const auto r =
        run({{created()},
             {completed(
                 R"({"input_tokens":9223372036854775807,"output_tokens":1,"total_tokens":0})")}});
    CHECK(rules_of(r) == Strings{"usage.total-mismatch"});
  }
}

TEST_CASE("responses.start.missing-reported-once") {
  const auto r = run({{added(0, message_item())}, {text_delta(0, "x")}, {completed()}});
  REQUIRE(rules_of(r) == Strings{"responses.start-missing"});
  CHECK(r.findings[0].event == 0);
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.choices.at(0).text == "x");
}

TEST_CASE("responses.event-type.mismatch-unknown-and-known-ignored") {
  const auto r = run(
      {{created(), "response.created"},
       {added(0, message_item()), "response.output_item.added"},
       {text_delta(0, "a"), "response.output_text.done"},
       {R"({"type":"response.output_text.annotation.added","output_index":0,"content_index":0,"annotation":{}})"},
       {R"({"type":"response.web_search_call.searching","output_index":4,"item_id":"ws_1"})"},
       {R"({"type":"response.thinking.delta","output_index":0})"},
       {R"({"output_index":0})"},
       {completed()}});
  CHECK(rules_of(r) == Strings{"responses.event-type-mismatch", "responses.malformed-event",
                               "responses.unknown-item", "responses.unknown-event",
                               "responses.unknown-event"});
  // Read as output_text.done, the payload has no text member.
  CHECK(r.choices.at(0).text.empty());
}

TEST_CASE("responses.done.data-after-terminal-ignored") {
  const std::vector<Ev> events = {
      {created()}, {completed()}, {text_delta(0, "late")}, {R"({"message":"late"})", "error"}};
  const auto r = run(events);
  CHECK(r.events == 4);
  CHECK(rules_of(r) == Strings{"done.data-after-done", "done.data-after-done"});
  CHECK(r.findings[1].offset == data_offset_of(events, 3));
  CHECK(r.errors.empty());
}

TEST_CASE("responses.done.missing-and-usage-missing-point-at-the-last-event") {
  const std::vector<Ev> events = {{created()}, {added(0, message_item())}, {text_delta(0, "cut")}};
  const auto r = run(events);
  REQUIRE(rules_of(r) == Strings{"usage.missing", "done.missing"});
  check_findings_at(r, events, 2);
  CHECK(r.choices.at(0).text == "cut");
  CHECK_FALSE(r.choices.at(0).finish_reason.has_value());
}

TEST_CASE("responses.json.invalid-and-not-object-skipped") {
  const std::vector<Ev> events = {{created()},  {added(0, message_item())}, {"{\"type\":"},
                                  {"\"text\""}, {text_delta(0, "ok")},      {completed()}};
  const auto r = run(events);
  REQUIRE(rules_of(r) == Strings{"json.invalid", "json.not-object"});
  CHECK(r.findings[0].offset == data_offset_of(events, 2) + 8);
  CHECK(r.choices.at(0).text == "ok");
}
