// The Anthropic Messages decoder fed hand-made events (no SSE parser): the reassembled choice, the
// usage, errors, and each rule it applies.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dialect/decoder.hpp"
#include "dialect/figures.hpp"
#include "dialect/messages_support.hpp"

using namespace dialect_test;
using harness::dialect::make_messages_decoder;

namespace {

const Runner run{make_messages_decoder};

// Payloads shaped like Anthropic's, compact. The SSE event type is taken from the payload's type
// (as in captures rebuilt from JSON lines) unless a test sets one.
std::string message_start(std::string_view usage = R"({"input_tokens":10,"output_tokens":1})") {
  return R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",)"
         R"("model":"claude-test","content":[],"stop_reason":null,"stop_sequence":null,"usage":)" +
         std::string(usage) + "}}";
}
std::string block_start(int index, std::string_view block) {
  return R"({"type":"content_block_start","index":)" + std::to_string(index) +
         R"(,"content_block":)" + std::string(block) + "}";
}
std::string text_block(int index) {
  return block_start(index, R"({"type":"text","text":""})");
}
std::string delta(int index, std::string_view d) {
  return R"({"type":"content_block_delta","index":)" + std::to_string(index) + R"(,"delta":)" +
         std::string(d) + "}";
}
std::string text_delta(int index, std::string_view text) {
  return delta(index, R"({"type":"text_delta","text":")" + std::string(text) + "\"}");
}
std::string json_delta(int index, std::string_view partial) {
  return delta(index,
               R"({"type":"input_json_delta","partial_json":")" + std::string(partial) + "\"}");
}
std::string block_stop(int index) {
  return R"({"type":"content_block_stop","index":)" + std::to_string(index) + "}";
}
std::string message_delta(std::string_view stop_reason = "\"end_turn\"",
                          std::string_view usage = R"({"output_tokens":7})") {
  return R"({"type":"message_delta","delta":{"stop_reason":)" + std::string(stop_reason) +
         R"(,"stop_sequence":null},"usage":)" + std::string(usage) + "}";
}
const std::string kStop = R"({"type":"message_stop"})";

// A complete one-text-block message around `middle` (events between message_start and
// message_delta).
std::vector<Ev> message(std::vector<Ev> middle) {
  std::vector<Ev> out{{message_start()}};
  out.insert(out.end(), middle.begin(), middle.end());
  out.push_back({message_delta()});
  out.push_back({kStop});
  return out;
}

} // namespace

TEST_CASE("messages.text.reassembled-with-role-finish-and-usage") {
  const auto r = run(
      message({{text_block(0)}, {text_delta(0, "Hel")}, {text_delta(0, "lo")}, {block_stop(0)}}));
  // Anthropic sends no total and no reasoning count: they stay empty.
  check_figures(r, {.events = 7,
                    .role = "assistant",
                    .text = {"Hello"},
                    .finish_reason = "end_turn",
                    .usage = harness::Usage{10, 7, std::nullopt, std::nullopt}});
}

TEST_CASE("messages.text.event-lines-and-payload-types-agree") {
  std::vector<Ev> events = message({{text_block(0)}, {text_delta(0, "x")}, {block_stop(0)}});
  const auto reconstructed = run(events);
  const char *types[] = {"message_start",      "content_block_start", "content_block_delta",
                         "content_block_stop", "message_delta",       "message_stop"};
  for (size_t k = 0; k < events.size(); ++k)
    events[k].type = types[k];
  CHECK(run(events) == reconstructed);
}

TEST_CASE("messages.text.several-text-blocks-joined-without-separator") {
  const auto r = run(message({{text_block(0)},
                              {text_delta(0, "a.")},
                              {block_stop(0)},
                              {text_block(1)},
                              {text_delta(1, "b")},
                              {block_stop(1)}}));
  CHECK(r.findings.empty());
  CHECK(r.choices[0].text == "a.b");
}

TEST_CASE("messages.text.start-block-text-and-escapes") {
  const auto r = run(message({{block_start(0, R"({"type":"text","text":"Pre"})")},
                              {text_delta(0, R"(\"q\"\n\u00e9)")},
                              {block_stop(0)}}));
  CHECK(r.choices[0].text == "Pre\"q\"\n\xC3\xA9");
}

