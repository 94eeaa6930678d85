// serve.wire-*: wire options as users write them, and the plan they make for a stream — what the
// client is sent is what `clients run` derives its expectations from, so every fault is pinned.
#include <doctest/doctest.h>

#include "pipeline/replay.hpp"
#include "serve/wire.hpp"
#include "sse/whole_stream.hpp"

using namespace harness::serve;

namespace {

// Three events with blank lines, then [DONE]: events start at 0, 77, 136 and 203.
const std::string kStream =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"He\"}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"llo\"}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
    "data: [DONE]\n\n";

WireOptions wire(std::string_view text) {
  auto w = parse_wire_options(text, WireOptions{});
  REQUIRE_MESSAGE(w.ok(), text);
  return *w;
}

Plan plan_for(std::string_view options, std::string_view dialect = "openai-chat",
              const std::string &stream = kStream) {
  auto p = plan(stream, harness::sse::event_offsets(stream), dialect, wire(options));
  REQUIRE_MESSAGE(p.ok(), (p.ok() ? std::string() : p.error().str()));
  return *p;
}

/// The writes of a plan, as strings.
std::vector<std::string> writes(const Plan &p) {
  std::vector<std::string> out;
  size_t from = 0;
  for (size_t end : p.ends) {
    out.emplace_back(p.body.substr(from, end - from));
    from = end;
  }
  return out;
}

size_t errors_seen(std::string_view body, std::string_view dialect) {
  const auto *tolerant = harness::pipeline::find_implementation("tolerant");
  return harness::pipeline::replay(body, *tolerant, dialect, harness::split::Split{}).errors.size();
}

} // namespace

TEST_CASE("serve.wire-options-parse-and-name-themselves") {
  const auto w = wire("bytes:7+close+delay:5+cut-bytes:10");
  CHECK(w.writes.name() == "bytes:7");
  CHECK(w.framing == Framing::close);
  CHECK(w.delay_ms == 5);
  CHECK(w.fault == Fault{Fault::Kind::cut_bytes, 10});
  CHECK(w.name() == "bytes:7+close+delay:5+cut-bytes:10");
  CHECK(wire("-").name() == "-");
  CHECK(wire("whole+chunked").name() == "-");
  CHECK(wire("events+status:429").name() == "events+status:429");
  CHECK(wire("drip+events").event_writes); // later items override earlier ones of their kind
  CHECK_FALSE(wire("events+drip").event_writes);
  for (const char *text : {"cut-events:3", "reset:1", "stall:250", "bad-chunk:9", "status:500",
                           "error-event:0", "random:4+close"})
    CHECK(wire(wire(text).name()) == wire(text));
}

TEST_CASE("serve.wire-bad-options-are-refused-with-the-item") {
  for (const char *text : {"nonsense", "every", "at:3", "bytes:0", "status:200", "status:600",
                           "delay:x", "delay:70000", "cut-bytes", "cut-bytes:", "reset:-1",
                           "whole+", "stall:99999"}) {
    auto w = parse_wire_options(text, WireOptions{});
    CHECK_MESSAGE(!w.ok(), text);
    if (!w.ok())
      CHECK(w.error().message.find("wire option") != std::string::npos);
  }
}

TEST_CASE("serve.wire-defaults-apply-under-dash-and-under-items") {
  WireOptions defaults;
  defaults.framing = Framing::close;
  auto w = parse_wire_options("drip", defaults);
  REQUIRE(w.ok());
  CHECK(w->framing == Framing::close);
  CHECK(w->writes.name() == "drip");
}

TEST_CASE("serve.wire-plan-without-fault-sends-the-stream-unchanged") {
  for (const char *options : {"-", "drip", "bytes:7", "random:3", "events", "close",
                              "delay:3", "stall:100"}) {
    const Plan p = plan_for(options);
    CAPTURE(options);
    CHECK(p.status == 200);
    CHECK(p.body == kStream);
    CHECK(p.ends.back() == kStream.size());
    CHECK_FALSE(p.stream_cut);
    CHECK_FALSE(p.error_must_surface());
    CHECK(p.ending == Ending::complete);
    CHECK(p.pause_ms.size() == p.ends.size());
  }
  CHECK(writes(plan_for("events")) ==
        std::vector<std::string>{kStream.substr(0, 77), kStream.substr(77, 59),
                                 kStream.substr(136, 67), kStream.substr(203)});
  CHECK(plan_for("drip").ends.size() == kStream.size());
  const Plan delayed = plan_for("events+delay:7");
  CHECK(delayed.pause_ms == std::vector<uint32_t>{0, 7, 7, 7});
  const Plan stalled = plan_for("events+stall:300");
  CHECK(stalled.pause_ms == std::vector<uint32_t>{0, 0, 300, 0});
}

