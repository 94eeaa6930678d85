// Excerpts of the real Responses API captures (captures/README.md: the corpus's openai-responses
// and lmstudio cases, with the big response objects trimmed) through the tolerant parser, fed whole
// and byte by byte. The expected values were read off the bytes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dialect/capture_support.hpp"
#include "dialect/decoder.hpp"
#include "dialect/figures.hpp"
#include "dialect/messages_support.hpp"

using namespace dialect_test;
using harness::Usage;

namespace {

struct Capture {
  const char *file; ///< under captures/
  Figures expected;
  /// Replayed with `event:` lines added too: no finding or error carries an offset that the added
  /// lines would move.
  bool with_event_lines = true;
};

const std::vector<Capture> kCaptures = {
    // All 11 events. No sequence_number at all: nothing to check. A function_call item only: no
    // message item, no role. Five argument deltas ({", country, ":", France, "}), equal to .done
    // and to the done item.
    {"openai-responses/function-call-gpt4o-2025-03.sse",
     {.events = 11,
      .finish_reason = "completed",
      .tool_calls = {{0, "call_kL0PCQV7M2WMoVX8V8OtYSAL", "function", "get_capital",
                      R"({"country":"France"})"}},
      .usage = Usage{255, 16, 271, 0}}},
    // Rebuilt from JSON lines (no event: lines): all 4 events. One error, from the error event;
    // response.failed repeats the same error.
    {"openai-responses/error-insufficient-quota-then-failed.sse",
     {.events = 4,
      .rules = {{"error.payload", 1}, {"usage.missing", 1}},
      .errors = {{"payload", 2,
                  "You exceeded your current quota, please check your plan and billing details."}},
      .finish_reason = "failed"},
     false},
    // All 16 events. response.queued starts it; numbers 1..16 are consecutive.
    {"openai-responses/background-resume-starting-after.sse",
     {.events = 16,
      .role = "assistant",
      .text = {"2 + 2 equals 4."},
      .finish_reason = "completed",
      .usage = Usage{15, 9, 24, 0}}},
    // All 17 events.
    {"openai-responses/refusal-gpt4o-json-schema.sse",
     {.events = 17,
      .role = "assistant",
      .refusal = "I'm sorry, I can't assist with that.",
      .finish_reason = "completed",
      .usage = Usage{54, 11, 65, 0}}},
    // All 17 events; logprobs and obfuscation are ignored.
    {"openai-responses/logprobs-gpt4o-mini.sse",
     {.events = 17,
      .role = "assistant",
      .text = {"The capital of Minas Gerais is Belo Horizonte."},
      .finish_reason = "completed",
      .usage = Usage{25, 10, 35, 0}}},
    // Rebuilt from JSON lines (no event: lines): events 0-6 and 73-76 of 77, so the excerpt jumps
    // from sequence_number 6 to 73 (the whole capture has no gap) and leaves out the message item.
    // The function call's arguments come only in .done.
    {"lmstudio/responses-reasoning-tool-call.sse",
     {.events = 11,
      .rules = {{"responses.done-without-deltas", 1}, {"responses.sequence-gap", 1}},
      .reasoning = "The user is",
      .finish_reason = "completed",
      .tool_calls = {{0, "call_2025306790300011", "function", "weather",
                      R"({"location":"San Francisco"})"}},
      .usage = Usage{182, 61, 243, 48}}},
};

harness::StreamResult run(const std::string &sse) {
  return replay(harness::dialect::make_responses_decoder, sse);
}

// Adds `event: <type>` before each `data: {"type":"<type>"...` line, as the real wire has it.
std::string with_event_lines(const std::string &sse) {
  constexpr std::string_view kPrefix = "data: {\"type\":\"";
  std::string out;
  for (const std::string_view line : lines_of(sse)) {
    if (line.starts_with(kPrefix)) {
      const size_t type_end = line.find('"', kPrefix.size());
      out.append("event: ").append(line.substr(kPrefix.size(), type_end - kPrefix.size()));
      out.push_back('\n');
    }
    out.append(line);
  }
  return out;
}

} // namespace

TEST_CASE("responses.capture.figures") {
  for (const Capture &capture : kCaptures) {
    SUBCASE(capture.file) {
      check_figures(run(test_capture(capture.file)), capture.expected);
    }
  }
}

// The wire has `event:` lines, captures rebuilt from JSON lines do not: the same result either way.
TEST_CASE("responses.capture.same-result-with-event-lines") {
  for (const Capture &capture : kCaptures) {
    if (!capture.with_event_lines)
      continue;
    CAPTURE(capture.file);
    const std::string sse = test_capture(capture.file);
    const auto plain = run(sse);
    const auto lined = run(with_event_lines(sse));
    CHECK(lined.choices == plain.choices);
    CHECK(lined.usage == plain.usage);
    CHECK(lined.done == plain.done);
    CHECK(rule_counts(lined) == rule_counts(plain));
  }
}