TEST_CASE("messages.finish-reason.kept-as-anthropic-sends-it") {
  for (const char *reason :
       {"end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal"}) {
    CAPTURE(reason);
    const auto r =
        run({{message_start()}, {message_delta('"' + std::string(reason) + '"')}, {kStop}});
    CHECK(r.choices[0].finish_reason == reason);
    CHECK(r.findings.empty());
  }
}

TEST_CASE("messages.thinking.to-reasoning-signature-ignored") {
  const auto r =
      run(message({{block_start(0, R"({"type":"thinking","thinking":"","signature":""})")},
                   {delta(0, R"({"type":"thinking_delta","thinking":"Let me "})")},
                   {delta(0, R"({"type":"thinking_delta","thinking":"think."})")},
                   {delta(0, R"({"type":"signature_delta","signature":"EqQBCkgIARABGAIiQ"})")},
                   {block_stop(0)},
                   {text_block(1)},
                   {text_delta(1, "42")},
                   {block_stop(1)}}));
  CHECK(r.findings.empty());
  CHECK(r.choices[0].reasoning == "Let me think.");
  CHECK(r.choices[0].text == "42");
}

TEST_CASE("messages.tool-use.fragments-concatenated-start-input-ignored") {
  const auto r = run(
      {{message_start()},
       {text_block(0)},
       {text_delta(0, "Checking.")},
       {block_stop(0)},
       {block_start(1, R"({"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}})")},
       {json_delta(1, "")},
       {json_delta(1, R"({\"city\": \"Par)")},
       {json_delta(1, R"(is\"})")},
       {block_stop(1)},
       {block_start(2, R"({"type":"tool_use","id":"toolu_2","name":"get_time","input":{}})")},
       {json_delta(2, R"({})")},
       {block_stop(2)},
       {message_delta("\"tool_use\"")},
       {kStop}});
  CHECK(r.findings.empty());
  REQUIRE(r.choices.size() == 1);
  const auto &c = r.choices[0];
  CHECK(c.text == "Checking.");
  CHECK(c.finish_reason == "tool_use");
  // Indexes count tool blocks only: block 1 is tool call 0.
  check_tool_calls(c, {{0, "toolu_1", "tool_use", "get_weather", R"({"city": "Paris"})"},
                       {1, "toolu_2", "tool_use", "get_time", "{}"}});
}

TEST_CASE("messages.tool-use.input-fallback-without-deltas") {
  SUBCASE("a non-empty input object, no delta: its compact JSON") {
    const auto r = run(message(
        {{block_start(
             0, R"({"type":"tool_use","id":"t","name":"f","input":{ "a" : [1, 2], "b":"x" }})")},
         {block_stop(0)}}));
    CHECK(r.findings.empty());
    CHECK(r.choices[0].tool_calls.at(0).arguments == R"({"a":[1,2],"b":"x"})");
  }
  SUBCASE("only empty fragments: still the input") {
    const auto r =
        run(message({{block_start(0, R"({"type":"tool_use","id":"t","name":"f","input":{"a":1}})")},
                     {json_delta(0, "")},
                     {block_stop(0)}}));
    CHECK(r.choices[0].tool_calls.at(0).arguments == R"({"a":1})");
  }
  SUBCASE("fragments win over a non-empty input") {
    const auto r =
        run(message({{block_start(0, R"({"type":"tool_use","id":"t","name":"f","input":{"a":1}})")},
                     {json_delta(0, R"({\"a\":2})")},
                     {block_stop(0)}}));
    CHECK(r.choices[0].tool_calls.at(0).arguments == R"({"a":2})");
  }
  SUBCASE("input {} and no delta: empty arguments, no finding") {
    const auto r =
        run(message({{block_start(0, R"({"type":"tool_use","id":"t","name":"f","input":{}})")},
                     {block_stop(0)}}));
    CHECK(r.findings.empty());
    CHECK(r.choices[0].tool_calls.at(0).arguments.empty());
  }
  SUBCASE("a block cut off before its stop still gets the fallback") {
    const auto r =
        run({{message_start()},
             {block_start(0, R"({"type":"tool_use","id":"t","name":"f","input":{"k":true}})")}});
    CHECK(r.choices[0].tool_calls.at(0).arguments == R"({"k":true})");
    CHECK(rules_of(r) == Strings{"done.missing"});
  }
}