TEST_CASE("serve.wire-plan-replays-recorded-timing-scaled") {
  using harness::corpus::Arrival;
  const std::vector<Arrival> reads = {{0, 40000}, {100, 140000}, {180, 145500}};
  const auto starts = harness::sse::event_offsets(kStream);
  auto p = plan(kStream, starts, "openai-chat", wire("timing:1"), reads);
  REQUIRE(p.ok());
  CHECK(p->body == kStream);
  CHECK(p->ends == std::vector<size_t>{100, 180, kStream.size()});
  CHECK(p->pause_ms == std::vector<uint32_t>{40, 100, 5});
  p = plan(kStream, starts, "openai-chat", wire("timing:0.5+delay:1"), reads);
  REQUIRE(p.ok());
  CHECK(p->pause_ms == std::vector<uint32_t>{20, 51, 3});
  p = plan(kStream, starts, "openai-chat", wire("timing:2+cut-bytes:150"), reads);
  REQUIRE(p.ok());
  CHECK(p->ends == std::vector<size_t>{100, 150});
  CHECK(wire("timing:0.25").name() == "timing:0.25");
  CHECK(wire("timing:3").name() == "timing:3");
  for (const char *bad : {"timing:0", "timing:101", "timing:0.0001", "timing:x", "timing:"})
    CHECK_FALSE(parse_wire_options(bad, WireOptions{}).ok());
  // A case without recorded timing cannot be replayed with it.
  CHECK_FALSE(plan(kStream, starts, "openai-chat", wire("timing:1")).ok());
}

TEST_CASE("serve.wire-plan-cuts-resets-and-bad-chunks") {
  const Plan cut = plan_for("cut-bytes:70");
  CHECK(cut.body == kStream.substr(0, 70));
  CHECK(cut.stream_cut);
  CHECK(cut.ending == Ending::close);
  CHECK(cut.error_must_surface()); // chunked without its last chunk: visible
  CHECK(cut.what_happened == "closed after 70 of " + std::to_string(kStream.size()) + " bytes");
  const Plan quiet = plan_for("cut-bytes:70+close");
  CHECK_FALSE(quiet.error_must_surface()); // a close-delimited body cut short looks complete

  const Plan events = plan_for("cut-events:2");
  CHECK(events.body == kStream.substr(0, 136));
  CHECK(plan_for("reset:5").ending == Ending::reset);
  CHECK(plan_for("reset:5+close").error_must_surface());
  CHECK(plan_for("bad-chunk:5").ending == Ending::bad_chunk);

  const auto starts = harness::sse::event_offsets(kStream);
  CHECK(starts == std::vector<uint64_t>{0, 77, 136, 203});
  CHECK_FALSE(plan(kStream, starts, "openai-chat", wire("bad-chunk:5+close")).ok());
  CHECK_FALSE(plan(kStream, starts, "openai-chat", wire("cut-bytes:999")).ok());
  CHECK_FALSE(plan(kStream, starts, "openai-chat", wire("cut-events:4")).ok());
  CHECK_FALSE(plan(kStream, starts, "openai-chat", wire("error-event:4")).ok());
}

TEST_CASE("serve.wire-plan-http-errors-send-json-and-no-stream") {
  const Plan p = plan_for("status:429");
  CHECK(p.status == 429);
  CHECK(p.body.find("\"error\"") != std::string::npos);
  CHECK(p.body.find("429") != std::string::npos);
  CHECK(p.error_must_surface());
  CHECK(p.ends.empty());
}

TEST_CASE("serve.wire-plan-error-event-is-an-error-in-the-case-dialect") {
  const Plan chat = plan_for("error-event:1");
  CHECK(chat.body.substr(0, 77) == kStream.substr(0, 77));
  CHECK(chat.error_event);
  CHECK(chat.error_must_surface());
  CHECK(errors_seen(chat.body, "openai-chat") == 1);

  const std::string messages =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\","
      "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"x\","
      "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
      "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
  const Plan m = plan_for("error-event:1", "anthropic-messages", messages);
  CHECK(m.body.find("event: error\n") != std::string::npos);
  CHECK(errors_seen(m.body, "anthropic-messages") == 1);

  const std::string responses =
      "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r\","
      "\"status\":\"in_progress\",\"output\":[]}}\n\n"
      "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":"
      "\"r\",\"status\":\"completed\",\"output\":[]}}\n\n";
  const Plan r = plan_for("error-event:1", "openai-responses", responses);
  CHECK(errors_seen(r.body, "openai-responses") == 1);

  const std::string gemini =
      "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]}}]}\r\n\r\n"
      "data: {\"candidates\": [{\"finishReason\": \"STOP\"}]}\r\n\r\n";
  const Plan g = plan_for("error-event:1", "gemini", gemini);
  CHECK(g.body.find("data: {\"error\": {\"code\": 500,") != std::string::npos);
  CHECK(errors_seen(g.body, "gemini") == 1);

  // A stream without blank lines still gets the error as a block of its own.
  const std::string bare = "data: {\"choices\":[]}\ndata: [DONE]";
  const Plan b = plan_for("error-event:1", "openai-chat", bare);
  CHECK(b.body.substr(0, 21) == "data: {\"choices\":[]}\n");
  CHECK(b.body[21] == '\n');
}
