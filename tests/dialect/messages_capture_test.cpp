// Excerpts of the real Anthropic captures (the corpus's streams/anthropic cases, see their
// case.json: vcrpy cassettes of pydantic-ai and Mirascope, MIT), cut out of the corpus files by
// event number, byte for byte, through the tolerant parser, fed whole and byte by byte. Each excerpt
// keeps whole events only, so what it reassembles is what its events say; the expected values were
// read off the bytes.
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
  const char *name;               ///< the corpus case streams/anthropic/<name>
  std::vector<EventRange> events; ///< the excerpt; empty: the whole capture
  Figures expected;
};

// Anthropic sends no total and no reasoning count: they stay empty.
const std::vector<Capture> kCaptures = {
    // The padding before the closing braces is valid JSON whitespace.
    {"text-minimal-sonnet45",
     {},
     {.events = 7,
      .role = "assistant",
      .text = {"2"},
      .finish_reason = "end_turn",
      .usage = Usage{20, 5, std::nullopt, std::nullopt}}},
    // input {} in the start block, then "", "{\"a\": 2", ", \"b\": 3}".
    {"tool-use-input-json-delta-sonnet45",
     {},
     {.events = 9,
      .role = "assistant",
      .finish_reason = "tool_use",
      .tool_calls = {{0, "toolu_01GWMYVRPdJWuP8ywu1XZDW8", "tool_use",
                      "customAdditionImplementation", R"({"a": 2, "b": 3})"}},
      .usage = Usage{853, 72, std::nullopt, std::nullopt}}},
    // The text is cut mid-list.
    {"max-tokens-sonnet4",
     {},
     {.events = 13,
      .role = "assistant",
      .text = {.head = "Here are all 50 U.S. states in alphabetical order:\n\n1. Alabama\n",
               .size = 150,
               .tail = "\n8. Delaware\n9"},
      .finish_reason = "max_tokens",
      .usage = Usage{15, 50, std::nullopt, std::nullopt}}},
    // Text deltas 28-31 left out. bash_code_execution_tool_result is a known block without
    // deltas. Two text blocks (1 and 4) joined without a separator; a keycap "1" U+FE0F U+20E3
    // arrives split over two deltas. Nine input_json_delta fragments, the first empty, escaped
    // quotes split across fragments. message_start says input 2293; the message_delta's 4714
    // (after the server tool ran) wins.
    {"code-execution-server-tool-sonnet46",
     {{0, 27}, {32, 34}},
     {.events = 31,
      .role = "assistant",
      .text = {.head = "I'll calculate that expression for you right away!Following the "
                       "standard **order of operations (PEMDAS/BODMAS)**",
               .size = 306,
               .tail = "| 1\xEF\xB8\x8F\xE2\x83\xA3 | `6544 \xC3\x97 65464` | `428,394,416"},
      .reasoning = "Let me calculate this mathematical expression.",
      .finish_reason = "end_turn",
      .tool_calls = {{0, "srvtoolu_01MwXaweAHve88x6s3Fc8x6Q", "server_tool_use",
                      "bash_code_execution",
                      R"({"command": "echo \"65465-6544 * 65464-6+1.02255\" | bc -l"})"}},
      .usage = Usage{4714, 304, std::nullopt, std::nullopt}}},
    // Text deltas 11-23 left out. redacted_thinking blocks start and stop with no delta; their
    // opaque data is not shown as reasoning. message_start already reports output_tokens 88; the
    // final count is 189.
    {"redacted-thinking-sonnet45",
     {{0, 10}, {24, 26}},
     {.events = 14,
      .role = "assistant",
      .text = {"I notice that you've sent what appears to be some"},
      .finish_reason = "end_turn",
      .usage = Usage{92, 189, std::nullopt, std::nullopt}}},
    // The other thinking and text deltas left out. ping's "type": "ping" with a space, an empty
    // thinking_delta.
    {"thinking-sonnet4",
     {{0, 4}, {16, 21}, {114, 117}},
     {.events = 15,
      .role = "assistant",
      .text = {"Here are the streets."},
      .reasoning = "This is a straightforward question about",
      .finish_reason = "end_turn",
      .usage = Usage{43, 282, std::nullopt, std::nullopt}}},
};

std::string sse_of(const Capture &capture) {
  const std::string whole = corpus_capture("anthropic", capture.name);
  return capture.events.empty() ? whole : events_of(whole, capture.events);
}

harness::StreamResult run(const std::string &sse) {
  return replay(harness::dialect::make_messages_decoder, sse);
}

// The same stream as captures rebuilt from JSON lines have it: no `event:` lines.
std::string without_event_lines(const std::string &sse) {
  std::string out;
  for (const std::string_view line : lines_of(sse))
    if (!line.starts_with("event: "))
      out += line;
  return out;
}

} // namespace

TEST_CASE("messages.capture.figures") {
  for (const Capture &capture : kCaptures) {
    SUBCASE(capture.name) {
      check_figures(run(sse_of(capture)), capture.expected);
    }
  }
}

// Captures rebuilt from JSON lines have no `event:` lines: the payload types give the same result.
TEST_CASE("messages.capture.same-result-without-event-lines") {
  for (const Capture &capture : kCaptures) {
    CAPTURE(capture.name);
    const std::string sse = sse_of(capture);
    const std::string stripped = without_event_lines(sse);
    CHECK(stripped.size() < sse.size());
    CHECK(run(stripped) == run(sse));
  }
}

TEST_CASE("messages.capture.cut-before-message-stop") {
  const std::string whole = corpus_capture("anthropic", "text-minimal-sonnet45");
  const std::string cut = whole.substr(0, whole.find("event: message_stop"));
  const auto r = run(cut);
  CHECK(r.events == 6);
  CHECK_FALSE(r.done);
  CHECK(rule_counts(r) == Counts{{"done.missing", 1}});
  CHECK(r.choices.at(0).finish_reason == "end_turn");
}