TEST_CASE("messages.tool-use.server-tool-use-and-results") {
  const auto r = run(message(
      {{block_start(
           0, R"({"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}})")},
       {json_delta(0, R"({\"query\": \"x\"})")},
       {block_stop(0)},
       {block_start(
           1, R"({"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]})")},
       {block_stop(1)},
       {block_start(
           2,
           R"({"type":"mcp_tool_use","id":"mcptoolu_1","name":"echo","server_name":"s","input":{"v":1}})")},
       {block_stop(2)},
       {block_start(
           3,
           R"({"type":"mcp_tool_result","tool_use_id":"mcptoolu_1","is_error":false,"content":[]})")},
       {block_stop(3)},
       {block_start(4, R"({"type":"redacted_thinking","data":"EmwKAhgBEgy"})")},
       {block_stop(4)}}));
  CHECK(r.findings.empty());
  const auto &calls = r.choices[0].tool_calls;
  REQUIRE(calls.size() == 2);
  CHECK(calls[0] ==
        harness::ToolCall{0, "srvtoolu_1", "server_tool_use", "web_search", R"({"query": "x"})"});
  CHECK(calls[1] == harness::ToolCall{1, "mcptoolu_1", "mcp_tool_use", "echo", R"({"v":1})"});
  CHECK(r.choices[0].text.empty());
}

TEST_CASE("messages.tool-input-invalid-at-block-stop") {
  const std::vector<Ev> events =
      message({{block_start(0, R"({"type":"tool_use","id":"t","name":"f","input":{}})")},
               {json_delta(0, R"({\"a\": )")},
               {block_stop(0)},
               {block_start(1, R"({"type":"tool_use","id":"u","name":"g","input":{}})")},
               {json_delta(1, "[1]")},
               {block_stop(1)}});
  const auto r = run(events);
  REQUIRE(rules_of(r) == Strings{"messages.tool-input-invalid", "messages.tool-input-invalid"});
  CHECK(r.findings[0].severity == harness::Severity::error);
  CHECK(r.findings[0].event == 3);
  CHECK(r.findings[0].offset == data_offset_of(events, 3));
  CHECK(r.findings[1].message.find("not an object") != std::string::npos);
  // The arguments stay what the fragments said.
  CHECK(r.choices[0].tool_calls.at(0).arguments == R"({"a": )");
}

TEST_CASE("messages.blocks.delta-or-stop-for-a-block-never-started") {
  const auto r = run(message({{text_block(0)},
                              {text_delta(1, "lost")},
                              {text_delta(0, "kept")},
                              {block_stop(1)},
                              {block_stop(0)}}));
  CHECK(rules_of(r) == Strings{"messages.block-not-started", "messages.block-not-started"});
  CHECK(r.findings[0].event == 2);
  CHECK(r.findings[0].severity == harness::Severity::error);
  CHECK(r.choices[0].text == "kept");
}

TEST_CASE("messages.blocks.delta-after-stop-still-applied-second-stop-ignored") {
  const auto r = run(message({{text_block(0)},
                              {text_delta(0, "a")},
                              {block_stop(0)},
                              {text_delta(0, "b")},
                              {block_stop(0)}}));
  CHECK(rules_of(r) == Strings{"messages.block-after-stop", "messages.block-after-stop"});
  CHECK(r.findings[0].severity == harness::Severity::warning);
  CHECK(r.choices[0].text == "ab");
}

TEST_CASE("messages.blocks.restarted-index-replaces-the-block") {
  const auto r =
      run(message({{text_block(0)},
                   {text_delta(0, "a")},
                   {block_start(0, R"({"type":"tool_use","id":"t","name":"f","input":{}})")},
                   {json_delta(0, "{}")},
                   {text_delta(0, "b")},
                   {block_stop(0)}}));
  CHECK(rules_of(r) == Strings{"messages.block-restarted", "messages.delta-block-mismatch"});
  CHECK(r.choices[0].text == "a");
  REQUIRE(r.choices[0].tool_calls.size() == 1);
  CHECK(r.choices[0].tool_calls[0].arguments == "{}");
}

TEST_CASE("messages.blocks.restarted-tool-block-keeps-its-input") {
  const auto r = run(message(
      {{block_start(0, R"({"type":"tool_use","id":"t","name":"f","input":{"a":1}})")},
       {text_block(0)},
       {text_delta(0, "x")},
       {block_stop(0)}}));
  CHECK(rules_of(r) == Strings{"messages.block-restarted"});
  CHECK(r.choices[0].text == "x");
  REQUIRE(r.choices[0].tool_calls.size() == 1);
  CHECK(r.choices[0].tool_calls[0].arguments == R"({"a":1})");
}

TEST_CASE("messages.blocks.index-gap-accepted") {
  const auto r = run(message(
      {{text_block(1)}, {text_delta(1, "x")}, {block_stop(1)}, {text_block(2)}, {block_stop(2)}}));
  // Block 1 where 0 was next; then 2 where 1 was next (one block started so far).
  CHECK(rules_of(r) == Strings{"messages.block-index-gap", "messages.block-index-gap"});
  CHECK(r.choices[0].text == "x");
}

TEST_CASE("messages.blocks.not-stopped-at-message-stop") {
  const auto r = run(message({{text_block(0)}, {text_delta(0, "x")}}));
  REQUIRE(rules_of(r) == Strings{"messages.block-not-stopped"});
  CHECK(r.findings[0].event == 4); // the message_stop
  CHECK(r.done);
}

TEST_CASE("messages.blocks.unknown-types-ignored-as-info") {
  const auto r = run(message({{block_start(0, R"({"type":"hologram","frames":[]})")},
                              {text_delta(0, "silently ignored")},
                              {block_stop(0)},
                              {text_block(1)},
                              {delta(1, R"({"type":"emoji_delta","emoji":"x"})")},
                              {text_delta(1, "ok")},
                              {block_stop(1)}}));
  CHECK(rules_of(r) == Strings{"messages.unknown-block-type", "messages.unknown-delta-type"});
  CHECK(r.findings[0].severity == harness::Severity::info);
  CHECK(r.findings[1].severity == harness::Severity::info);
  CHECK(r.choices[0].text == "ok");
}

TEST_CASE("messages.blocks.delta-that-does-not-fit-its-block-ignored") {
  const auto r =
      run(message({{text_block(0)},
                   {json_delta(0, "{}")},
                   {delta(0, R"({"type":"thinking_delta","thinking":"no"})")},
                   {delta(0, R"({"type":"citations_delta","citation":{"type":"char_location"}})")},
                   {block_stop(0)},
                   {block_start(1, R"({"type":"redacted_thinking","data":"x"})")},
                   {text_delta(1, "no")},
                   {block_stop(1)}}));
  CHECK(rules_of(r) == Strings{"messages.delta-block-mismatch", "messages.delta-block-mismatch",
                               "messages.delta-block-mismatch"});
  CHECK(r.choices[0].text.empty());
  CHECK(r.choices[0].reasoning.empty());
}

TEST_CASE("messages.start.missing-reported-once-and-content-kept") {
  const auto r =
      run({{text_block(0)}, {text_delta(0, "x")}, {block_stop(0)}, {message_delta()}, {kStop}});
  REQUIRE(rules_of(r) == Strings{"messages.start-missing"});
  CHECK(r.findings[0].event == 0);
  REQUIRE(r.choices.size() == 1);
  CHECK_FALSE(r.choices[0].role.has_value());
  CHECK(r.choices[0].text == "x");
  CHECK(r.done);
  CHECK(r.usage == harness::Usage{std::nullopt, 7, std::nullopt, std::nullopt});
}

TEST_CASE("messages.start.repeated-ignored") {
  const auto r = run({{message_start()},
                      {message_start(R"({"input_tokens":99,"output_tokens":99})")},
                      {message_delta()},
                      {kStop}});
  CHECK(rules_of(r) == Strings{"messages.start-repeated"});
  CHECK(r.usage->prompt_tokens == 10);
}

TEST_CASE("messages.start.role-from-the-message") {
  const auto r =
      run({{R"({"type":"message_start","message":{"role":"user"}})"}, {message_delta()}, {kStop}});
  CHECK(r.choices[0].role == "user");
  // message_start had no usage, message_delta did.
  CHECK(r.usage == harness::Usage{std::nullopt, 7, std::nullopt, std::nullopt});
}

TEST_CASE("messages.stop-reason.missing-and-changed") {
  SUBCASE("missing") {
    const auto r = run({{message_start()}, {message_delta("null")}, {kStop}});
    CHECK(rules_of(r) == Strings{"messages.stop-reason-missing"});
    CHECK_FALSE(r.choices[0].finish_reason.has_value());
  }
  SUBCASE("changed: the first is kept") {
    const auto r = run({{message_start()},
                        {message_delta("\"max_tokens\"")},
                        {message_delta("\"end_turn\"")},
                        {kStop}});
    CHECK(rules_of(r) == Strings{"messages.stop-reason-changed"});
    CHECK(r.choices[0].finish_reason == "max_tokens");
  }
  SUBCASE("repeated identical: no finding") {
    const auto r = run({{message_start()}, {message_delta()}, {message_delta()}, {kStop}});
    CHECK(r.findings.empty());
  }
}

TEST_CASE("messages.usage.latest-input-and-output-counts") {
  const auto r = run(
      {{message_start(R"({"input_tokens":2293,"output_tokens":1,"cache_read_input_tokens":5})")},
       {message_delta("\"end_turn\"", R"({"input_tokens":4714,"output_tokens":304})")},
       {kStop}});
  CHECK(r.findings.empty());
  CHECK(r.usage == harness::Usage{4714, 304, std::nullopt, std::nullopt});
}

TEST_CASE("messages.usage.null-and-non-integer-counters-ignored") {
  const auto r =
      run({{message_start(R"({"input_tokens":20,"output_tokens":1})")},
           {message_delta("\"end_turn\"", R"({"input_tokens":null,"output_tokens":"9"})")},
           {kStop}});
  CHECK(r.usage == harness::Usage{20, 1, std::nullopt, std::nullopt});
}

TEST_CASE("messages.usage.output-tokens-decrease") {
  const auto r = run({{message_start(R"({"input_tokens":92,"output_tokens":88})")},
                      {message_delta("\"end_turn\"", R"({"output_tokens":40})")},
                      {kStop}});
  CHECK(rules_of(r) == Strings{"usage.decreased"});
  CHECK(r.usage->completion_tokens == 40);
}

TEST_CASE("messages.error.event-error") {
  const std::vector<Ev> events = {
      {message_start()},
      {text_block(0)},
      {text_delta(0, "par")},
      {R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", "error"}};
  const auto r = run(events);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] ==
        harness::StreamError{"Overloaded", "event", data_offset_of(events, 3), 3});
  CHECK(rules_of(r) == Strings{"error.event", "done.missing"});
  CHECK(r.choices[0].text == "par");
  CHECK_FALSE(r.done);
}

TEST_CASE("messages.error.payload-type-error-without-event-line") {
  const auto r =
      run({{R"({"type":"error","error":{"type":"api_error","message":"Internal server error"}})"}});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "Internal server error");
  CHECK(r.errors[0].source == "payload");
  // A decoded payload without usage and no message_stop.
  CHECK(rules_of(r) == Strings{"error.payload", "usage.missing", "done.missing"});
  CHECK(r.choices.empty());
}

TEST_CASE("messages.error.event-error-not-json") {
  const auto r = run({{"upstream connect error", "error"}});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "upstream connect error");
  // No payload was decoded: no usage.missing.
  CHECK(rules_of(r) == Strings{"error.event", "done.missing"});
}

TEST_CASE("messages.done.data-after-message-stop-ignored") {
  const std::vector<Ev> events = {{message_start()},
                                  {message_delta()},
                                  {kStop},
                                  {text_block(0)},
                                  {R"({"error":"late"})", "error"}};
  const auto r = run(events);
  CHECK(r.events == 5);
  CHECK(rules_of(r) == Strings{"done.data-after-done", "done.data-after-done"});
  CHECK(r.findings[0].offset == data_offset_of(events, 3));
  CHECK(r.errors.empty());
  CHECK(r.choices[0].text.empty());
}

TEST_CASE("messages.done.missing-and-usage-missing-point-at-the-last-event") {
  const std::vector<Ev> events = {{R"({"type":"message_start","message":{"role":"assistant"}})"},
                                  {text_block(0)},
                                  {text_delta(0, "cut")}};
  const auto r = run(events);
  REQUIRE(rules_of(r) == Strings{"usage.missing", "done.missing"});
  check_findings_at(r, events, 2);
  CHECK(r.findings[0].severity == harness::Severity::info);
  CHECK(r.findings[1].severity == harness::Severity::warning);
  CHECK_FALSE(r.usage.has_value());
}

TEST_CASE("messages.done.empty-stream") {
  const auto r = run({});
  CHECK(rules_of(r) == Strings{"done.missing"});
  CHECK(r.findings[0].offset == 0);
  CHECK(r.choices.empty());
}

TEST_CASE("messages.ping.ignored-without-reading-data") {
  const auto r =
      run(message({{"", "ping"}, {R"({"type": "ping"})"}, {text_block(0)}, {block_stop(0)}}));
  CHECK(r.findings.empty());
}

TEST_CASE("messages.event-type.mismatch-uses-the-event-line") {
  const auto r = run({{message_start(), "message_start"},
                      {text_block(0), "content_block_start"},
                      {text_delta(0, "x"), "content_block_stop"},
                      {text_delta(0, "y"), "content_block_delta"}});
  CHECK(rules_of(r) ==
        Strings{"messages.event-type-mismatch", "messages.block-after-stop", "done.missing"});
  CHECK(r.findings[0].event == 2);
  // Read as content_block_stop, the event stopped block 0; the next delta comes after its stop.
  CHECK(r.choices[0].text == "y");
}

TEST_CASE("messages.event-type.unknown-or-absent") {
  const auto r = run(message({{R"({"type":"message_pause"})"},
                              {R"({"index":0})"},
                              {R"({"type":"content_block_start"})", "future_event"}}));
  CHECK(rules_of(r) == Strings{"messages.unknown-event", "messages.unknown-event",
                               "messages.event-type-mismatch", "messages.unknown-event"});
  CHECK(r.findings[0].severity == harness::Severity::info);
}

TEST_CASE("messages.malformed.fields-missing-or-mistyped") {
  const auto r = run(
      message({{R"({"type":"content_block_start","index":"0","content_block":{"type":"text"}})"},
               {R"({"type":"content_block_start","index":0,"content_block":{}})"},
               {text_block(0)},
               {R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"a"}})"},
               {R"({"type":"content_block_delta","index":0,"delta":"text"})"},
               {delta(0, R"({"type":"text_delta","text":7})")},
               {text_delta(0, "ok")},
               {R"({"type":"content_block_stop"})"},
               {block_stop(0)},
               {R"({"type":"message_delta","delta":{"stop_reason":5}})"}}));
  CHECK(rules_of(r) == Strings(7, "messages.malformed-event"));
  CHECK(r.choices[0].text == "ok");
  CHECK(r.choices[0].finish_reason == "end_turn");
}

TEST_CASE("messages.json.invalid-and-not-object-skipped") {
  const std::string bad =
      R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"},})";
  const std::vector<Ev> events =
      message({{text_block(0)}, {bad}, {"[1]"}, {text_delta(0, "ok")}, {block_stop(0)}});
  const auto r = run(events);
  REQUIRE(rules_of(r) == Strings{"json.invalid", "json.not-object"});
  // RapidJSON stops at the '}' after the comma, where a member name should be.
  CHECK(r.findings[0].offset == data_offset_of(events, 2) + bad.size() - 1);
  CHECK(r.findings[0].message.find("Missing a name for object member.") != std::string::npos);
  CHECK(r.choices[0].text == "ok");
}

TEST_CASE("messages.findings.parser-findings-kept-in-order") {
  auto d = make_messages_decoder();
  harness::sse::Event e;
  e.data = "{";
  e.data_offset = 10;
  d->on_finding(harness::Finding{"sse.first", harness::Severity::warning, 1, 0, "one"});
  d->on_event(e);
  const auto r = d->finish();
  CHECK(rules_of(r) == Strings{"sse.first", "json.invalid", "done.missing"});
}
